/**
 * Tail exponents α_i = 1 + n_i / Σ_{j≥i} ln(x_j / x_i) for every candidate xmin = x_i of a sorted sample.
 *
 * The sums come from suffix sums of ln x kept in double-double, minus n·ln x_i formed exactly, so that the
 * difference keeps full relative precision even where it cancels (near-flat tails, ties): the result is within a
 * few ulps of the exact sum of the rounded logs, and exactly 0 for an all-equal tail. Both the fast and the naive
 * scan read the same array, so that their D values, and hence their chosen xmin, agree bit for bit.
 */

const SPLITTER = 134217729; // 2^27 + 1: Veltkamp split into two 26-bit halves.

/** Exact product a·b as hi + lo (Dekker's algorithm; JS has no fused multiply-add). */
function twoProduct(a: number, b: number, out: Float64Array): void {
  const p = a * b;
  let t = SPLITTER * a;
  const aHi = t - (t - a);
  const aLo = a - aHi;
  t = SPLITTER * b;
  const bHi = t - (t - b);
  const bLo = b - bHi;
  out[0] = p;
  out[1] = aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo;
}

/** Natural logs of a positive sorted sample. */
export function logsOf(x: Float64Array): Float64Array {
  const logs = new Float64Array(x.length);
  for (let k = 0; k < x.length; k++) logs[k] = Math.log(x[k]);
  return logs;
}

/**
 * Σ_{j≥i} ln(x_j/x_i) for i = first..last (inclusive), each accurate to a few ulps.
 * `logs` must be ascending. Returns an array indexed by i − first.
 */
export function tailLogSums(logs: Float64Array, first: number, last: number): Float64Array {
  const count = logs.length;
  const sums = new Float64Array(last - first + 1);
  const prod = new Float64Array(2);
  let hi = 0;
  let lo = 0;
  for (let i = count - 1; i >= first; i--) {
    // Knuth's TwoSum: hi + lo stays the exact suffix sum to about 2^-106 relative.
    const s = hi + logs[i];
    const bb = s - hi;
    const err = hi - (s - bb) + (logs[i] - bb);
    hi = s;
    lo += err;
    if (i > last) continue;
    twoProduct(count - i, logs[i], prod);
    const d = hi - prod[0]; // exact by Sterbenz when it cancels; otherwise rounding is relative to a large result
    const sum = d + (lo - prod[1]);
    sums[i - first] = sum > 0 ? sum : 0; // ≥ 0 exactly: x is sorted, so every term ln(x_j/x_i) is ≥ 0
  }
  return sums;
}

/**
 * α_i = 1 + m / Σ_{j≥i} ln(x_j/x_i), m = n_i (maximum likelihood) or n_i − 1 (the finite-size unbiased form).
 * An all-equal tail has Σ = 0 and α = ∞, as in WeightWatcher's numpy arithmetic.
 */
export function tailExponents(
  logs: Float64Array,
  first: number,
  last: number,
  finiteSizeCorrection: boolean,
): Float64Array {
  const sums = tailLogSums(logs, first, last);
  const alphas = new Float64Array(sums.length);
  for (let i = first; i <= last; i++) {
    const n = logs.length - i;
    alphas[i - first] = 1 + (finiteSizeCorrection ? n - 1 : n) / sums[i - first];
  }
  return alphas;
}
