export * from './types.js';
export { resolveParams, ensembleLaw, MAX_ENTRIES, type ResolvedParams } from './params.js';
export { LAWS, LAW_NAMES, HEAVY_TAILED_LAWS, lawOf, checkMu, type LawDescriptor, type LawName, type MuRange } from './laws.js';
export { predictTruth } from './truth.js';
export { randomOrthonormalRows } from './orthonormal.js';
export { generate } from './generate.js';
export { ENSEMBLE_FAMILIES, columnsFor, ensembleParams, type EnsembleChoice, type EnsembleFamily } from './choice.js';
export { symmetricMatrix, symmetricScale, SYMMETRIC_LAWS, type SymmetricLaw, type SymmetricOptions } from './symmetric.js';
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
