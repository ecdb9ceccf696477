// Blocked Householder tridiagonalization of a symmetric matrix held by its lower triangle (LAPACK's dsytrd with
// dlatrd, lower). A panel of PANEL columns is reduced one column at a time; each column costs one product of the
// trailing block with a vector (symv.as) and row-wise corrections (latrd.as), both shared by the threads. The
// panel's reflectors V and the matching W then update the trailing block at once, A -= V·Wᵀ + W·Vᵀ, in the tiled
// kernel (tiles.as): half of the flops run at the speed of a matrix product instead of a matrix-vector one.

import { barrier, beginPhase, claim, report, stopRequested } from './sync';
import { at, tridiagonalizeUnblocked } from './sytd2';
import { CHUNK, symvChunk } from './symv';
import { dot, finishRows, finishW, packPanel, PANEL, reflect, ROW_BLOCK } from './latrd';
import { lowerUpdate, SUBTRACT } from './tiles';

/** The last columns (at least this many) are reduced without blocking, in cache. */
const UNBLOCKED = 128;

/** float64 values of the scratch area: τ, the 2·PANEL dot products Wᵀv, Vᵀv, and each row block's share of w·v. */
function scratchSize(n: i32): i32 {
  return 2 + 2 * PANEL + (n + ROW_BLOCK - 1) / ROW_BLOCK;
}

/** float64 values of workspace that `tridiagonalize` needs for order n (after the matrix, d and e). */
export function tridiagonalWorkspace(n: i32): i32 {
  const padded = (n + 3) & ~3;
  const chunks = (n + CHUNK - 1) / CHUNK;
  return (6 * PANEL + 2 + chunks) * padded + 4 * n + scratchSize(n);
}

/**
 * Every thread of the job calls this with its index. Reduces the symmetric n×n matrix at `a` (lower triangle,
 * leading dimension lda ≥ n rounded up to 4, with that many columns; entries below row n zero) to the tridiagonal
 * (d, e), destroying A. `work` holds tridiagonalWorkspace(n) values. Progress counts reduced columns. Returns 1
 * when stopped on request, else 0.
 *
 * Per column, thread 0 forms the reflector; then all threads compute the product's chunks and the dot products
 * Wᵀv, Vᵀv (one phase), then w row block by row block (another); thread 0 adds the last term. Every sum has a
 * fixed order, whatever thread computes which item.
 */
export function tridiagonalize(thread: i32, ctl: usize, a: usize, n: i32, ldaIn: i32, d: usize, e: usize, work: usize): i32 {
  let phase = 0;
  let k0 = 0;
  for (; n - k0 - PANEL >= UNBLOCKED; k0 += PANEL) {
    if (stopRequested(ctl, thread)) return 1;
    report(ctl, thread, k0);
    phase = reducePanel(thread, ctl, a, n, ldaIn, d, e, work, k0, phase);
  }
  if (thread == 0) {
    const rest = at(a, <usize>ldaIn, k0, k0);
    const kb = <usize>k0 << 3;
    tridiagonalizeUnblocked(rest, n - k0, ldaIn, d + kb, e + kb, work + workspaceTail(n));
    report(ctl, thread, n);
  }
  return 0;
}

/**
 * Byte offset in `work` of the unblocked reduction's 4n values: after V, W, the packed panels (2·PANEL vectors
 * each way), the product's dots and its chunks' partial vectors, each `padded` values long.
 */
function workspaceTail(n: i32): usize {
  const padded = (n + 3) & ~3;
  return (<usize>(6 * PANEL + 1 + (n + CHUNK - 1) / CHUNK) * <usize>padded) << 3;
}

/**
 * The host's own implementation of the product phase's claim loop below (y = A v in chunks and the 2p dot
 * products), for a CPU with wider vectors than WebAssembly's: the same operations in the same order
 * (src/node/native/kernels.c), returning true; or false where the host has none, and the loop runs here.
 */
// @ts-ignore: decorator
@external("host", "product")
declare function hostProduct(
  ctl: usize,
  phase: i32,
  a: usize,
  lda: i32,
  n: i32,
  from: i32,
  first: i32,
  chunks: i32,
  p: i32,
  v: usize,
  dots: usize,
  parts: usize,
  ldv: usize,
  products: usize,
  wb: usize,
  vb: usize,
): bool;

/**
 * Reduces columns [k0, k0 + PANEL) and updates the trailing block; returns the next phase number. A function of
 * its own, called once per panel: an engine that starts code in a baseline compiler and optimizes a function only
 * for its later calls then runs all but the first panels optimized.
 */
function reducePanel(thread: i32, ctl: usize, a: usize, n: i32, ldaIn: i32, d: usize, e: usize, work: usize, k0: i32, phaseIn: i32): i32 {
  const lda = <usize>ldaIn;
  const padded = (n + 3) & ~3;
  const ldv = <usize>padded << 3;
  const vb = work;
  const wb = vb + <usize>PANEL * ldv;
  const rows = wb + <usize>PANEL * ldv;
  const cols = rows + <usize>(2 * PANEL) * ldv;
  const dots = cols + <usize>(2 * PANEL) * ldv;
  const parts = dots + ldv;
  const scratch = work + workspaceTail(n) + (<usize>(4 * n) << 3);
  const products = scratch + 8; // Wᵀv at [q], Vᵀv at [PANEL + q]
  const shares = products + (<usize>(2 * PANEL) << 3);
  let phase = phaseIn;
  for (let p = 0; p <= PANEL; p++) {
    const j = k0 + p;
    if (thread == 0) {
      if (p > 0) {
        // The last term of w for the previous column: c = −(τ/2)(w·v), its rows' shares added in order.
        let wv: f64 = 0;
        for (let b = j / ROW_BLOCK; b * ROW_BLOCK < n; b++) wv += load<f64>(shares + (<usize>b << 3));
        finishW(n, j, p - 1, -0.5 * load<f64>(scratch) * wv, vb, wb, ldv);
      }
      if (p < PANEL) store<f64>(scratch, reflect(a, lda, n, j, p, vb, wb, ldv, d, e));
    }
    if (p == PANEL) break;
    barrier(ctl);
    // y = A(j+1:n, j+1:n)·v in chunks, and the dot products with the panel's earlier vectors.
    const from = j + 1;
    const v = vb + <usize>p * ldv;
    const first = from / CHUNK;
    const chunks = (n - 1) / CHUNK - first + 1;
    beginPhase(ctl, thread, phase);
    const hosted = hostProduct(ctl, phase, a, ldaIn, n, from, first, chunks, p, v, dots, parts, ldv, products, wb, vb);
    for (let item = hosted ? chunks + p : claim(ctl, phase); item < chunks + p; item = claim(ctl, phase)) {
      if (item < chunks) {
        const t = first + item;
        symvChunk(a, lda, n, from, t, v, dots, parts + <usize>t * ldv);
      } else {
        const q = item - chunks;
        const qb = <usize>q << 3;
        store<f64>(products + qb, dot(wb + <usize>q * ldv, v, from, n));
        store<f64>(products + qb + (<usize>PANEL << 3), dot(vb + <usize>q * ldv, v, from, n));
      }
    }
    barrier(ctl);
    phase++;
    // w row block by row block.
    const firstBlock = from / ROW_BLOCK;
    const blocks = (n - 1) / ROW_BLOCK - firstBlock + 1;
    const tau = load<f64>(scratch);
    beginPhase(ctl, thread, phase);
    for (let item = claim(ctl, phase); item < blocks; item = claim(ctl, phase)) {
      const b = firstBlock + item;
      const share = finishRows(max(from, b * ROW_BLOCK), min(n, (b + 1) * ROW_BLOCK), first, p, tau, vb, wb, ldv, dots, parts, products);
      store<f64>(shares + (<usize>b << 3), share);
    }
    barrier(ctl);
    phase++;
  }
  const s = k0 + PANEL;
  if (thread == 0) packPanel(n, s, padded, vb, wb, ldv, rows, cols);
  barrier(ctl);
  lowerUpdate(ctl, thread, phase++, cols, rows, <usize>(2 * PANEL) << 5, 2 * PANEL, a, ldaIn, s >> 2, padded >> 2, SUBTRACT);
  return phase;
}
