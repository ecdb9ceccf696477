export { arena, arenaCapacity, createSharedMemory, sharedKernelModule, sharedKernels } from './kernels.js';
export type { Arena, KernelEntry, KernelExports } from './kernels.js';
