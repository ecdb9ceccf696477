export { arena, arenaCapacity } from './kernels.js';
export type { Arena } from './kernels.js';
