import { ParameterError } from '../errors.js';
import { sampleChi, type RandomStream } from '../random/index.js';
import { integer, oneOf, positive } from '../validate.js';
import type { EsdNormalization } from './esd.js';
import { checkEdges, edgeBlockRows, spectrumHistogram, sterfInPlace, type SpectrumHistogram } from './tridiagonal.js';

export interface LaguerreOptions {
  /** Rows N of the Wishart factor W (N ≥ M). */
  n: number;
  /** Columns M of W: the size of X = WᵀW/N. */
  m: number;
  /** 1: real Gaussian W; 2: complex Gaussian W (E|w|² = σ²). */
  beta?: 1 | 2;
  /** Standard deviation of W's entries. */
  sigma?: number;
  normalization?: EsdNormalization;
}

export interface LaguerreTopOptions extends LaguerreOptions {
  /** How many of the largest eigenvalues to return. */
  k: number;
}

interface Checked {
  n: number;
  m: number;
  beta: 1 | 2;
  factor: number;
}

function check(options: LaguerreOptions): Checked {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  const { beta = 1, sigma = 1, normalization = '1/N' } = options;
  const m = integer('m', options.m, 1);
  const n = integer('n', options.n, 1);
  if (n < m) throw new ParameterError('n', n, `an integer ≥ m = ${m} (W is N×M with N ≥ M)`);
  oneOf('beta', beta, [1, 2] as const);
  positive('sigma', sigma);
  oneOf('normalization', normalization, ['1/N', 'none'] as const);
  // The chi variates model W with entries of variance β: rescale to σ² and to the chosen convention.
  const factor = (sigma * sigma) / beta / (normalization === '1/N' ? n : 1);
  return { n, m, beta, factor };
}

/**
 * The leading `rows`×`rows` block of T = BBᵀ, with B the Dumitriu–Edelman lower bidiagonal of the β-Laguerre
 * ensemble: B[i][i] ~ χ_{β(N−i)}, B[i+1][i] ~ χ_{β(M−1−i)}. Entries are drawn in the order B[0][0], B[1][0],
 * B[1][1], … so every leading block of one stream is the leading block of the full model.
 */
function laguerreTridiagonal(stream: RandomStream, c: Checked, rows: number): [Float64Array, Float64Array] {
  const { n, m, beta } = c;
  const d = new Float64Array(rows);
  const e = new Float64Array(rows);
  let below = 0;
  for (let i = 0; i < rows; i++) {
    const diagonal = sampleChi(stream, beta * (n - i));
    d[i] = diagonal * diagonal + below * below;
    below = i < m - 1 ? sampleChi(stream, beta * (m - 1 - i)) : 0;
    e[i] = diagonal * below;
  }
  return [d, e.subarray(0, rows - 1)];
}

/**
 * Eigenvalues, ascending, of X = WᵀW/N (or WᵀW) for W N×M with iid real (β = 1) or complex (β = 2) Gaussian
 * entries of variance σ², sampled exactly in law from the β-Laguerre bidiagonal model in O(M) memory. Time is
 * O(M²) (the tridiagonal eigenvalue solve).
 */
export function laguerreEigenvalues(stream: RandomStream, options: LaguerreOptions): Float64Array {
  const c = check(options);
  const [d, e] = laguerreTridiagonal(stream, c, c.m);
  sterfInPlace(d, e);
  for (let i = 0; i < d.length; i++) d[i] *= c.factor;
  return d;
}

/** Rows of the leading block that carries the top k eigenvalues of the Laguerre model (see edgeBlockRows). */
export const laguerreBlockRows = edgeBlockRows;

/**
 * The k largest eigenvalues, ascending, of the same model as laguerreEigenvalues, from the leading block of
 * laguerreBlockRows(M, k) rows only: O(M^(2/3)) time. With the same stream state it returns the top k of
 * laguerreEigenvalues to rounding level (relative error ~1e-14; see laguerreBlockRows).
 */
export function laguerreLargestEigenvalues(stream: RandomStream, options: LaguerreTopOptions): Float64Array {
  const c = check(options);
  const k = integer('k', options.k, 1, c.m);
  const [d, e] = laguerreTridiagonal(stream, c, laguerreBlockRows(c.m, k));
  sterfInPlace(d, e);
  const top = d.slice(d.length - k);
  for (let i = 0; i < k; i++) top[i] *= c.factor;
  return top;
}

export interface LaguerreHistogramOptions extends LaguerreOptions {
  /** Bin edges, strictly increasing, in the units of the chosen normalization. */
  edges: ArrayLike<number>;
}

export type LaguerreHistogram = SpectrumHistogram;

/**
 * Exact eigenvalue counts of one draw of the β-Laguerre model between the given edges, by Sturm counts of the
 * tridiagonal: O(M) per edge and no eigenvalue solve, so a whole ESD at M = 10⁵ takes a fraction of a second. The
 * draw is the same as laguerreEigenvalues' for the same stream state.
 */
export function laguerreHistogram(stream: RandomStream, options: LaguerreHistogramOptions): LaguerreHistogram {
  const c = check(options);
  const edges = checkEdges(options.edges);
  const [d, e] = laguerreTridiagonal(stream, c, c.m);
  return spectrumHistogram(d, e, c.factor, edges);
}
