import { ParameterError } from '../errors.js';
import { numbers } from '../validate.js';

/** Mean and its standard error over independent values: the one estimate every caller shares. */
export interface MeanSe {
  mean: number;
  /** Standard error of the mean: sample SD / √n (NaN for n < 2: one value says nothing about its spread). */
  se: number;
  /** Sample standard deviation, n − 1 in the variance (NaN for n < 2). */
  sd: number;
  n: number;
}

export function meanSe(values: ArrayLike<number>): MeanSe {
  numbers('values', values, { finiteOnly: false });
  const n = values.length;
  if (n === 0) throw new ParameterError('values', n, 'at least one value');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (values[i] - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  return { mean, se: sd / Math.sqrt(n), sd, n };
}
