import { ParameterError } from '../errors.js';
import { sampleChi, type RandomStream } from '../random/index.js';
import { integer, numbers, oneOf, positive, randomStream } from '../validate.js';
import { MAX_ENTRIES } from '../limits.js';
import { ldexp, normalizingExponent } from './checks.js';
import { beyondFloat64, isNormalFloat64 } from '../float64.js';
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
  sigma: number;
  /** The eigenvalues of the chi model are multiplied by factor·2^power (σ²/β, over N for '1/N'). */
  factor: number;
  /** 0 unless σ²/β/N alone over- or underflows (see check). */
  power: number;
}

/**
 * Largest M: the model holds two arrays of M doubles (the histogram and the full spectrum), bounded by the
 * project's entry limit; the full spectrum also costs O(M²) time (hours at M = 10⁶). The top k need only
 * O(M^(1/3)) rows and take any M.
 */
const MAX_M_MEMORY = MAX_ENTRIES / 2;
export const MAX_LAGUERRE_SPECTRUM_M = 1_000_000;

function check(options: LaguerreOptions, maxM = MAX_M_MEMORY): Checked {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  const { beta = 1, sigma = 1, normalization = '1/N' } = options;
  const m = integer('m', options.m, 1, maxM);
  const n = integer('n', options.n, 1);
  if (n < m) throw new ParameterError('n', n, `an integer ≥ m = ${m} (W is N×M with N ≥ M)`);
  oneOf('beta', beta, [1, 2] as const);
  positive('sigma', sigma);
  oneOf('normalization', normalization, ['1/N', 'none'] as const);
  // The chi variates model W with entries of variance β: rescale to σ² and to the chosen convention.
  const factor = (sigma * sigma) / beta / (normalization === '1/N' ? n : 1);
  if (isNormalFloat64(factor)) return { n, m, beta, sigma, factor, power: 0 };
  // σ²/β/N over- or underflows (σ beyond about 1e±154): the factor is kept as a mantissa and an exact power of
  // two, so that eigenvalues within float64 come out with all their digits, and those beyond it are refused
  // (scaleSpectrum).
  const k = normalizingExponent(sigma);
  const s = sigma * 2 ** k;
  return { n, m, beta, sigma, factor: (s * s) / beta / (normalization === '1/N' ? n : 1), power: -2 * k };
}

/**
 * Multiplies the chi model's eigenvalues (ascending, the largest last) by the factor; refuses a spectrum whose
 * largest value lies beyond float64 (Infinity above 1.8e308, digits lost below 2.2e-308) rather than return it.
 * With a normal factor (every σ in practice) this is one multiplication per value, as it always was.
 */
function scaleSpectrum(values: Float64Array, c: Checked): void {
  const count = values.length;
  const top = values[count - 1];
  if (c.power === 0) for (let i = 0; i < count; i++) values[i] *= c.factor;
  else for (let i = 0; i < count; i++) values[i] = ldexp(values[i] * c.factor, c.power);
  if (top > 0 && !isNormalFloat64(values[count - 1])) {
    const log10 = Math.log10(top) + Math.log10(c.factor) + c.power * Math.log10(2);
    throw beyondFloat64('sigma', c.sigma, 'a σ', 'λ_max', log10, 'use σ = 1 and multiply the eigenvalues by σ²');
  }
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
  randomStream('stream', stream);
  const c = check(options, MAX_LAGUERRE_SPECTRUM_M);
  const [d, e] = laguerreTridiagonal(stream, c, c.m);
  sterfInPlace(d, e);
  scaleSpectrum(d, c);
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
  randomStream('stream', stream);
  const c = check(options, Number.MAX_SAFE_INTEGER);
  const k = integer('k', options.k, 1, c.m);
  const [d, e] = laguerreTridiagonal(stream, c, laguerreBlockRows(c.m, k));
  sterfInPlace(d, e);
  const top = d.slice(d.length - k);
  scaleSpectrum(top, c);
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
  randomStream('stream', stream);
  const c = check(options);
  const edges = checkEdges(numbers('edges', options.edges ?? [], { finiteOnly: false }));
  const [d, e] = laguerreTridiagonal(stream, c, c.m);
  if (c.power === 0) return spectrumHistogram(d, e, c.factor, edges);
  // Edges in the chi model's units, x·2^(−power)/factor: the power first (exact, and an edge it pushes to ±Infinity
  // or to 0 lies beyond every eigenvalue of the chi model, or below all, either way); then one rounding, the same as
  // with σ = 1, so the counts stay exact even when the eigenvalues themselves lie beyond float64.
  const unit = edges.map((x) => ldexp(x, -c.power) / c.factor);
  return { ...spectrumHistogram(d, e, 1, unit), edges };
}
