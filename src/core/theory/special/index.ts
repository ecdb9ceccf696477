export * from './airy.js';
export * from './erf.js';
export * from './gamma.js';
export * from './quadrature.js';
