export { createNodeKernelPool, defaultKernelWorkerUrl, kernelWorkerAvailable } from './kernelPool.js';
