export { fitPowerLaw, fitPowerLawNaive, type PowerLawFit, type PowerLawOptions, type PowerLawWarning } from './powerLaw.js';
export { EIGENVALUE_FLOOR } from './powerLawData.js';
export {
  fitExponential,
  fitLognormal,
  fitStretchedExponential,
  fitTruncatedPowerLaw,
  powerLawTail,
  type AlternativeName,
  type TailDistributionFit,
} from './distributions.js';
export { logUpperGamma, upperGamma, logErfc } from './distributionsSpecial.js';
export {
  compareDistributions,
  likelihoodRatio,
  type DistributionComparison,
  type DistributionComparisons,
  type LikelihoodRatio,
} from './likelihoodRatio.js';
export { bootstrapPowerLaw, type BootstrapOptions, type BootstrapResult } from './bootstrap.js';
