import { ParameterError } from '../errors.js';
import { johnstone, mpCdf, mpEdges, mpQuantile, twQuantile } from '../theory/index.js';
import { inRange, integer, oneOf } from '../validate.js';

/**
 * Marchenko–Pastur fit of an ESD, robust to spikes and heavy tails.
 *
 * Method (quantile matching with iterative exclusion):
 *  1. Sort the M eigenvalues. Assume the top k are outliers (k = 0 at first); the other M − k form the bulk.
 *  2. Match the bulk's order statistics to MP quantiles: x_(i) ≈ s·u_i with u_i the unit-variance MP quantile
 *     at p_i = (i − ½)/(M − k), using only 0.05 ≤ p_i ≤ 0.95 (the central 90 % of the bulk: neither a bleeding
 *     edge nor a heap of tiny eigenvalues can pull the fit). s is the least-squares slope Σxu/Σu², in closed form.
 *     Bulk eigenvalues are rigid (they fluctuate by O(1/M) around their quantiles), so s is accurate to
 *     ~1/M relative, far better than a density fit.
 *  3. Fitted σ gives λ± and Johnstone's Tracy–Widom centre μ_J and scale s_J for that σ (real Wishart, N, M).
 *     An eigenvalue is a spike when it exceeds μ_J + s_J·TW1⁻¹(1 − p_fa): for a pure Gaussian W the largest
 *     eigenvalue does so with probability p_fa (default 0.01), so `num_spikes ≥ 1` is a test at level p_fa.
 *  4. Recount k, refit, until k no longer changes (k is capped at M/2: the bulk is at least half the ESD).
 * The bulk's fit quality is the KS distance between its empirical CDF and the fitted MP CDF.
 *
 * WeightWatcher instead fits σ by brute force over a grid, minimising the squared difference between the MP
 * density and a linear-kernel KDE (bandwidth 0.1) of the Frobenius-rescaled eigenvalues, with a penalty when
 * λ₊ falls outside the KDE's support or below its mode; it counts spikes above λ₊ + √(TW) with an ad hoc TW
 * width. That fit fails where the density is not MP-shaped: a KDE bandwidth fixed in rescaled units smears
 * narrow bulks (large Q) and heavy tails inflate the rescaling, so σ and the spike count drift; spikes are not
 * excluded from the KDE, and the fixed grid quantises σ. Quantiles need no bandwidth, are unaffected by the
 * size of outliers, and the TW margin here has a stated false-positive rate.
 */

export type Normalization = '1/N' | 'none';

export interface MpFitOptions {
  /** Aspect ratio Q = N/M ≥ 1. */
  q: number;
  /** Units of the eigenvalues: X = WᵀW/N ('1/N', default) or WᵀW ('none'). */
  normalization?: Normalization;
  /** Rows N (default round(Q·M)): used by Johnstone's scaling and to convert 'none' eigenvalues to σ. */
  n?: number;
  /** Probability that a pure Gaussian W shows a spurious spike (default 0.01). */
  falsePositiveRate?: number;
  /**
   * Number of independent N×M matrices whose eigenvalues are pooled in one ESD (a convolution's k² kernel slices;
   * default 1). Each has M = eigenvalues.length / matrices eigenvalues; Johnstone's edge is that of one N×M matrix
   * and the spike test is on the largest of them, at level falsePositiveRate for the whole pool.
   */
  matrices?: number;
}

export interface MpFit {
  /** Entry scale σ of W whose MP law best matches the bulk (same in both normalizations). */
  sigma_mp: number;
  /** Fitted bulk edges, in the units of the eigenvalues. */
  lambda_minus: number;
  lambda_plus: number;
  /** Johnstone's centre and scale of λ_max for the fitted σ: (λ − center)/scale is a TW1 score. */
  tw_center: number;
  tw_scale: number;
  /** Eigenvalues above this are spikes: tw_center + tw_scale·TW1⁻¹(1 − false_positive_rate). */
  spike_threshold: number;
  num_spikes: number;
  /** λ₊(fit)/λ_max. */
  mp_softrank: number;
  /** KS distance between the bulk (all but the spikes) and the fitted MP CDF. */
  mp_ks: number;
  bulk_size: number;
  lambda_max: number;
  /** TW1 score of λ_max and of the largest bulk eigenvalue. */
  lambda_max_tw: number;
  bulk_max_tw: number;
  false_positive_rate: number;
  iterations: number;
  normalization: Normalization;
  N: number;
  /** Columns of each pooled matrix (the number of eigenvalues when matrices = 1). */
  M: number;
  Q: number;
  matrices: number;
}

/** Fewer eigenvalues than this cannot be fitted: the central window would hold a handful of points. */
export const MIN_MP_EIGENVALUES = 10;
const WINDOW = [0.05, 0.95] as const;
const MAX_ITERATIONS = 50;

function slope(x: Float64Array, bulk: number, q: number): number {
  let xu = 0;
  let uu = 0;
  for (let i = 0; i < bulk; i++) {
    const p = (i + 0.5) / bulk;
    if (p < WINDOW[0] || p > WINDOW[1]) continue;
    const u = mpQuantile(p, q, 1);
    xu += x[i] * u;
    uu += u * u;
  }
  return uu > 0 ? xu / uu : 0;
}

function ksBulk(x: Float64Array, bulk: number, q: number, sigma: number): number {
  let d = 0;
  for (let i = 0; i < bulk; i++) {
    const f = mpCdf(x[i], q, sigma);
    d = Math.max(d, Math.abs(f - i / bulk), Math.abs(f - (i + 1) / bulk));
  }
  return d;
}

function countAbove(x: Float64Array, threshold: number): number {
  let k = 0;
  for (let i = x.length - 1; i >= 0 && x[i] > threshold; i--) k++;
  return k;
}

const twQuantileCache = new Map<number, number>();
function twUpper(falsePositiveRate: number): number {
  let z = twQuantileCache.get(falsePositiveRate);
  if (z === undefined) {
    z = twQuantile(1 - falsePositiveRate, 1);
    twQuantileCache.set(falsePositiveRate, z);
  }
  return z;
}

/**
 * Fits the MP law to the bulk of an ESD and counts the spikes above its Tracy–Widom edge (see the file comment).
 * @throws ParameterError for invalid options, fewer than 10 eigenvalues, NaN/±∞/negative values, or a spectrum
 *   whose central bulk is all zero.
 */
export function fitMarchenkoPastur(eigenvalues: Float64Array | readonly number[], options: MpFitOptions): MpFit {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  const q = inRange('q', options.q, 1, Infinity, { maxOpen: true });
  const normalization = oneOf('normalization', options.normalization ?? '1/N', ['1/N', 'none'] as const);
  const fpr = inRange('falsePositiveRate', options.falsePositiveRate ?? 0.01, 0, 0.5, { minOpen: true });
  const total = eigenvalues.length;
  if (total < MIN_MP_EIGENVALUES) {
    throw new ParameterError('eigenvalues', `${total} values`, `at least ${MIN_MP_EIGENVALUES} eigenvalues for an MP fit`);
  }
  const matrices = integer('matrices', options.matrices ?? 1, 1);
  if (total % matrices !== 0) {
    throw new ParameterError('matrices', matrices, `a divisor of the number of eigenvalues (${total}): each matrix has M of them`);
  }
  const m = total / matrices;
  const n = integer('n', options.n ?? Math.max(2, Math.round(q * m)), Math.max(2, m));
  const x = Float64Array.from(eigenvalues);
  let largest = 0;
  for (let i = 0; i < total; i++) {
    if (!Number.isFinite(x[i])) throw new ParameterError(`eigenvalues[${i}]`, eigenvalues[i], 'a finite number ≥ 0');
    largest = Math.max(largest, Math.abs(x[i]));
  }
  for (let i = 0; i < total; i++) {
    if (x[i] >= 0) continue;
    // Rounding leaves zero eigenvalues slightly negative (~ε·λ_max): clamp those, reject the rest.
    if (x[i] < -1e-9 * largest) throw new ParameterError(`eigenvalues[${i}]`, x[i], 'a finite number ≥ 0');
    x[i] = 0;
  }
  x.sort();
  const lambdaMax = x[total - 1];
  // σ² in eigenvalue units: X = WᵀW/N has bulk variance σ², WᵀW has N·σ².
  const unit = normalization === '1/N' ? 1 : n;
  // The largest of `matrices` independent TW₁ variables exceeds z with probability fpr when each does so with
  // probability 1 − (1 − fpr)^(1/matrices).
  const z = twUpper(matrices === 1 ? fpr : -Math.expm1(Math.log1p(-fpr) / matrices));

  let k = 0;
  let s = 0;
  let iterations = 0;
  const seen = new Set<number>();
  let edge = { center: 0, scale: 0 };
  for (;;) {
    iterations++;
    s = slope(x, total - k, q);
    if (!(s > 0)) {
      throw new ParameterError('eigenvalues', 'central bulk all zero', 'a spectrum whose central 90 % is not all zero');
    }
    edge = johnstone(n, m, { beta: 1, sigma: Math.sqrt(s / unit), normalization });
    const next = Math.min(Math.floor(total / 2), countAbove(x, edge.center + z * edge.scale));
    if (next === k || seen.has(next) || iterations >= MAX_ITERATIONS) {
      k = next;
      break;
    }
    seen.add(k);
    k = next;
  }
  const sigma = Math.sqrt(s / unit);
  const edges = mpEdges(q, Math.sqrt(s));
  const bulk = total - k;
  return {
    sigma_mp: sigma,
    lambda_minus: edges.lambdaMinus,
    lambda_plus: edges.lambdaPlus,
    tw_center: edge.center,
    tw_scale: edge.scale,
    spike_threshold: edge.center + z * edge.scale,
    num_spikes: k,
    mp_softrank: lambdaMax > 0 ? edges.lambdaPlus / lambdaMax : NaN,
    mp_ks: ksBulk(x, bulk, q, Math.sqrt(s)),
    bulk_size: bulk,
    lambda_max: lambdaMax,
    lambda_max_tw: (lambdaMax - edge.center) / edge.scale,
    bulk_max_tw: (x[bulk - 1] - edge.center) / edge.scale,
    false_positive_rate: fpr,
    iterations,
    normalization,
    N: n,
    M: m,
    Q: q,
    matrices,
  };
}
