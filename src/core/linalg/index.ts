export { matrix, transpose, type Matrix } from './matrix.js';
export { gram, gramAsync } from './gram.js';
export { symmetricEigenvalues, symmetricEigenvaluesAsync } from './eigen.js';
export { esd, esdAsync, type EsdNormalization } from './esd.js';
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
