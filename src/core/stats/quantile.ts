import { finite, numbers } from '../validate.js';

/**
 * The p-quantile of sorted values by the nearest rank round(p·(n − 1)): always one of the values, which is what
 * plot ranges and bootstrap percentile ends want. NaN for no values.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  numbers('sorted', sorted, { finiteOnly: false });
  finite('p', p);
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
  return sorted[i];
}
