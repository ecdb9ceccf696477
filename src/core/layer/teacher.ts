import { float64Array, integer, oneOf, record } from '../validate.js';
import { generate, type Truth } from '../ensembles/index.js';
import type { Matrix } from '../linalg/index.js';
import { createStream, validateSeed, type Seed } from '../random/index.js';
import type { Weights } from '../theory/index.js';
import { inputScales } from './covariance.js';
import type { CheckedTeacher } from './params.js';

/**
 * The teacher layer T (K×N): K teacher perceptrons on N inputs, row k being the teacher of student k.
 *
 * Orientation. The ensembles draw W of shape N_a×M_a with N_a ≥ M_a and describe the spectrum of X = WᵀW/N_a.
 * We draw W with N_a = max(K, N), M_a = min(K, N), so that its truth (MP edges, BBP, TW, Fréchet) applies
 * verbatim: for K ≤ N, W is N×K and teacher row k is column k of W (T = Wᵀ); for K > N, T = W. The learned
 * layer is analysed in the same orientation (see spectrum.ts).
 *
 * Normalisation. The perceptron's labels sgn(T_k·ξ) see only the direction of T_k, and a spherical student
 * has |J_k|² = N, so every teacher row is rescaled to |T_k|² = N; `scales` keeps |T_k|/√N (the row norms that
 * rowNorms = 'teacher' restores). Ising students need a ±1 teacher: their rows are sgn(T_k) (sgn 0 = +1),
 * whose norm is √N already.
 *
 * Power-law covariance (spec.covariance, covariance.ts): input j of every row is multiplied by s_j before the
 * rows are normalised, so T = G·diag(s) with G the Gaussian draw.
 *
 * Stream: the ensemble's seed is a 53-bit integer drawn from createStream(seed, 'layer', 'teacher',
 * 'sample=s'), so a sample's teacher depends on the seed, the sample and the ensemble's parameters only.
 */
export interface LayerTeacher {
  k: number;
  n: number;
  /** K×N row-major, |row|² = N. */
  rows: Float64Array;
  /** |T_k|/√N of the drawn rows, before normalisation. */
  scales: Float64Array;
  truth: Truth;
  /** Unit spike directions of the ensemble (over the M_a side), rows of a (#spikes)×M_a matrix; null without spikes. */
  spikeDirections: Matrix | null;
  /** True when K ≤ N: W is N×K and the teacher rows are its columns. */
  transposed: boolean;
  /** The power-law-covariance teacher's input scales s_j (length N); null for the other teachers. */
  inputScales: Float64Array | null;
}

/** Checks a LayerTeacher's shape (the fields the layer functions read). */
export function checkLayerTeacher(teacher: unknown, name = 'teacher'): LayerTeacher {
  const t = record<LayerTeacher>(name, teacher);
  const k = integer(`${name}.k`, t.k, 1);
  const n = integer(`${name}.n`, t.n, 1);
  float64Array(`${name}.rows`, t.rows, { length: k * n });
  float64Array(`${name}.scales`, t.scales, { length: k });
  return t;
}

export function teacherSeed(seed: Seed, sample: number): number {
  const s = createStream(seed, 'layer', 'teacher', `sample=${sample}`);
  return (s.nextUint32() >>> 11) * 4294967296 + s.nextUint32();
}

export function drawTeacher(spec: CheckedTeacher, k: number, n: number, weights: Weights, seed: Seed, sample: number): LayerTeacher {
  record('spec', spec);
  integer('k', k, 1);
  integer('n', n, 1);
  oneOf('weights', weights, ['ising', 'spherical'] as const);
  validateSeed(seed);
  integer('sample', sample, 0);
  const transposed = k <= n;
  const draw = generate({
    ensemble: spec.ensemble,
    n: Math.max(k, n),
    m: Math.min(k, n),
    sigma: spec.sigma,
    ...(spec.mu === null ? {} : { mu: spec.mu }),
    ...(spec.spikes.length ? { spikes: spec.spikes, spikeModel: spec.spikeModel ?? 'covariance' } : {}),
    seed: teacherSeed(seed, sample),
  });
  const W = draw.W;
  const rows = new Float64Array(k * n);
  for (let r = 0; r < k; r++) {
    for (let i = 0; i < n; i++) rows[r * n + i] = transposed ? W.data[i * W.cols + r]! : W.data[r * W.cols + i]!;
  }
  const s = spec.covariance ? inputScales(spec.covariance.mu, n, seed, sample) : null;
  if (s) for (let r = 0; r < k; r++) for (let i = 0; i < n; i++) rows[r * n + i]! *= s[i]!;
  const scales = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    const row = rows.subarray(r * n, (r + 1) * n);
    let norm = 0;
    for (let i = 0; i < n; i++) norm += row[i]! * row[i]!;
    scales[r] = Math.sqrt(norm / n);
    if (weights === 'ising') for (let i = 0; i < n; i++) row[i] = row[i]! >= 0 ? 1 : -1;
    else for (let i = 0; i < n; i++) row[i]! /= scales[r]!;
  }
  return { k, n, rows, scales, truth: draw.truth, spikeDirections: draw.spikeDirections ?? null, transposed, inputScales: s };
}
