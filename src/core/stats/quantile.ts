import { ParameterError } from '../errors.js';
import { inRange, numbers } from '../validate.js';

/**
 * The p-quantile of sorted values by the nearest rank round(p·(n − 1)): always one of the values, which is what
 * plot ranges and bootstrap percentile ends want.
 * @throws ParameterError for no values (there is no quantile to pick) or p outside [0, 1].
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  numbers('sorted', sorted, { finiteOnly: false });
  inRange('p', p, 0, 1);
  if (sorted.length === 0) throw new ParameterError('sorted', '0 values', 'at least one value');
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
  return sorted[i];
}
