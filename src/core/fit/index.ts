export { fitPowerLaw, type PowerLawFit, type PowerLawOptions, type PowerLawWarning } from './powerLaw/fit.js';
export { EIGENVALUE_FLOOR } from './powerLaw/data.js';
export {
  fitExponential,
  fitLognormal,
  fitStretchedExponential,
  fitTruncatedPowerLaw,
  powerLawTail,
  type AlternativeName,
  type TailDistributionFit,
} from './distributions.js';
export {
  compareDistributions,
  likelihoodRatio,
  type DistributionComparison,
  type DistributionComparisons,
  type LikelihoodRatio,
} from './likelihoodRatio.js';
export { bootstrapPowerLaw, type BootstrapOptions, type BootstrapResult } from './powerLaw/bootstrap.js';
export { fitMarchenkoPastur, MIN_MP_EIGENVALUES, type MpFit, type MpFitOptions, type Normalization } from './mpFit.js';
export { spectralMetrics, numericalZeroTolerance, type SpectralMetrics } from './metrics.js';
export {
  randDistance,
  jensenShannonDistance,
  shuffledEntries,
  gaussianLike,
  RAND_NULLS,
  type RandNull,
  type RandDistance,
  type RandDistanceOptions,
} from './randDistance.js';
export { alphaInterval, estimateAlphaIntervalSeconds, MAX_ALPHA_REPLICATES, type AlphaInterval, type AlphaIntervalOptions } from './powerLaw/alphaInterval.js';
export { METRIC_DEFINITIONS, weightWatcherMpFit, sortedProfileDistance, type MetricDefinitions, type WeightWatcherMpFit } from './weightwatcherDefinitions.js';
export { classifyPhase, PHASES, PHASE_RULES, type Phase, type PhaseInput, type PhaseResult } from './phases.js';
export { fitEsd, fitEsdAsync, type EsdFit, type EsdSource, type FitEsdOptions } from './fitEsd.js';
export * from './validation/index.js';
