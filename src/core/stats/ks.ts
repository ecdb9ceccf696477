import { callback, integer, numbers, oneOf } from '../validate.js';

/** The one-sample Kolmogorov–Smirnov distance of a sample from a continuous law, and its critical values. */

/** Kolmogorov–Smirnov distance sup |F_n − F| of a sample from a continuous CDF. */
export function ksDistance(sample: ArrayLike<number>, cdf: (x: number) => number): number {
  numbers('sample', sample, { minLength: 1 });
  callback('cdf', cdf);
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/**
 * Asymptotic critical value of the one-sample KS distance at level `level` (0.01 or 0.05): c/√n with Kolmogorov's
 * c = 1.628 (1%) or 1.358 (5%). With estimated parameters or finite-size bias the test is only indicative.
 */
export function ksCritical(n: number, level: 0.01 | 0.05 = 0.01): number {
  integer('n', n, 1);
  oneOf('level', level, [0.01, 0.05] as const);
  return (level === 0.01 ? 1.628 : 1.358) / Math.sqrt(n);
}
