export { matrix, transpose, type Matrix } from './matrix.js';
export { gram, gramAsync } from './gram.js';
export { symmetricEigenvalues, symmetricEigenvaluesAsync } from './eigen.js';
export { esd, esdAsync, type EsdNormalization } from './esd.js';
export { rowsOf, type MatrixRows } from './rows.js';
export type { PlanOptions } from './plans.js';
export { createKernelPool, type KernelPool, type PoolWorker } from './kernelPool.js';
export {
  answerKernelRequest,
  parallelWorthIt,
  runKernelJob,
  type KernelJob,
  type KernelReply,
  type KernelRequest,
  type KernelThreads,
} from './threads.js';
export { symmetricEigenvector, inverseParticipationRatio } from './eigenvector.js';
export { solveLinear } from './lu.js';
export { tridiagonalEigenvalues, edgeBlockRows, type SpectrumHistogram } from './tridiagonal.js';
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
