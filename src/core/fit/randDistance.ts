import { ParameterError } from '../errors.js';
import { esd, matrix, type Matrix } from '../linalg/index.js';
import { checkMatrix } from '../linalg/checks.js';
import { createStream, fillNormal, validateSeed, type Seed } from '../random/index.js';
import { numbers, oneOf, record } from '../validate.js';
import { numericalZeroTolerance } from './metrics.js';
import { histogram, logEdges } from '../stats/histogram.js';
import { sortedProfileDistance, METRIC_DEFINITIONS, type MetricDefinitions } from './weightwatcherDefinitions.js';

/**
 * rand_distance: how far an ESD is from the ESD of a random matrix with the same entries (docs/theory.md, "MP fit and WeightWatcher's metrics").
 *
 * Here: the Jensen–Shannon distance (base 2, so in [0, 1]) between the two ESDs as *distributions*: both are
 * histogrammed on common bins, logarithmic in λ over the positive range of both (heavy tails span decades),
 * with one extra bin for numerical zeros; the bin count is Rice's rule 2·M^(1/3) (at least 10).
 * The null matrix is either W with its entries randomly permuted ('shuffle', the default: same entry
 * distribution, correlations destroyed) or a fresh Gaussian draw with the same N, M and mean square entry
 * ('gaussian': the MP law that the entry scale alone predicts).
 *
 * WeightWatcher (0.7.5) permutes the entries too (earlier versions resampled them with replacement) and
 * feeds the two sorted eigenvalue vectors to scipy's entropy as if they were probability vectors over the
 * index: it compares normalised eigenvalue profiles rank by rank (natural log, so its values lie in
 * [0, √ln 2]), which is sensitive to the overall scale and to the largest eigenvalues rather than to the shape
 * of the density. The numbers are therefore not comparable with WeightWatcher's column of the same name;
 * `definitions: 'weightwatcher'` computes WeightWatcher's distance instead, on the same null matrix.
 */

export type RandNull = 'shuffle' | 'gaussian';
export const RAND_NULLS: readonly RandNull[] = ['shuffle', 'gaussian'];

export interface RandDistanceOptions {
  null?: RandNull;
  seed: Seed;
  /** The ESD (normalization 'none') of randNullMatrix(W, null, seed) when it is already computed. */
  nullEigenvalues?: Float64Array;
  /** 'vsdl' (default): histograms of the two ESDs; 'weightwatcher': sorted eigenvalue profiles. */
  definitions?: MetricDefinitions;
}

export interface RandDistance {
  rand_distance: number;
  rand_null: RandNull;
  /** ESD of the null matrix (normalization 'none'). */
  rand_eigenvalues: Float64Array;
}

/** Jensen–Shannon distance (base 2) between the histograms of two spectra on common log-spaced bins. */
export function jensenShannonDistance(a: Float64Array, b: Float64Array): number {
  numbers('a', a, { minLength: 1 });
  numbers('b', b, { minLength: 1 });
  if (a.length === 0 || b.length === 0) throw new ParameterError('spectra', 'empty', 'two non-empty spectra');
  let max = 0;
  for (const s of [a, b]) for (let i = 0; i < s.length; i++) max = Math.max(max, s[i]);
  if (!(max > 0)) return 0;
  const zero = numericalZeroTolerance(max, Math.max(a.length, b.length));
  let lo = Infinity;
  for (const s of [a, b]) for (let i = 0; i < s.length; i++) if (s[i] > zero) lo = Math.min(lo, s[i]);
  const bins = Math.max(10, Math.round(2 * Math.cbrt(Math.max(a.length, b.length))));
  // Fractions per bin; the values below the first edge are exactly the numerical zeros (bin 0). When every
  // positive value is the same, they share the first bin.
  const edges = logEdges(lo, lo < max ? max : 2 * lo, bins);
  const fractions = (s: Float64Array): Float64Array => {
    const h = histogram(s, edges);
    const f = new Float64Array(bins + 1);
    f[0] = h.below / s.length;
    for (let k = 0; k < bins; k++) f[k + 1] = h.counts[k] / s.length;
    return f;
  };
  const p = fractions(a);
  const q = fractions(b);
  let js = 0;
  for (let k = 0; k <= bins; k++) {
    const mid = 0.5 * (p[k] + q[k]);
    if (p[k] > 0) js += 0.5 * p[k] * Math.log2(p[k] / mid);
    if (q[k] > 0) js += 0.5 * q[k] * Math.log2(q[k] / mid);
  }
  return Math.sqrt(Math.max(0, Math.min(1, js)));
}

/** W with its entries permuted uniformly at random (Fisher–Yates on the seeded stream). */
export function shuffledEntries(w: Matrix, seed: Seed): Matrix {
  checkMatrix('w', w);
  validateSeed(seed);
  const s = createStream(seed, 'rand-distance', 'shuffle');
  const data = Float64Array.from(w.data);
  for (let i = data.length - 1; i > 0; i--) {
    const j = Math.floor(s.nextFloat() * (i + 1));
    const t = data[i];
    data[i] = data[j];
    data[j] = t;
  }
  return matrix(w.rows, w.cols, data);
}

/** A Gaussian N×M matrix whose entry variance is W's mean square entry (same expected ‖W‖_F²). */
export function gaussianLike(w: Matrix, seed: Seed): Matrix {
  checkMatrix('w', w);
  validateSeed(seed);
  let ss = 0;
  for (let i = 0; i < w.data.length; i++) ss += w.data[i] * w.data[i];
  const sd = Math.sqrt(ss / w.data.length);
  return matrix(w.rows, w.cols, fillNormal(createStream(seed, 'rand-distance', 'gaussian'), new Float64Array(w.data.length), 0, sd));
}

/** The null matrix of rand_distance. */
export function randNullMatrix(w: Matrix, kind: RandNull, seed: Seed): Matrix {
  return kind === 'shuffle' ? shuffledEntries(w, seed) : gaussianLike(w, seed);
}

/** rand_distance of W whose raw ESD (normalization 'none') is `eigenvalues`. */
export function randDistance(w: Matrix, eigenvalues: Float64Array, options: RandDistanceOptions): RandDistance {
  checkMatrix('w', w);
  checkRawEsd(eigenvalues, w);
  record('options', options);
  const kind = oneOf('null', options.null ?? 'shuffle', RAND_NULLS);
  const definitions = oneOf('definitions', options.definitions ?? 'vsdl', METRIC_DEFINITIONS);
  const given = options.nullEigenvalues;
  if (given !== undefined) checkEsdLength('nullEigenvalues', given, w);
  const rand = given ?? esd(randNullMatrix(w, kind, options.seed), 'none');
  const distance = definitions === 'weightwatcher' ? sortedProfileDistance(eigenvalues, rand) : jensenShannonDistance(eigenvalues, rand);
  return { rand_distance: distance, rand_null: kind, rand_eigenvalues: rand };
}

const expectedEsd = (w: Matrix) => `the ${w.cols} eigenvalues of WᵀW (W is ${w.rows}×${w.cols}; normalization 'none')`;

/** M finite values: the size of a raw ESD of W or of its null matrix (whose sum is not W's for the Gaussian null). */
function checkEsdLength(name: string, value: unknown, w: Matrix): ArrayLike<number> {
  const values = numbers(name, value);
  if (values.length !== w.cols) throw new ParameterError(name, `${values.length} values`, expectedEsd(w));
  return values;
}

/**
 * Eigenvalues that can be the raw ESD of W: M finite values whose sum is trace WᵀW = ‖W‖_F². The sum is held to
 * 1e-3 relative, far looser than float64 rounding (M²·ε·λ_max) and loose enough for eigenvalues computed in
 * float32, so that only eigenvalues of WᵀW/N (off by N) or of another matrix are refused, instead of giving a
 * distance that means nothing.
 */
function checkRawEsd(value: unknown, w: Matrix): void {
  const values = checkEsdLength('eigenvalues', value, w);
  let frobenius = 0;
  for (let i = 0; i < w.data.length; i++) frobenius += w.data[i] * w.data[i];
  let trace = 0;
  for (let i = 0; i < values.length; i++) trace += values[i];
  if (Number.isFinite(frobenius) && !(Math.abs(trace - frobenius) <= 1e-3 * frobenius)) {
    throw new ParameterError('eigenvalues', `values summing to ${trace.toPrecision(6)}`, expectedEsd(w), `their sum must be ‖W‖_F² = ${frobenius.toPrecision(6)}`);
  }
}
