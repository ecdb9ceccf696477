// AssemblyScript entry of the dense kernels, compiled twice by scripts/build-wasm.mjs: with its own memory for one
// thread, and over an imported shared memory for several (WebAssembly threads). Every pointer is a byte offset into
// the module's memory; the caller owns the layout. Entry points that take `thread` and `ctl` are run by every
// thread of a job at once (sync.as); with a thread count of 1 they run alone.

import { GRAM_BLOCK_ROWS } from './syrk';

export { gramRows } from './syrk';
export { tridiagonalize, tridiagonalWorkspace } from './sytrd';

/** float64 values of workspace that `gramRows` needs for M columns. */
export function gramWorkspace(m: i32): i32 {
  return GRAM_BLOCK_ROWS * ((m + 3) & ~3);
}

/**
 * Rows of W that `gramRows` packs at a time. Blocks of W given to it are multiples of this (the last one excepted),
 * so that the product does not depend on the size of the blocks.
 */
export function gramBlockRows(): i32 {
  return GRAM_BLOCK_ROWS;
}

/**
 * The largest |x| of `count` float64 values at `x` (16-byte aligned); NaN when one of them is NaN, Infinity when
 * one is infinite and none is NaN. The caller scales W by it before the Gram product, and a JavaScript scan of a
 * W read moments ago runs in the baseline tiers, several times slower than this.
 */
export function maxAbs(x: usize, count: i32): f64 {
  let m0 = f64x2.splat(0);
  let m1 = f64x2.splat(0);
  // Four values per pass, the rest one by one.
  const end = x + (<usize>(count & ~3) << 3);
  let p = x;
  // f64x2.max returns NaN when either lane is NaN, so a NaN anywhere survives to the end.
  while (p < end) {
    m0 = f64x2.max(m0, f64x2.abs(v128.load(p)));
    m1 = f64x2.max(m1, f64x2.abs(v128.load(p, 16)));
    p += 32;
  }
  const m = f64x2.max(m0, m1);
  let out = max(f64x2.extract_lane(m, 0), f64x2.extract_lane(m, 1));
  for (let i = count & ~3; i < count; i++) out = max(out, abs(load<f64>(x + (<usize>i << 3))));
  return out;
}

export function heapBase(): usize {
  return __heap_base;
}
