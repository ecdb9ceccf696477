export { GENERATOR, createStream, type RandomStream } from './stream.js';
export { parseSeed, validateSeed, validateStreamName, MAX_SEED_LENGTH, type Seed, type StreamName } from './seed.js';
export { sampleNormal, fillNormal } from './normal.js';
export { sampleGamma, fillGamma, sampleChi, fillChi } from './gamma.js';
export { sampleParetoSymmetric, fillParetoSymmetric, sampleLomax, fillLomax } from './pareto.js';
export { sampleStudentT, fillStudentT } from './studentT.js';
export { sampleStableSymmetric, fillStableSymmetric } from './stable.js';
