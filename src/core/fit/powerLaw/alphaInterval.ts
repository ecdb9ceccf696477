import { ParameterError } from '../../errors.js';
import { createStream, type Seed } from '../../random/index.js';
import { inRange, integer } from '../../validate.js';
import { fitPowerLaw, type PowerLawOptions } from './fit.js';
import { quantileSorted } from '../../stats/quantile.js';
import { meanSe } from '../../stats/summary.js';

export interface AlphaIntervalOptions extends Omit<PowerLawOptions, 'scan'> {
  /** Bootstrap replicates (≥ 20; 200 gives percentile ends good to about ±0.02 in probability). */
  reps: number;
  seed: Seed;
  /** Coverage of the interval (default 0.9). */
  level?: number;
  /** Called after each replicate (a long bootstrap shows progress). */
  onProgress?: (done: number, total: number) => void;
}

/** Most replicates one interval takes: 10⁶ already pins the percentiles far below the fit's own error. */
export const MAX_ALPHA_REPLICATES = 1_000_000;

/**
 * Rough seconds for `reps` replicates on n eigenvalues: one refit costs about 2–8 µs per eigenvalue (measured for
 * n = 10²–10⁵ on Pareto and Marchenko–Pastur spectra, 2-core machine); 5 µs is used. Enough to warn before
 * hours of work, not a benchmark.
 */
export function estimateAlphaIntervalSeconds(n: number, reps: number): number {
  integer('n', n, 0);
  integer('reps', reps, 0);
  return reps * n * 5e-6;
}

export interface AlphaInterval {
  low: number;
  high: number;
  level: number;
  reps: number;
  /** Standard deviation of the replicate α's: a bootstrap standard error that includes the xmin choice. */
  sd: number;
}

/**
 * Nonparametric bootstrap of the power-law α: resample the eigenvalues with replacement, refit (xmin re-scanned
 * unless fixed), and report the percentile interval. Unlike σ = (α − 1)/√n it accounts for the variability of
 * the xmin choice. Replicate r uses the stream (seed, 'alpha-interval', r).
 */
export function alphaInterval(eigenvalues: Float64Array | readonly number[], options: AlphaIntervalOptions): AlphaInterval {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  const reps = integer('reps', options.reps, 20, MAX_ALPHA_REPLICATES);
  const onProgress = options.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') throw new ParameterError('onProgress', onProgress, 'a function');
  const level = inRange('level', options.level ?? 0.9, 0, 1, { minOpen: true, maxOpen: true });
  const { reps: _r, seed, level: _l, onProgress: _p, ...fitOptions } = options;
  const x = Float64Array.from(eigenvalues);
  const root = createStream(seed, 'alpha-interval');
  const alphas: number[] = [];
  for (let r = 0; r < reps; r++) {
    const s = root.fork(r);
    const sample = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) sample[i] = x[Math.floor(s.nextFloat() * x.length)];
    try {
      alphas.push(fitPowerLaw(sample, fitOptions).alpha);
    } catch (error) {
      // A resample with fewer than 2 distinct usable values cannot be fitted: it is left out.
      if (!(error instanceof ParameterError)) throw error;
    }
    onProgress?.(r + 1, reps);
  }
  if (alphas.length < 2) throw new ParameterError('eigenvalues', 'too few distinct values', 'a sample whose resamples can be fitted');
  alphas.sort((a, b) => a - b);
  const { sd } = meanSe(alphas);
  return { low: quantileSorted(alphas, (1 - level) / 2), high: quantileSorted(alphas, (1 + level) / 2), level, reps: alphas.length, sd };
}
