// The Gram product C = (sW)ᵀ(sW) of a row-major N×M matrix W, s a power of two, lower triangle only (a symmetric
// rank-N update, BLAS's syrk). W arrives in blocks of rows, one call each, so that it never needs to lie whole in
// memory; each block is packed GRAM_BLOCK_ROWS rows at a time into panels of four columns (tiles.as) by all
// threads, then multiplied into C by all threads.

import { barrier, beginPhase, claim, report, stopRequested } from './sync';
import { ADD, lowerUpdate, STORE } from './tiles';

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
 * Every thread of the job calls this with its index. Adds to C (lower triangle, column-major, leading dimension
 * ldc ≥ M rounded up to 4) the product (scale·B)ᵀ(scale·B) of `count` consecutive rows of W, row-major at `block`,
 * `first` being the index in W of the first of them; the call with first = 0 writes C instead of adding to it
 * (the lower block triangle of 4×4 tiles: every entry the tridiagonalization reads, rows beyond M included, which
 * come out zero). C's other entries are never written: fresh pages there are never touched, a cost on virtual
 * machines. Calls for rows 0, R, 2R, … (R a multiple of GRAM_BLOCK_ROWS) give C = (scale·W)ᵀ(scale·W), the same
 * bits whatever R: W is taken GRAM_BLOCK_ROWS rows at a time from row 0. `packed` has room for GRAM_BLOCK_ROWS ×
 * ldc values. Progress counts this call's rows. Returns 1 when stopped on request, else 0.
 */
export function gramRows(thread: i32, ctl: usize, block: usize, first: i32, count: i32, m: i32, scale: f64, c: usize, ldc: i32, packed: usize): i32 {
  const panels = (m + 3) >> 2;
  let phase = 0;
  for (let k0 = 0; k0 < count; k0 += GRAM_BLOCK_ROWS) {
    // A job asked to stop before it starts leaves memory untouched.
    if (stopRequested(ctl, thread)) return 1;
    const rows = min(GRAM_BLOCK_ROWS, count - k0);
    pack(ctl, thread, phase++, block, m, k0, rows, scale, packed);
    const mode = first + k0 == 0 ? STORE : ADD;
    lowerUpdate(ctl, thread, phase++, packed, packed, <usize>rows << 5, rows, c, ldc, 0, panels, mode);
    report(ctl, thread, k0 + rows);
  }
  return 0;
}
