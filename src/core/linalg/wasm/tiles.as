// The register-tiled product behind both level-3 kernels: the Gram product WᵀW and the rank-2k update of the
// blocked tridiagonalization. Both add to the lower triangle of a symmetric matrix a product of packed panels.
//
// A panel holds 4 rows (or 4 columns) of a product with K terms, term-major: term k of lane r at panel + (4k + r)*8.
// A tile is 4 columns × 4 rows of the destination, stored column by column (column c at dst + c*ld*8, its 4 rows
// contiguous). The 16 sums live in 8 SIMD registers while the K terms stream through: 6 loads, 8 multiplications
// and 8 additions per term. Each sum runs over k = 0, 1, …, K-1 in that order, whatever thread computes it.

import { beginPhase, barrier, claim } from './sync';

/** What a tile does with its sums: dst += sums, dst -= sums, or dst = sums (the destination's first touch). */
export const ADD = 0;
export const SUBTRACT = 1;
export const STORE = 2;

/** dst[c][r] += Σ_k colPanel[k][c] · rowPanel[k][r] (-= or = by `mode`), for c, r in 0..3. */
// @ts-ignore: decorator
@inline
function tile(colPanel: usize, rowPanel: usize, terms: i32, dst: usize, ld: usize, mode: i32): void {
  let c00 = f64x2.splat(0);
  let c01 = f64x2.splat(0);
  let c10 = f64x2.splat(0);
  let c11 = f64x2.splat(0);
  let c20 = f64x2.splat(0);
  let c21 = f64x2.splat(0);
  let c30 = f64x2.splat(0);
  let c31 = f64x2.splat(0);
  const end = colPanel + (<usize>terms << 5);
  let a = colPanel;
  let b = rowPanel;
  while (a < end) {
    const r0 = v128.load(b);
    const r1 = v128.load(b, 16);
    let s = v128.load64_splat(a);
    c00 = f64x2.add(c00, f64x2.mul(s, r0));
    c01 = f64x2.add(c01, f64x2.mul(s, r1));
    s = v128.load64_splat(a, 8);
    c10 = f64x2.add(c10, f64x2.mul(s, r0));
    c11 = f64x2.add(c11, f64x2.mul(s, r1));
    s = v128.load64_splat(a, 16);
    c20 = f64x2.add(c20, f64x2.mul(s, r0));
    c21 = f64x2.add(c21, f64x2.mul(s, r1));
    s = v128.load64_splat(a, 24);
    c30 = f64x2.add(c30, f64x2.mul(s, r0));
    c31 = f64x2.add(c31, f64x2.mul(s, r1));
    a += 32;
    b += 32;
  }
  const d1 = dst + ld;
  const d2 = d1 + ld;
  const d3 = d2 + ld;
  if (mode == SUBTRACT) {
    v128.store(dst, f64x2.sub(v128.load(dst), c00));
    v128.store(dst, f64x2.sub(v128.load(dst, 16), c01), 16);
    v128.store(d1, f64x2.sub(v128.load(d1), c10));
    v128.store(d1, f64x2.sub(v128.load(d1, 16), c11), 16);
    v128.store(d2, f64x2.sub(v128.load(d2), c20));
    v128.store(d2, f64x2.sub(v128.load(d2, 16), c21), 16);
    v128.store(d3, f64x2.sub(v128.load(d3), c30));
    v128.store(d3, f64x2.sub(v128.load(d3, 16), c31), 16);
  } else if (mode == ADD) {
    v128.store(dst, f64x2.add(v128.load(dst), c00));
    v128.store(dst, f64x2.add(v128.load(dst, 16), c01), 16);
    v128.store(d1, f64x2.add(v128.load(d1), c10));
    v128.store(d1, f64x2.add(v128.load(d1, 16), c11), 16);
    v128.store(d2, f64x2.add(v128.load(d2), c20));
    v128.store(d2, f64x2.add(v128.load(d2, 16), c21), 16);
    v128.store(d3, f64x2.add(v128.load(d3), c30));
    v128.store(d3, f64x2.add(v128.load(d3, 16), c31), 16);
  } else {
    // The sums added to +0, not just stored: the same bits as ADD to a zeroed destination (−0 becomes +0).
    const zero = f64x2.splat(0);
    v128.store(dst, f64x2.add(zero, c00));
    v128.store(dst, f64x2.add(zero, c01), 16);
    v128.store(d1, f64x2.add(zero, c10));
    v128.store(d1, f64x2.add(zero, c11), 16);
    v128.store(d2, f64x2.add(zero, c20));
    v128.store(d2, f64x2.add(zero, c21), 16);
    v128.store(d3, f64x2.add(zero, c30));
    v128.store(d3, f64x2.add(zero, c31), 16);
  }
}

/**
 * The host's own implementation of this phase's claim loop, for a CPU with wider vectors than WebAssembly's: it
 * computes the same tiles with the same bits (src/node/native/kernels.c) and returns true, or returns false where the
 * host has none, and the loop below runs here.
 */
// @ts-ignore: decorator
@external("host", "tileUpdate")
declare function hostUpdate(
  ctl: usize,
  phase: i32,
  colPanels: usize,
  rowPanels: usize,
  panelBytes: usize,
  terms: i32,
  dst: usize,
  ld: i32,
  first: i32,
  panels: i32,
  mode: i32,
): bool;

/**
 * Panels per side of one work item: an item's column panels (16 × K × 32 bytes) stay in L2 while each row panel
 * sits in L1 and meets them all.
 */
const GROUP = 16;

/**
 * The lower block triangle of panels [first, panels): tile (column panel q, row panel p) for every p ≥ q, at
 * dst + (4q·ld + 4p)·8, in one phase shared by all threads. Items are pairs of groups of GROUP panels. A diagonal
 * tile also writes its 6 entries above the diagonal, in the unused upper triangle of the destination.
 */
export function lowerUpdate(
  ctl: usize,
  thread: i32,
  phase: i32,
  colPanels: usize,
  rowPanels: usize,
  panelBytes: usize,
  terms: i32,
  dst: usize,
  ldIn: i32,
  first: i32,
  panels: i32,
  mode: i32,
): void {
  beginPhase(ctl, thread, phase);
  if (hostUpdate(ctl, phase, colPanels, rowPanels, panelBytes, terms, dst, ldIn, first, panels, mode)) {
    barrier(ctl);
    return;
  }
  const ld = <usize>ldIn << 3;
  const groups = (panels - first + GROUP - 1) / GROUP;
  const items = (groups * (groups + 1)) >> 1;
  for (let item = claim(ctl, phase); item < items; item = claim(ctl, phase)) {
    updateItem(item, first, panels, colPanels, rowPanels, panelBytes, terms, dst, ld, mode);
  }
  barrier(ctl);
}

/**
 * Item `item` of lowerUpdate: row group gr and column group gc ≤ gr, where item = gr·(gr + 1)/2 + gc. A function
 * of its own, called once per item: an engine that starts code in a baseline compiler and optimizes a function
 * only for its later calls then runs all but the first few items optimized.
 */
function updateItem(
  item: i32,
  first: i32,
  panels: i32,
  colPanels: usize,
  rowPanels: usize,
  panelBytes: usize,
  terms: i32,
  dst: usize,
  ld: usize,
  mode: i32,
): void {
  let gr = 0;
  while ((((gr + 1) * (gr + 2)) >> 1) <= item) gr++;
  const gc = item - ((gr * (gr + 1)) >> 1);
  const p0 = first + gr * GROUP;
  const p1 = min(p0 + GROUP, panels);
  const q0 = first + gc * GROUP;
  for (let p = p0; p < p1; p++) {
    const rowPanel = rowPanels + <usize>p * panelBytes;
    const q1 = min(q0 + GROUP, p + 1);
    for (let q = q0; q < q1; q++) {
      tile(colPanels + <usize>q * panelBytes, rowPanel, terms, dst + <usize>(4 * q) * ld + (<usize>(4 * p) << 3), ld, mode);
    }
  }
}
