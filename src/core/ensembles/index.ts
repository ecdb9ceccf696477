export * from './types.js';
export { resolveParams, MAX_ENTRIES, type ResolvedParams } from './params.js';
export { elementLaw, elementMean, elementVariance, tailConstant } from './laws.js';
export { predictTruth } from './truth.js';
export { randomOrthonormalRows } from './orthonormal.js';
export { generate } from './generate.js';
export { symmetricMatrix, symmetricScale, SYMMETRIC_LAWS, type SymmetricLaw, type SymmetricOptions } from './symmetric.js';
