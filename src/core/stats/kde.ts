import { ParameterError } from '../errors.js';
import { numbers, positive } from '../validate.js';

/**
 * Kernel density estimate with the triangular kernel K(u) = (1 − |u|/h)/h on |u| < h (scikit-learn's
 * `KernelDensity(kernel='linear')`): (1/n)·Σᵢ K(x − xᵢ) at each point of `at`. The sample is sorted once, so each
 * point costs O(log n + points within h).
 * @throws ParameterError for an empty sample, a bandwidth that is not > 0, or a NaN in `at`.
 */
export function triangularKde(sample: ArrayLike<number>, bandwidth: number, at: ArrayLike<number>): Float64Array {
  // An empty sample has no density (1/n); a NaN point has none either (it would silently read as 0). ±∞ give 0.
  numbers('sample', sample, { minLength: 1 });
  positive('bandwidth', bandwidth);
  numbers('at', at, { finiteOnly: false });
  for (let k = 0; k < at.length; k++) if (Number.isNaN(at[k])) throw new ParameterError(`at[${k}]`, at[k], 'a number (±Infinity allowed)');
  const x = Float64Array.from(sample).sort();
  const n = x.length;
  const out = new Float64Array(at.length);
  for (let k = 0; k < at.length; k++) {
    const t = at[k];
    // first sample point > t − h
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (x[mid] <= t - bandwidth) lo = mid + 1;
      else hi = mid;
    }
    let sum = 0;
    for (let i = lo; i < n && x[i] < t + bandwidth; i++) sum += 1 - Math.abs(t - x[i]) / bandwidth;
    out[k] = sum / (n * bandwidth);
  }
  return out;
}
