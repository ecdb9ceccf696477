// The steps of one column of a panel of the blocked reduction (sytrd.as), as LAPACK's dlatrd does them (lower).
// V[q] and W[q] are the panel's vectors, indexed by absolute row, each ldv bytes apart; column j = k0 + p.

import { at } from './sytd2';
import { CHUNK } from './symv';

/** Columns per panel. */
export const PANEL = 32;
/** Rows per item of the row-wise step, a multiple of CHUNK. */
export const ROW_BLOCK = 256;

/** Σ x[r]·y[r] over r in [from, to), in two lanes added at the end. */
export function dot(x: usize, y: usize, from: i32, to: i32): f64 {
  let acc = f64x2.splat(0);
  let r = from;
  for (; r + 1 < to; r += 2) {
    const rb = <usize>r << 3;
    acc = f64x2.add(acc, f64x2.mul(v128.load(x + rb), v128.load(y + rb)));
  }
  let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (r < to) sum += load<f64>(x + (<usize>r << 3)) * load<f64>(y + (<usize>r << 3));
  return sum;
}

/** z[r] -= x[r]·s + y[r]·t over r in [from, to). */
function subtractTwo(z: usize, x: usize, s: f64, y: usize, t: f64, from: i32, to: i32): void {
  const sv = f64x2.splat(s);
  const tv = f64x2.splat(t);
  let r = from;
  for (; r + 1 < to; r += 2) {
    const rb = <usize>r << 3;
    const update = f64x2.add(f64x2.mul(v128.load(x + rb), sv), f64x2.mul(v128.load(y + rb), tv));
    v128.store(z + rb, f64x2.sub(v128.load(z + rb), update));
  }
  if (r < to) {
    const rb = <usize>r << 3;
    store<f64>(z + rb, load<f64>(z + rb) - (load<f64>(x + rb) * s + load<f64>(y + rb) * t));
  }
}

/**
 * Thread 0, before the column's product: brings column j up to date with the panel's earlier reflectors, records
 * d[j], and forms the reflector that annihilates it below the subdiagonal: v (V[p], v[j+1] = 1) and e[j].
 * Returns τ.
 */
export function reflect(a: usize, lda: usize, n: i32, j: i32, p: i32, vb: usize, wb: usize, ldv: usize, d: usize, e: usize): f64 {
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
 * Rows [r0, r1) of w = τ(A v − V(Wᵀv) − W(Vᵀv)) into W[p], given the product's pieces (symv.as: dots and the
 * chunks' partial vectors, chunks from `first` on) and the 2p dot products t = [Wᵀv | Vᵀv]. Returns these rows'
 * share of w·v.
 */
export function finishRows(
  r0: i32,
  r1: i32,
  first: i32,
  p: i32,
  tau: f64,
  vb: usize,
  wb: usize,
  ldv: usize,
  dots: usize,
  parts: usize,
  t: usize,
): f64 {
  const w = wb + <usize>p * ldv;
  const range = <usize>(r1 - r0) << 3;
  const start = <usize>r0 << 3;
  memory.copy(w + start, dots + start, range);
  // y[r] = dots[r] + Σ_t part_t[r], t increasing (chunk t's vector starts at its first column).
  for (let c = first; c * CHUNK < r1; c++) {
    const part = parts + <usize>c * ldv;
    let r = max(r0, c * CHUNK);
    for (; r + 1 < r1; r += 2) {
      const rb = <usize>r << 3;
      v128.store(w + rb, f64x2.add(v128.load(w + rb), v128.load(part + rb)));
    }
    if (r < r1) store<f64>(w + (<usize>r << 3), load<f64>(w + (<usize>r << 3)) + load<f64>(part + (<usize>r << 3)));
  }
  for (let q = 0; q < p; q++) {
    const qb = <usize>q << 3;
    subtractTwo(w, vb + <usize>q * ldv, load<f64>(t + qb), wb + <usize>q * ldv, load<f64>(t + qb + (<usize>PANEL << 3)), r0, r1);
  }
  const v = vb + <usize>p * ldv;
  const tv = f64x2.splat(tau);
  let acc = f64x2.splat(0);
  let r = r0;
  for (; r + 1 < r1; r += 2) {
    const rb = <usize>r << 3;
    const x = f64x2.mul(tv, v128.load(w + rb));
    v128.store(w + rb, x);
    acc = f64x2.add(acc, f64x2.mul(x, v128.load(v + rb)));
  }
  let wv = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  if (r < r1) {
    const rb = <usize>r << 3;
    const x = tau * load<f64>(w + rb);
    store<f64>(w + rb, x);
    wv += x * load<f64>(v + rb);
  }
  return wv;
}

/** w += c·v over rows [from, n), with c = −(τ/2)(w·v): the last step of W[p] (thread 0). */
export function finishW(n: i32, from: i32, p: i32, c: f64, vb: usize, wb: usize, ldv: usize): void {
  const v = vb + <usize>p * ldv;
  const w = wb + <usize>p * ldv;
  for (let r = from; r < n; r++) store<f64>(w + (<usize>r << 3), load<f64>(w + (<usize>r << 3)) + c * load<f64>(v + (<usize>r << 3)));
}

/**
 * The panel's reflectors as panels for the tiled kernel (thread 0): rows [s, padded) of [V | W] as row panels
 * and of [W | V] as column panels, zero beyond n, so that the kernel's sum is Σ_q V[q][r]W[q][c] + W[q][r]V[q][c].
 */
export function packPanel(n: i32, s: i32, padded: i32, vb: usize, wb: usize, ldv: usize, rows: usize, cols: usize): void {
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
