/** VSDL Lab: the library. Every engine of the CLI and the UI, pure and typed. */
export * from './core/errors.js';
export * from './core/random/index.js';
export * from './core/linalg/index.js';
export * from './core/ensembles/index.js';
export * from './core/theory/index.js';
export * from './core/fit/index.js';
export * from './core/vsdl/index.js';
export * from './core/layer/index.js';
export * from './core/landscape/index.js';
export * from './core/analyze/index.js';
export * from './io/index.js';
export * from './report/index.js';
export { SOFTWARE } from './version.js';
