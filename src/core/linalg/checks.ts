import { ParameterError } from '../errors.js';
import type { Matrix } from './matrix.js';

/** Shape checks shared by the public entry points. */
export function checkMatrix(name: string, a: Matrix): void {
  if (a === null || typeof a !== 'object' || !(a.data instanceof Float64Array)) {
    throw new ParameterError(name, a, 'a Matrix { rows, cols, data: Float64Array }');
  }
  const { rows, cols } = a;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
    throw new ParameterError(name, `${rows}×${cols}`, 'a matrix with at least one row and one column');
  }
  if (a.data.length !== rows * cols) {
    throw new ParameterError(`${name}.data`, `length ${a.data.length}`, `length rows × cols = ${rows * cols}`);
  }
}

/**
 * Largest |entry|; throws on the first NaN or ±Infinity, naming its position (rows counted from `firstRow`: a
 * is a block of a larger matrix).
 */
export function maxAbsFinite(name: string, a: Matrix, firstRow = 0): number {
  const x = a.data;
  let max = 0;
  let bad = -1;
  for (let i = 0; i < x.length; i++) {
    const v = Math.abs(x[i]);
    if (v > max) max = v;
    else if (v !== v) {
      bad = i;
      break;
    }
  }
  if (bad < 0 && max !== Infinity) return max;
  if (bad < 0) bad = x.findIndex((v) => Math.abs(v) === Infinity);
  const row = Math.floor(bad / a.cols);
  throw new ParameterError(`${name}[${firstRow + row}][${bad - row * a.cols}]`, x[bad], 'finite entries (no NaN or Infinity)');
}

/**
 * Exponent k, clamped to ±1000, such that max·2^k lies in [0.5, 1). Multiplying by a power of two is exact, and
 * normalized entries keep squares and sums of squares far from overflow and underflow.
 */
export function normalizingExponent(max: number): number {
  if (!(max > 0)) return 0;
  let k = -Math.floor(Math.log2(max)) - 1;
  k = Math.max(-1000, Math.min(1000, k));
  // log2 can round across a power of two; nudge so that the bound holds exactly.
  while (k > -1000 && max * 2 ** k >= 1) k--;
  while (k < 1000 && max * 2 ** k < 0.5) k++;
  return k;
}

/** x·2^e, in steps that cannot overflow or underflow before the final result does. */
export function ldexp(x: number, e: number): number {
  while (e > 1000) {
    x *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    x *= 2 ** -1000;
    e += 1000;
  }
  return x * 2 ** e;
}
