export * from './special/index.js';
export * from './mp.js';
export * from './bbp.js';
export * from './johnstone.js';
export * from './tracyWidom/distribution.js';
export * from './frechet.js';
export * from './heavyTail.js';
export * from './perceptron/index.js';
