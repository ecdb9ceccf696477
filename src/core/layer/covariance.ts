import { inRange, integer, numbers, record } from '../validate.js';
import { createStream, type Seed } from '../random/index.js';
import type { LayerTeacher } from './teacher.js';

/**
 * The power-law-covariance teacher: T = G·diag(s), G iid N(0, 1) (K×N), s_j = U_j^(−1/μ) iid Pareto-I(μ) and
 * shared by every row. Each teacher row is a sample of N(0, Σ) with Σ = diag(s_j²), whose eigenvalues have the
 * tail P(s² > x) = x^(−μ/2), density ∝ σ^(−1−μ/2).
 *
 * Why not heavy-tailed entries: for iid entries the heavy tail of TᵀT/N lives in the row norms, which the
 * perceptron cannot see (|T_k|² = N removes it). Here the tail lives in the input directions, common to all
 * rows: normalising a row rescales it by a factor of order one and keeps Σ's power law, so the learned layer
 * R·T + √(1−R²)·Ξ, whose population is R²·C + (1 − R²)·I, shows the tail with weight R².
 *
 * Stream: createStream(seed, 'layer', 'teacher-covariance', 'sample=s'), so the scales, like the Gaussian draw,
 * depend on (seed, sample) only.
 */
export function inputScales(mu: number, n: number, seed: Seed, sample: number): Float64Array {
  const stream = createStream(seed, 'layer', 'teacher-covariance', `sample=${sample}`);
  const s = new Float64Array(n);
  for (let j = 0; j < n; j++) s[j] = Math.pow(stream.nextOpenFloat(), -1 / mu);
  return s;
}

/**
 * The normalised teacher's population over the inputs: row k is D_k·G_k·diag(s) with D_k = 1/scale_k, so the
 * variance of input j is c_j = s_j²·mean_k(D_k²) (D replaced by its mean square: the row factors are O(1) and
 * nearly independent of any one input but the largest few). tr C ≈ N because |T_k|² = N.
 */
export function inputPopulation(teacher: LayerTeacher): Float64Array | null {
  record('teacher', teacher);
  const s = teacher.inputScales;
  if (!s) return null;
  let d2 = 0;
  for (let k = 0; k < teacher.k; k++) d2 += 1 / teacher.scales[k]! ** 2;
  d2 /= teacher.k;
  return s.map((x) => x * x * d2);
}

/**
 * Overlap R at which the learned layer of a power-law-covariance teacher is predicted heavy-tailed by the
 * classifier's outlier-fraction rule (≥ `fraction` of the M_a eigenvalues above the bulk edge).
 *
 * The learned layer's rows have population 1 + R²(c_j − 1) over the N inputs. Its ESD is that of K samples of
 * an N-dimensional population (the K ≤ N orientation's nonzero eigenvalues, times K/N), γ′ = N/K; a population
 * value detaches (BBP) iff R²(c_j − 1) > √γ′. So m = ⌈fraction·min(K, N)⌉ outliers need R² = √γ′/(c_(m) − 1),
 * c_(m) the m-th largest c. It ignores the shift of the edge by the other detached values (the generalised
 * spiked model): an estimate of the crossover, which the surrogate's phase settles.
 */
export function heavyTailThresholdR(population: Float64Array, k: number, n: number, fraction: number): number | null {
  numbers('population', population, { minLength: 1 });
  integer('k', k, 1);
  integer('n', n, 1);
  inRange('fraction', fraction, 0, 1);
  const m = Math.max(1, Math.ceil(fraction * Math.min(k, n)));
  const sorted = Float64Array.from(population).sort();
  const c = sorted[sorted.length - m]!;
  if (!(c > 1)) return null;
  const r2 = Math.sqrt(n / k) / (c - 1);
  return r2 <= 1 ? Math.sqrt(r2) : null;
}
