import { ParameterError } from '../errors.js';
import { sampleChi, sampleNormal, type RandomStream } from '../random/index.js';
import { integer, positive } from '../validate.js';
import { checkEdges, edgeBlockRows, spectrumHistogram, sterfInPlace, type SpectrumHistogram } from './tridiagonal.js';

/**
 * The Dumitriu–Edelman β-Hermite model: the symmetric tridiagonal T with diagonal N(0, 2) and off-diagonal
 * χ_{β(n−1)}, χ_{β(n−2)}, …, χ_β has the eigenvalue law of the Gaussian β-ensemble (GOE, GUE, GSE for β = 1, 2, 4;
 * any β > 0). Scaled by 1/√(βn) it is the Wigner normalisation: off-diagonal variance 1/n, semicircle on [−2, 2],
 * λ_max ≈ 2 + n^(−2/3)·TW_β.
 */

/** Largest n for which the whole chain is drawn (eigenvalues, histograms): 10⁸ entries are 1.6 GB of float64. */
export const MAX_HERMITE_N = 100_000_000;
/** Largest n for the top-k block: 1.3·10⁴ rows at 10⁹, seconds of O(rows²) work. */
export const MAX_HERMITE_TOP_N = 1_000_000_000;
/** Largest k for the top-k block (at n = 2·10⁴ its top 1000 match the full model to 1e−13 relative, measured). */
export const MAX_HERMITE_TOP_K = 1000;

export interface HermiteOptions {
  /** Size of the matrix. */
  n: number;
  /** Dyson index β > 0 (1: real, 2: complex, 4: quaternion entries). */
  beta?: number;
}

export interface HermiteTopOptions extends HermiteOptions {
  /** How many of the largest eigenvalues to return. */
  k: number;
}

export interface HermiteHistogramOptions extends HermiteOptions {
  /** Bin edges, strictly increasing, on the Wigner scale (semicircle on [−2, 2]). */
  edges: ArrayLike<number>;
}

function check(options: HermiteOptions, maxN = MAX_HERMITE_N): { n: number; beta: number; factor: number } {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  const n = integer('n', options.n, 1, maxN);
  const beta = positive('beta', options.beta ?? 1);
  return { n, beta, factor: 1 / Math.sqrt(beta * n) };
}

/**
 * The leading `rows`×`rows` block of T, entries drawn in the order d₀, e₀, d₁, e₁, … so that every leading block
 * of one stream is the leading block of the full model.
 */
function hermiteTridiagonal(stream: RandomStream, n: number, beta: number, rows: number): [Float64Array, Float64Array] {
  const d = new Float64Array(rows);
  const e = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    d[i] = Math.SQRT2 * sampleNormal(stream);
    e[i] = i < n - 1 ? sampleChi(stream, beta * (n - 1 - i)) : 0;
  }
  return [d, e.subarray(0, rows - 1)];
}

/** All eigenvalues, ascending, of one draw of the β-Hermite model on the Wigner scale. O(n) memory, O(n²) time. */
export function hermiteEigenvalues(stream: RandomStream, options: HermiteOptions): Float64Array {
  const { n, beta, factor } = check(options);
  const [d, e] = hermiteTridiagonal(stream, n, beta, n);
  sterfInPlace(d, e);
  for (let i = 0; i < n; i++) d[i] *= factor;
  return d;
}

/**
 * The k largest eigenvalues, ascending, from the leading block of edgeBlockRows(n, k) rows only: O(n^(1/3)) memory
 * and O(n^(2/3)) time (λ_max at n = 10⁶ in a fraction of a second). With the same stream state they equal the top
 * k of hermiteEigenvalues to rounding level.
 */
export function hermiteLargestEigenvalues(stream: RandomStream, options: HermiteTopOptions): Float64Array {
  const { n, beta, factor } = check(options, MAX_HERMITE_TOP_N);
  const k = integer('k', options.k, 1, Math.min(n, MAX_HERMITE_TOP_K));
  const [d, e] = hermiteTridiagonal(stream, n, beta, edgeBlockRows(n, k));
  sterfInPlace(d, e);
  const top = d.slice(d.length - k);
  for (let i = 0; i < k; i++) top[i] *= factor;
  return top;
}

/**
 * Exact eigenvalue counts of one draw between the edges (Sturm counts, O(n) per edge): the whole spectrum at
 * n = 10⁶ in about a second. The draw is the same as hermiteEigenvalues' for the same stream state.
 */
export function hermiteHistogram(stream: RandomStream, options: HermiteHistogramOptions): SpectrumHistogram {
  const { n, beta, factor } = check(options);
  const edges = checkEdges(options.edges);
  const [d, e] = hermiteTridiagonal(stream, n, beta, n);
  return spectrumHistogram(d, e, factor, edges);
}
