export * from './types.js';
export { resolveParams, MAX_ENTRIES, type ResolvedParams } from './params.js';
export { elementLaw, elementMean, elementVariance, tailConstant } from './laws.js';
export { predictTruth } from './truth.js';
export { randomOrthonormalRows } from './orthonormal.js';
export { generate } from './generate.js';
export {
  calibratedAlpha,
  calibratedAlphaGap,
  ALPHA_CALIBRATION,
  CALIBRATED_LAWS,
  type CalibratedAlpha,
  type CalibratedLaw,
} from './alphaCalibration.js';
export {
  wignerMatrix,
  wignerEigenvalues,
  wignerLargestEigenvalues,
  wignerHistogram,
  wignerEntryScale,
  resolveWignerParams,
  WIGNER_TAILS,
  WIGNER_METHODS,
  MAX_WIGNER_DENSE_N,
  MAX_WIGNER_TRIDIAGONAL_N,
  type WignerParams,
  type WignerTail,
  type WignerMethod,
  type ResolvedWignerParams,
} from './wigner.js';
