import { ParameterError } from '../../errors.js';
import { finite, integer, positive } from '../../validate.js';

/** Eigenvalues at or below this are treated as zeros and dropped (WeightWatcher's EVALS_THRESH). */
export const EIGENVALUE_FLOOR = 1e-5;

export interface PowerLawOptions {
  /** Fixed xmin: no scan; the tail is every eigenvalue ≥ xmin (xmin need not be an eigenvalue). */
  xmin?: number;
  /** Scan only candidate xmins in [lo, hi]. */
  xminRange?: [number, number];
  /** Drop eigenvalues above xmax before fitting. */
  xmax?: number;
  /** Drop the k largest eigenvalues ("fingers") before fitting. */
  dropTop?: number;
  /**
   * α = 1 + (n − 1)/Σ ln(x/xmin) instead of the MLE 1 + n/Σ, at every candidate. Σ ~ Gamma(n, α − 1) for a
   * Pareto tail, so the MLE has mean (nα − 1)/(n − 1) (CSN 2009) and this form is unbiased; it is the `powerlaw`
   * package's `finite=True`. Default false, as in WeightWatcher.
   */
  finiteSizeCorrection?: boolean;
  /** Return the D-versus-xmin and α-versus-xmin curves. */
  scan?: boolean;
}

/** The checked, sorted sample a fit works on. */
export interface PreparedSample {
  /** Ascending eigenvalues above the floor, without the dropTop largest and those above xmax. */
  x: Float64Array;
  /** Eigenvalues above the floor after dropTop, before xmax (ascending): num_pl_spikes counts those ≥ xmin. */
  kept: Float64Array;
}

/**
 * Checks the eigenvalues and options at the entry point, drops zeros (≤ 1e-5), sorts, then removes the dropTop
 * largest and everything above xmax. Tiny negatives (down to −max(1e-5, 1e-10·λ_max), rounding of a zero
 * eigenvalue) are dropped with the zeros; anything more negative is an error, as are NaN and ±∞.
 */
export function preparePowerLawSample(
  eigenvalues: Float64Array | readonly number[],
  options: PowerLawOptions,
): PreparedSample {
  if (!(eigenvalues instanceof Float64Array) && !Array.isArray(eigenvalues)) {
    throw new ParameterError('eigenvalues', eigenvalues, 'a Float64Array or an array of numbers');
  }
  if (eigenvalues.length === 0) throw new ParameterError('eigenvalues', '[]', 'a non-empty array');
  // A zero eigenvalue computed in floating point comes out as ±(a few ulps of λ_max): a spectrum spanning 25 decades
  // (μ < 1 tails) has "zeros" of order −1e11. Negatives within 1e-10·λ_max of zero are rounding, not data.
  let largest = 0;
  for (let k = 0; k < eigenvalues.length; k++) {
    const v = eigenvalues[k];
    if (typeof v === 'number' && v > largest && Number.isFinite(v)) largest = v;
  }
  const negativeFloor = Math.max(EIGENVALUE_FLOOR, 1e-10 * largest);
  let count = 0;
  for (let k = 0; k < eigenvalues.length; k++) {
    const v = eigenvalues[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < -negativeFloor) {
      throw new ParameterError(
        `eigenvalues[${k}]`,
        v,
        `a finite number ≥ 0 (values down to −max(${EIGENVALUE_FLOOR}, 1e-10·λ_max) count as zero)`,
      );
    }
    if (v > EIGENVALUE_FLOOR) count++;
  }
  const sorted = new Float64Array(count);
  count = 0;
  for (let k = 0; k < eigenvalues.length; k++) if (eigenvalues[k] > EIGENVALUE_FLOOR) sorted[count++] = eigenvalues[k];
  sorted.sort();

  let end = sorted.length;
  const dropTop = options.dropTop === undefined ? 0 : integer('dropTop', options.dropTop, 0);
  end -= dropTop;
  const kept = sorted.subarray(0, Math.max(0, end));
  const xmax = options.xmax === undefined ? undefined : positive('xmax', options.xmax);
  if (xmax !== undefined) while (end > 0 && sorted[end - 1] > xmax) end--;
  const x = sorted.subarray(0, Math.max(0, end));
  if (x.length < 2) {
    // In words, not option names: the message reaches people through every command that fits a power law.
    const cuts = [
      ...(dropTop > 0 ? [`besides the ${dropTop} largest, which are left out`] : []),
      ...(xmax !== undefined ? [`at or below the upper cutoff ${xmax}`] : []),
    ];
    throw new ParameterError(
      'eigenvalues',
      `${x.length} usable of ${eigenvalues.length}`,
      `at least 2 eigenvalues above ${EIGENVALUE_FLOOR} (smaller ones count as zeros)${cuts.length ? `, ${cuts.join(' and ')}` : ''}`,
    );
  }
  if (x[0] === x[x.length - 1]) {
    throw new ParameterError('eigenvalues', `all ${x.length} usable values equal ${x[0]}`, 'at least 2 distinct values');
  }
  return { x, kept };
}

/** Checks the scan options and returns the candidate index range [first, last] (last ≤ N − 2). */
export function candidateRange(x: Float64Array, options: PowerLawOptions): [number, number] {
  const lastCandidate = x.length - 2;
  if (options.xminRange === undefined) return [0, lastCandidate];
  const range = options.xminRange;
  if (!Array.isArray(range) || range.length !== 2) {
    throw new ParameterError('xminRange', range, 'a pair [lo, hi] of finite numbers with lo ≤ hi');
  }
  const lo = finite('xminRange[0]', range[0]);
  const hi = finite('xminRange[1]', range[1]);
  if (lo > hi) throw new ParameterError('xminRange', `[${lo}, ${hi}]`, 'lo ≤ hi');
  let first = 0;
  while (first <= lastCandidate && x[first] < lo) first++;
  let last = lastCandidate;
  while (last >= first && x[last] > hi) last--;
  if (first > last) {
    throw new ParameterError(
      'xminRange',
      `[${lo}, ${hi}]`,
      `a range holding at least one candidate xmin in [${x[0]}, ${x[lastCandidate]}]`,
    );
  }
  return [first, last];
}
