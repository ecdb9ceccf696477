export { arena, arenaCapacity, createSharedMemory, kernelHostInstalled, setKernelHost, sharedKernelModule, sharedKernels } from './kernels.js';
export type { Arena, KernelEntry, KernelExports, KernelHost } from './kernels.js';
