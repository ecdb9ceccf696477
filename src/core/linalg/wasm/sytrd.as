// Blocked Householder tridiagonalization of a symmetric matrix held by its lower triangle (LAPACK's dsytrd with
// dlatrd, lower). A panel of PANEL columns is reduced one column at a time; each column costs one product of the
// trailing block with a vector (symv.as, shared by the threads) and a few small corrections by thread 0. The panel's
// reflectors V and the matching W then update the trailing block at once, A -= V·Wᵀ + W·Vᵀ, in the tiled kernel
// (tiles.as): half of the flops run at the speed of a matrix product instead of a matrix-vector one.

import { barrier, beginPhase, claim, report, stopRequested } from './sync';
import { at, tridiagonalizeUnblocked } from './sytd2';
import { CHUNK, symvChunk, symvSum } from './symv';
import { lowerUpdate } from './tiles';

/** Columns per panel. */
const PANEL = 32;
/** The last columns (at least this many) are reduced without blocking, in cache. */
const UNBLOCKED = 128;

/** float64 values of workspace that `tridiagonalize` needs for order n (after the matrix, d and e). */
export function tridiagonalWorkspace(n: i32): i32 {
  const padded = (n + 3) & ~3;
  const chunks = (n + CHUNK - 1) / CHUNK;
  return (6 * PANEL + 2 + chunks) * padded + 4 * n;
}

/** Σ x[r]·y[r] over r in [from, n), in two lanes added at the end. */
function dot(x: usize, y: usize, from: i32, n: i32): f64 {
  let acc = f64x2.splat(0);
  let r = from;
  for (; r + 1 < n; r += 2) {
    const rb = <usize>r << 3;
    acc = f64x2.add(acc, f64x2.mul(v128.load(x + rb), v128.load(y + rb)));
  }
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (r < n) sum += load<f64>(x + (<usize>r << 3)) * load<f64>(y + (<usize>r << 3));
  return sum;
}

/** z[r] -= x[r]·s + y[r]·t over r in [from, n). */
function subtractTwo(z: usize, x: usize, s: f64, y: usize, t: f64, from: i32, n: i32): void {
  const sv = f64x2.splat(s);
  const tv = f64x2.splat(t);
  let r = from;
  for (; r + 1 < n; r += 2) {
    const rb = <usize>r << 3;
    const update = f64x2.add(f64x2.mul(v128.load(x + rb), sv), f64x2.mul(v128.load(y + rb), tv));
    v128.store(z + rb, f64x2.sub(v128.load(z + rb), update));
  }
  if (r < n) {
    const rb = <usize>r << 3;
    store<f64>(z + rb, load<f64>(z + rb) - (load<f64>(x + rb) * s + load<f64>(y + rb) * t));
  }
}

/**
 * Column j = k0 + p of the panel (thread 0): brings it up to date with the panel's earlier reflectors, records
 * d[j], and forms the reflector that annihilates it below the subdiagonal: v (V[p], v[j+1] = 1) and e[j].
 * Returns τ.
 */
function reflect(a: usize, lda: usize, n: i32, j: i32, p: i32, vb: usize, wb: usize, ldv: usize, d: usize, e: usize): f64 {
  const col = at(a, lda, 0, j);
  const jb = <usize>j << 3;
  for (let q = 0; q < p; q++) {
    const vq = vb + <usize>q * ldv;
    const wq = wb + <usize>q * ldv;
    subtractTwo(col, vq, load<f64>(wq + jb), wq, load<f64>(vq + jb), j, n);
  }
  store<f64>(d + jb, load<f64>(col + jb));
  const alpha = load<f64>(col + jb, 8);
  const xnorm2 = dot(col, col, j + 2, n);
  const v = vb + <usize>p * ldv;
  store<f64>(v + jb, 1, 8);
  if (xnorm2 == 0) {
    store<f64>(e + jb, alpha);
    for (let r = j + 2; r < n; r++) store<f64>(v + (<usize>r << 3), 0);
    return 0;
  }
  const beta = -copysign<f64>(Math.sqrt(alpha * alpha + xnorm2), alpha);
  const s = 1 / (alpha - beta);
  store<f64>(e + jb, beta);
  for (let r = j + 2; r < n; r++) store<f64>(v + (<usize>r << 3), load<f64>(col + (<usize>r << 3)) * s);
  return (beta - alpha) / beta;
}

/**
 * w = τ(A v − V(Wᵀv) − W(Vᵀv)), then w −= (τ/2)(w·v)·v (thread 0), into W[p] for rows j+1..n-1, once y = A v is
 * in W[p].
 */
function finishW(n: i32, j: i32, p: i32, tau: f64, vb: usize, wb: usize, ldv: usize): void {
  const from = j + 1;
  const v = vb + <usize>p * ldv;
  const w = wb + <usize>p * ldv;
  for (let q = 0; q < p; q++) {
    const vq = vb + <usize>q * ldv;
    const wq = wb + <usize>q * ldv;
    subtractTwo(w, vq, dot(wq, v, from, n), wq, dot(vq, v, from, n), from, n);
  }
  for (let r = from; r < n; r++) store<f64>(w + (<usize>r << 3), tau * load<f64>(w + (<usize>r << 3)));
  const c = -0.5 * tau * dot(w, v, from, n);
  for (let r = from; r < n; r++) store<f64>(w + (<usize>r << 3), load<f64>(w + (<usize>r << 3)) + c * load<f64>(v + (<usize>r << 3)));
}

/**
 * The panel's reflectors as panels for the tiled kernel (thread 0): rows [s, padded) of [V | W] as row panels
 * and of [W | V] as column panels, zero beyond n, so that the kernel's sum is Σ_q V[q][r]W[q][c] + W[q][r]V[q][c].
 */
function packPanel(n: i32, s: i32, padded: i32, vb: usize, wb: usize, ldv: usize, rows: usize, cols: usize): void {
  const panelBytes = <usize>(2 * PANEL) << 5;
  for (let r = s; r < padded; r++) {
    const lane = <usize>(r & 3) << 3;
    const offset = <usize>(r >> 2) * panelBytes + lane;
    const rb = <usize>r << 3;
    for (let q = 0; q < PANEL; q++) {
      const x = r < n ? load<f64>(vb + <usize>q * ldv + rb) : 0;
      const y = r < n ? load<f64>(wb + <usize>q * ldv + rb) : 0;
      const first = offset + (<usize>q << 5);
      const second = first + (<usize>PANEL << 5);
      store<f64>(rows + first, x);
      store<f64>(rows + second, y);
      store<f64>(cols + first, y);
      store<f64>(cols + second, x);
    }
  }
}

/**
 * Every thread of the job calls this with its index. Reduces the symmetric n×n matrix at `a` (lower triangle,
 * leading dimension lda ≥ n rounded up to 4, with that many columns; entries below row n zero) to the tridiagonal
 * (d, e), destroying A. `work` holds tridiagonalWorkspace(n) values. Progress counts reduced columns. Returns 1
 * when stopped on request, else 0.
 */
export function tridiagonalize(thread: i32, ctl: usize, a: usize, n: i32, ldaIn: i32, d: usize, e: usize, work: usize): i32 {
  const lda = <usize>ldaIn;
  const padded = (n + 3) & ~3;
  const ldv = <usize>padded << 3;
  const vb = work;
  const wb = vb + <usize>PANEL * ldv;
  const rows = wb + <usize>PANEL * ldv;
  const cols = rows + <usize>(2 * PANEL) * ldv;
  const dots = cols + <usize>(2 * PANEL) * ldv;
  const parts = dots + ldv;
  const tail = parts + <usize>((n + CHUNK - 1) / CHUNK) * ldv;
  let phase = 0;
  let k0 = 0;
  for (; n - k0 - PANEL >= UNBLOCKED; k0 += PANEL) {
    if (stopRequested(ctl, thread)) return 1;
    report(ctl, thread, k0);
    let tau: f64 = 0;
    for (let p = 0; p < PANEL; p++) {
      const j = k0 + p;
      if (thread == 0) {
        if (p > 0) finishW(n, j - 1, p - 1, tau, vb, wb, ldv);
        tau = reflect(a, lda, n, j, p, vb, wb, ldv, d, e);
      }
      barrier(ctl);
      // y = A(j+1:n, j+1:n)·v into W[p], chunk by chunk.
      const v = vb + <usize>p * ldv;
      const first = (j + 1) / CHUNK;
      const chunks = (n - 1) / CHUNK - first + 1;
      beginPhase(ctl, thread, phase);
      for (let item = claim(ctl, phase); item < chunks; item = claim(ctl, phase)) {
        const t = first + item;
        symvChunk(a, lda, n, j + 1, t, v, dots, parts + <usize>t * ldv);
      }
      barrier(ctl);
      phase++;
      if (thread == 0) symvSum(n, j + 1, dots, parts, ldv, wb + <usize>p * ldv);
    }
    const s = k0 + PANEL;
    if (thread == 0) {
      finishW(n, s - 1, PANEL - 1, tau, vb, wb, ldv);
      packPanel(n, s, padded, vb, wb, ldv, rows, cols);
    }
    barrier(ctl);
    lowerUpdate(ctl, thread, phase++, cols, rows, <usize>(2 * PANEL) << 5, 2 * PANEL, a, ldaIn, s >> 2, padded >> 2, true);
  }
  if (thread == 0) {
    const rest = at(a, lda, k0, k0);
    const kb = <usize>k0 << 3;
    tridiagonalizeUnblocked(rest, n - k0, ldaIn, d + kb, e + kb, tail);
    report(ctl, thread, n);
  }
  return 0;
}
