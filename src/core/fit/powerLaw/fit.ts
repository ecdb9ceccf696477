import { ParameterError } from '../../errors.js';
import { boolean, positive } from '../../validate.js';
import { tailKsDistance } from './ks.js';
import { candidateRange, preparePowerLawSample, type PowerLawOptions } from './data.js';
import { logsOf, tailExponents } from './exponents.js';
import { scanFast, scanNaive, type ScanOutcome } from './scan.js';

export type { PowerLawOptions } from './data.js';

export type PowerLawWarning = '' | 'over-trained' | 'under-trained';

/** A power-law fit of an ESD tail, with WeightWatcher's output names. */
export interface PowerLawFit {
  /** Tail exponent of the density p(x) ∝ x^(−α), x ≥ xmin. */
  alpha: number;
  xmin: number;
  /** Largest eigenvalue in the fitted tail. */
  xmax: number;
  /** Kolmogorov–Smirnov distance (left empirical CDF, WWFit's definition). */
  D: number;
  /** Standard error (α − 1)/√n. */
  sigma: number;
  /** Tail size: fitted eigenvalues ≥ xmin. */
  n: number;
  /** Eigenvalues ≥ xmin after dropTop, including those above xmax (WeightWatcher counts on the ESD). */
  num_pl_spikes: number;
  /** 'over-trained' when α < 2, 'under-trained' when α > 6. */
  warning: PowerLawWarning;
  /** D and α against every scanned candidate xmin, when `scan: true`. */
  scan?: { xmins: Float64Array; alphas: Float64Array; Ds: Float64Array };
}

type Scanner = (x: Float64Array, first: number, last: number, alphas: Float64Array, keepCurve: boolean) => ScanOutcome;

function warningFor(alpha: number): PowerLawWarning {
  if (alpha < 2) return 'over-trained';
  if (alpha > 6) return 'under-trained';
  return '';
}

function countAtLeast(sorted: Float64Array, threshold: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < threshold) lo = mid + 1;
    else hi = mid;
  }
  return sorted.length - lo;
}

/** CSN's MLE with a given xmin: the tail is every x ≥ xmin, and xmin itself need not be a sample point. */
function fitFixedXmin(x: Float64Array, xmin: number, finiteSizeCorrection: boolean): { alpha: number; D: number; first: number } {
  let first = 0;
  while (first < x.length && x[first] < xmin) first++;
  const n = x.length - first;
  if (n < 2) {
    throw new ParameterError('xmin', xmin, `a value with at least 2 eigenvalues ≥ xmin (the largest is ${x[x.length - 1]})`);
  }
  const logXmin = Math.log(xmin);
  // Neumaier-compensated: all terms are ≥ 0, so the sum is accurate to a few ulps.
  let sum = 0;
  let carry = 0;
  for (let k = first; k < x.length; k++) {
    const term = Math.log(x[k]) - logXmin;
    const s = sum + term;
    carry += Math.abs(sum) >= Math.abs(term) ? sum - s + term : term - s + sum;
    sum = s;
  }
  sum += carry;
  const alpha = 1 + (finiteSizeCorrection ? n - 1 : n) / sum;
  return { alpha, D: tailKsDistance(x, first, xmin, alpha), first };
}

function fitWith(eigenvalues: Float64Array | readonly number[], options: PowerLawOptions, scanner: Scanner): PowerLawFit {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  const { x, kept } = preparePowerLawSample(eigenvalues, options);
  // Flags are booleans: a 1 or 'yes' would otherwise be read as false here and as true elsewhere.
  const correction = boolean('finiteSizeCorrection', options.finiteSizeCorrection ?? false);
  const wantScan = boolean('scan', options.scan ?? false);
  const last = x.length - 1;

  let alpha: number;
  let xmin: number;
  let D: number;
  let first: number;
  let scan: PowerLawFit['scan'];
  if (options.xmin !== undefined) {
    if (options.xminRange !== undefined) {
      throw new ParameterError('xminRange', options.xminRange, 'unset when xmin is fixed');
    }
    if (wantScan) throw new ParameterError('scan', options.scan, 'false or unset when xmin is fixed');
    xmin = positive('xmin', options.xmin);
    ({ alpha, D, first } = fitFixedXmin(x, xmin, correction));
  } else {
    const [lo, hi] = candidateRange(x, options);
    const alphas = tailExponents(logsOf(x), lo, hi, correction);
    const outcome = scanner(x, lo, hi, alphas, wantScan);
    first = outcome.best;
    xmin = x[first];
    alpha = alphas[first - lo];
    D = outcome.D;
    if (wantScan && outcome.Ds) scan = { xmins: x.slice(lo, hi + 1), alphas, Ds: outcome.Ds };
  }
  const n = last - first + 1;
  const fit: PowerLawFit = {
    alpha,
    xmin,
    xmax: x[last],
    D,
    sigma: (alpha - 1) / Math.sqrt(n),
    n,
    num_pl_spikes: countAtLeast(kept, xmin),
    warning: warningFor(alpha),
  };
  if (scan) fit.scan = scan;
  return fit;
}

/**
 * Fits a power law to the tail of an ESD as WeightWatcher's default WWFit does (Clauset, Shalizi & Newman 2009):
 * eigenvalues ≤ 1e-5 are dropped; every sample point but the largest is a candidate xmin, with the MLE
 * α = 1 + n/Σ ln(x/xmin) and the KS distance D against the left empirical CDF; the first minimum of D wins.
 * The scan is exact and usually far below the naive O(n²) cost (see `scan.ts`).
 * @throws ParameterError for empty input, NaN, ±∞ or negative values, fewer than 2 usable (or distinct)
 *   eigenvalues after filtering, and invalid options.
 */
export function fitPowerLaw(eigenvalues: Float64Array | readonly number[], options: PowerLawOptions = {}): PowerLawFit {
  return fitWith(eigenvalues, options, scanFast);
}

/**
 * The same fit by the naive O(n²) scan. A reference for tests and the benchmark only: use `fitPowerLaw`.
 */
export function fitPowerLawNaive(eigenvalues: Float64Array | readonly number[], options: PowerLawOptions = {}): PowerLawFit {
  return fitWith(eigenvalues, options, (x, first, last, alphas) => scanNaive(x, first, last, alphas));
}
