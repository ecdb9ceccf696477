export * from './airy.js';
export * from './erf.js';
export * from './gamma.js';
export * from './quadrature.js';
export * from './continuedFraction.js';
export * from './minimize.js';
export * from './roots.js';
