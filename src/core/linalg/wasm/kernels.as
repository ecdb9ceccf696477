// AssemblyScript entry of the dense kernels, compiled twice by scripts/build-wasm.mjs: with its own memory for one
// thread, and over an imported shared memory for several (WebAssembly threads). Every pointer is a byte offset into
// the module's memory; the caller owns the layout. Entry points that take `thread` and `ctl` are run by every
// thread of a job at once (sync.as); with a thread count of 1 they run alone.

import { GRAM_BLOCK_ROWS } from './syrk';

export { gram } from './syrk';
export { tridiagonalize, tridiagonalWorkspace } from './sytrd';

/** float64 values of workspace that `gram` needs for M columns. */
export function gramWorkspace(m: i32): i32 {
  return GRAM_BLOCK_ROWS * ((m + 3) & ~3);
}

export function heapBase(): usize {
  return __heap_base;
}
