export { createNodeKernelPool, defaultKernelWorkerUrl } from './kernelPool.js';
