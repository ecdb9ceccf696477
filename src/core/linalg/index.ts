export { matrix, transpose, type Matrix } from './matrix.js';
export { gram } from './gram.js';
export { symmetricEigenvalues } from './eigen.js';
export { symmetricEigenvector, inverseParticipationRatio } from './eigenvector.js';
export { solveLinear } from './lu.js';
export { esd, type EsdNormalization } from './esd.js';
export { tridiagonalEigenvalues, edgeBlockRows, type SpectrumHistogram } from './tridiagonal.js';
export {
  laguerreEigenvalues,
  laguerreLargestEigenvalues,
  laguerreHistogram,
  type LaguerreHistogram,
  type LaguerreHistogramOptions,
  type LaguerreOptions,
  type LaguerreTopOptions,
} from './laguerre.js';
export {
  hermiteEigenvalues,
  hermiteLargestEigenvalues,
  hermiteHistogram,
  MAX_HERMITE_N,
  MAX_HERMITE_TOP_N,
  MAX_HERMITE_TOP_K,
  type HermiteOptions,
  type HermiteTopOptions,
  type HermiteHistogramOptions,
} from './hermite.js';
