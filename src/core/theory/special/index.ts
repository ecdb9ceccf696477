// airyUnchecked stays internal: it skips the argument check for the hot loops of the Tracy–Widom kernels.
export { airy, airyAi, airyAiPrime, type AiryValue } from './airy.js';
export * from './erf.js';
export * from './gamma.js';
export * from './quadrature.js';
