import { ParameterError } from '../errors.js';
import { checkMatrix, maxAbsFinite } from './checks.js';
import type { Matrix } from './matrix.js';

/**
 * In-place LU factorisation with partial pivoting of the n×n row-major matrix a (PA = LU, unit lower L below the
 * diagonal, U on and above it); returns det(A) and writes the row swaps into `pivots`. A zero pivot is left in
 * place (det = 0); callers that solve decide what a singular factor means for them.
 */
export function luFactor(a: Float64Array, n: number, pivots: Int32Array): number {
  let det = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(a[k * n + k]);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(a[i * n + k]);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    pivots[k] = p;
    if (p !== k) {
      det = -det;
      for (let j = 0; j < n; j++) {
        const tmp = a[k * n + j];
        a[k * n + j] = a[p * n + j];
        a[p * n + j] = tmp;
      }
    }
    const pivot = a[k * n + k];
    det *= pivot;
    if (pivot === 0) continue;
    for (let i = k + 1; i < n; i++) {
      const f = (a[i * n + k] /= pivot);
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) a[i * n + j] -= f * a[k * n + j];
    }
  }
  return det;
}

/** The first half of a solve: the row swaps and L·y = P·b, in place (x holds b on entry). */
export function luForwardInPlace(lu: Float64Array, n: number, pivots: Int32Array, x: Float64Array): void {
  for (let k = 0; k < n; k++) {
    const p = pivots[k];
    if (p !== k) {
      const tmp = x[k];
      x[k] = x[p];
      x[p] = tmp;
    }
  }
  for (let i = 1; i < n; i++) {
    let s = x[i];
    for (let j = 0; j < i; j++) s -= lu[i * n + j] * x[j];
    x[i] = s;
  }
}

/** Solves LU·x = P·b in place (x holds b on entry) from the factors of luFactor. */
export function luSolveInPlace(lu: Float64Array, n: number, pivots: Int32Array, x: Float64Array): void {
  luForwardInPlace(lu, n, pivots, x);
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let j = i + 1; j < n; j++) s -= lu[i * n + j] * x[j];
    x[i] = s / lu[i * n + i];
  }
}

/** x with A·x = b for a square, non-singular A (LU with partial pivoting, O(n³)); A and b are not modified. */
export function solveLinear(a: Matrix, b: ArrayLike<number>): Float64Array {
  checkMatrix('A', a);
  const n = a.rows;
  if (a.cols !== n) throw new ParameterError('A', `${a.rows}×${a.cols}`, 'a square matrix');
  if (b.length !== n) throw new ParameterError('b', `length ${b.length}`, `length ${n} (the size of A)`);
  const scale = maxAbsFinite('A', a);
  const lu = Float64Array.from(a.data);
  const pivots = new Int32Array(n);
  luFactor(lu, n, pivots);
  for (let k = 0; k < n; k++) {
    if (!(Math.abs(lu[k * n + k]) > n * Number.EPSILON * scale)) {
      throw new ParameterError('A', `${n}×${n}`, 'a non-singular matrix', `pivot ${k} is ${lu[k * n + k]}`);
    }
  }
  const x = Float64Array.from(b);
  luSolveInPlace(lu, n, pivots, x);
  return x;
}
