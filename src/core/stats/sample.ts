import { callback, integer, numbers, oneOf } from '../validate.js';
import { ParameterError } from '../errors.js';

/** Small statistics that the notebooks share: each result comes with the standard error that sizes its check. */

export interface MeanSe {
  mean: number;
  /** Standard error of the mean: sample SD / √n (NaN for n < 2). */
  se: number;
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

export interface LineFit {
  slope: number;
  intercept: number;
  /** Standard errors from the weights (1/yErr²) when given, else from the residuals. */
  slopeSe: number;
  interceptSe: number;
}

/**
 * Least squares y = intercept + slope·x. With yErr the fit is weighted by 1/yErr² and the standard errors are the
 * ones those errors imply (no rescaling by the residuals, so a misfit is not hidden by inflating them).
 */
export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>, yErr?: ArrayLike<number>): LineFit {
  numbers('x', x);
  numbers('y', y);
  if (yErr !== undefined) numbers('yErr', yErr);
  const n = x.length;
  if (n < 2 || y.length !== n) throw new ParameterError('x', n, 'at least 2 points, as many x as y');
  let sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    const w = yErr ? 1 / (yErr[i] * yErr[i]) : 1;
    sw += w; sx += w * x[i]; sy += w * y[i]; sxx += w * x[i] * x[i]; sxy += w * x[i] * y[i];
  }
  const det = sw * sxx - sx * sx;
  const slope = (sw * sxy - sx * sy) / det;
  const intercept = (sy - slope * sx) / sw;
  let scale = 1;
  if (!yErr) {
    let rss = 0;
    for (let i = 0; i < n; i++) rss += (y[i] - intercept - slope * x[i]) ** 2;
    scale = n > 2 ? rss / (n - 2) : NaN;
  }
  return { slope, intercept, slopeSe: Math.sqrt((scale * sw) / det), interceptSe: Math.sqrt((scale * sxx) / det) };
}

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

export interface Histogram {
  /** Bin centres. */
  x: number[];
  /** Density: count / (total · width), so it compares with a pdf. */
  density: number[];
  /** Poisson standard error of each density. */
  se: number[];
}

/** Histogram on `bins` equal bins over [lo, hi]; values outside still count in the total (so tails lower the bars). */
export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins: number): Histogram {
  if (!(hi > lo) || bins < 1) throw new ParameterError('hi', hi, `a number > lo = ${lo}, with bins ≥ 1`);
  const counts = new Array<number>(bins).fill(0);
  const width = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const b = Math.floor((values[i] - lo) / width);
    if (b >= 0 && b < bins) counts[b]++;
    else if (values[i] === hi) counts[bins - 1]++;
  }
  const total = values.length;
  return {
    x: counts.map((_, b) => lo + (b + 0.5) * width),
    density: counts.map((c) => c / (total * width)),
    se: counts.map((c) => Math.sqrt(c) / (total * width)),
  };
}

/** n points evenly spaced on [lo, hi], or geometrically when log is true. */
export function grid(lo: number, hi: number, n: number, log = false): number[] {
  return Array.from({ length: n }, (_, i) => {
    const t = n === 1 ? 0 : i / (n - 1);
    return log ? lo * Math.pow(hi / lo, t) : lo + (hi - lo) * t;
  });
}
