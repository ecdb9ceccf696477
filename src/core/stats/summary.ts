import { ParameterError } from '../errors.js';
import { numbers } from '../validate.js';
import { powerOfTwoScale } from './scale.js';

/** Mean and its standard error over independent values: the one estimate every caller shares. */
export interface MeanSe {
  mean: number;
  /** Standard error of the mean: sample SD / √n (NaN for n < 2: one value says nothing about its spread). */
  se: number;
  /** Sample standard deviation, n − 1 in the variance (NaN for n < 2). */
  sd: number;
  n: number;
}

/**
 * Two passes on the values divided by a power of two above their largest magnitude: exact scaling, so ordinary
 * inputs round as before, but Σx and Σ(x − x̄)² cannot overflow for values near ±1.8e308.
 * @throws ParameterError for no values, or a standard deviation too large for a double (values of both signs
 *   near the overflow threshold). Non-finite values propagate as in IEEE arithmetic (NaN or ±Infinity).
 */
export function meanSe(values: ArrayLike<number>): MeanSe {
  numbers('values', values, { finiteOnly: false });
  const n = values.length;
  if (n === 0) throw new ParameterError('values', n, 'at least one value');
  const s = powerOfTwoScale(values);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] / s;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] / s - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) * s : NaN;
  if (sd === Infinity && Number.isFinite(ss)) {
    throw new ParameterError('values', `standard deviation ${Math.sqrt(ss / (n - 1))}·${s}`, 'values whose standard deviation is below the double range (~1.8e308)');
  }
  return { mean: mean * s, se: sd / Math.sqrt(n), sd, n };
}
