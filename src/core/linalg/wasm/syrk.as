// The Gram product C = (sW)ᵀ(sW) of a row-major N×M matrix W, s a power of two, lower triangle only (a symmetric
// rank-N update, BLAS's syrk). Rows of W are taken a block at a time; each block is packed into panels of four
// columns (tiles.as) by all threads, then multiplied into C by all threads.

import { barrier, beginPhase, claim, report, stopRequested } from './sync';
import { lowerUpdate } from './tiles';

/** Rows of W per block: a panel (256 × 4 × 8 bytes = 8 KiB) stays in L1 while it meets a group of others. */
export const GRAM_BLOCK_ROWS = 256;
/** Panels packed per work item. */
const PACK_ITEM = 32;

/** Block [k0, k0 + count) of W's rows into panels of 4 columns, times `scale`; columns beyond M are zero. */
function pack(ctl: usize, thread: i32, phase: i32, w: usize, m: i32, k0: i32, count: i32, scale: f64, packed: usize): void {
  beginPhase(ctl, thread, phase);
  const panels = (m + 3) >> 2;
  const items = (panels + PACK_ITEM - 1) / PACK_ITEM;
  const panelBytes = <usize>count << 5;
  const s = f64x2.splat(scale);
  for (let item = claim(ctl, phase); item < items; item = claim(ctl, phase)) {
    const q0 = item * PACK_ITEM;
    const q1 = min(q0 + PACK_ITEM, panels);
    for (let k = 0; k < count; k++) {
      const row = w + ((<usize>(k0 + k) * <usize>m) << 3);
      for (let q = q0; q < q1; q++) {
        const dst = packed + <usize>q * panelBytes + (<usize>k << 5);
        const col = q << 2;
        if (col + 4 <= m) {
          const src = row + (<usize>col << 3);
          v128.store(dst, f64x2.mul(v128.load(src), s));
          v128.store(dst, f64x2.mul(v128.load(src, 16), s), 16);
        } else {
          for (let t = 0; t < 4; t++) {
            store<f64>(dst + (<usize>t << 3), col + t < m ? load<f64>(row + (<usize>(col + t) << 3)) * scale : 0);
          }
        }
      }
    }
  }
  barrier(ctl);
}

/**
 * Zeroes the ldc × ldc matrix C, four columns per work item. Done by the threads rather than the host: the first
 * touch of fresh memory (a page fault per 4 KiB, costly on virtual machines) is then shared among them.
 */
function zero(ctl: usize, thread: i32, phase: i32, c: usize, ldc: i32): void {
  beginPhase(ctl, thread, phase);
  const itemBytes = <usize>ldc << 5;
  const items = ldc >> 2;
  for (let item = claim(ctl, phase); item < items; item = claim(ctl, phase)) {
    memory.fill(c + <usize>item * itemBytes, 0, itemBytes);
  }
  barrier(ctl);
}

/**
 * Every thread of the job calls this with its index. C (lower triangle, column-major, leading dimension ldc ≥ M
 * rounded up to 4; the kernel zeroes all ldc × ldc entries first) receives (scale·W)ᵀ(scale·W); `packed` has room
 * for GRAM_BLOCK_ROWS × ldc values. Progress counts rows of W. Returns 1 when stopped on request, else 0.
 */
export function gram(thread: i32, ctl: usize, w: usize, n: i32, m: i32, scale: f64, c: usize, ldc: i32, packed: usize): i32 {
  const panels = (m + 3) >> 2;
  let phase = 0;
  // A job asked to stop before it starts leaves memory untouched.
  if (stopRequested(ctl, thread)) return 1;
  zero(ctl, thread, phase++, c, ldc);
  for (let k0 = 0; k0 < n; k0 += GRAM_BLOCK_ROWS) {
    if (stopRequested(ctl, thread)) return 1;
    const count = min(GRAM_BLOCK_ROWS, n - k0);
    pack(ctl, thread, phase++, w, m, k0, count, scale, packed);
    lowerUpdate(ctl, thread, phase++, packed, packed, <usize>count << 5, count, c, ldc, 0, panels, false);
    report(ctl, thread, k0 + count);
  }
  return 0;
}
