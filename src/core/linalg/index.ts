export { matrix, transpose, type Matrix } from './matrix.js';
export { gram } from './gram.js';
export { symmetricEigenvalues } from './eigen.js';
export { esd, type EsdNormalization } from './esd.js';
export { tridiagonalEigenvalues } from './tridiagonal.js';
export {
  laguerreEigenvalues,
  laguerreLargestEigenvalues,
  laguerreHistogram,
  MAX_LAGUERRE_SPECTRUM_M,
  type LaguerreHistogram,
  type LaguerreHistogramOptions,
  type LaguerreOptions,
  type LaguerreTopOptions,
} from './laguerre.js';
