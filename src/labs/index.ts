/**
 * The labs' definitions, shared by the page (src/ui) and its workers (workers/): fields and limits, cross-field
 * rules, the request check, grids, cost estimates, result types and the two workers' contracts. Pure: it imports
 * only the core, never the page, the workers or the DOM.
 */
export * from './api.js';
export * from './axes.js';
export * from './benchmark.js';
export * from './cancel.js';
export * from './constraints.js';
export * from './definitions.js';
export * from './estimate.js';
export * from './fields.js';
export * from './landscape.js';
export * from './lessons.js';
export * from './models.js';
export * from './results.js';
export * from './sweeps.js';
export * from './train.js';
export * from './values.js';
