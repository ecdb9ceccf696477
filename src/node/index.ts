export { createNodeKernelPool, defaultKernelWorkerUrl, kernelWorkerAvailable } from './kernelPool.js';
export { installNativeKernels, installNativeKernelsFrom, installedNativeKernels, NATIVE_KERNELS_PATH, type NativeKernelsState } from './nativeKernels.js';
