export type { Branch, Method, PerceptronParams, PerceptronState, Weights } from './types.js';
export { perceptronHighTemperature } from './highTemperature.js';
export { perceptronAnnealed } from './annealed.js';
export { perceptronReplica } from './replica.js';
export { perceptronCurve, type CurveParams } from './curve.js';
export { perceptronPhaseLines, type PhaseLineParams, type PhaseLines } from './phaseLines.js';
export { inverseMills } from './gaussian.js';
