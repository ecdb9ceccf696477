// airyUnchecked stays internal: it skips the argument check for the hot loops of the Tracy–Widom kernels.
export { airy, airyAi, airyAiPrime, type AiryValue } from './airy.js';
export * from './erf.js';
export * from './gamma.js';
export * from './quadrature.js';
export * from './continuedFraction.js';
export * from './minimize.js';
export * from './roots.js';
