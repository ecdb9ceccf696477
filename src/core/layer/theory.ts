import { inRange, record } from '../validate.js';
import { PHASE_RULES } from '../fit/index.js';
import { matrix, symmetricEigenvalues } from '../linalg/index.js';
import { heavyTailClass, mpEdges, perceptronReplica } from '../theory/index.js';
import type { Weights } from '../theory/index.js';
import { heavyTailThresholdR, inputPopulation } from './covariance.js';
import type { CheckedTeacher } from './params.js';
import { bulkEdge, criticalSpike, psi } from './spikedModel.js';
import { checkLayerTeacher, type LayerTeacher } from './teacher.js';
import type { LayerBbp, RowNorms } from './types.js';

/**
 * The predicted spectrum of a learned layer (docs/layer-model.md has the derivation).
 *
 * A student at overlap R is J_k = R·T_k + √(1−R²)·ξ_k, ξ_k ⊥ T_k, independent across rows (independent inputs);
 * so the layer is W_s = R·T + √(1−R²)·Ξ with Ξ ≈ iid N(0, 1). Write the teacher's A-rows (the samples of the
 * X = AᵀA/N_a convention) as having population covariance C. Then:
 * - covariance model: the learned layer's population is Σ_s = R²·C + (1 − R²)·I; a Gaussian teacher (C = I)
 *   gives Σ_s = I, exactly MP at every R. A spike c of C becomes 1 + R²(c − 1) (ℓ_eff − 1 = R²(ℓ − 1)), and
 *   the generalised spiked model (spikedModel.ts) gives edges and outliers;
 * - additive model: the teacher's noise (variance ≈ 1 per entry after normalisation) and the student's noise
 *   add to variance δ̄ = R²·v_T + (1 − R²) ≈ 1, and the signal shrinks to R·θ: θ_eff = R·θ_T/√δ̄. (A teacher
 *   with no noise of its own, v_T = 0, would give θ_eff = R·θ/√(1−R²) instead.)
 * Row normalisation |T_k|² = N changes C: for K ≤ N the spike lives across teacher rows and C is the
 * correlation matrix of the ensemble's Σ (spikes shrink by O((ℓ−1)/K)); for K > N rows are rescaled by a common
 * factor. Ising teachers are sgn(T): by the arcsine law their C is (2/π)·arcsin of the correlation matrix.
 * Closed forms assume unit rows; with rowNorms = 'teacher', and for heavy-tailed teachers, only the surrogate's
 * phase is given.
 */

export type TeacherModel =
  | { kind: 'covariance'; gamma: number; bulk: Float64Array; spikes: { strength: number; c: number }[] }
  | { kind: 'additive'; gamma: number; profile: Float64Array; spikes: { strength: number; amplitude: number }[] }
  | { kind: 'none'; note: string };

export function teacherModel(teacher: LayerTeacher, spec: CheckedTeacher, weights: Weights, rowNorms: RowNorms): TeacherModel {
  checkLayerTeacher(teacher);
  record('spec', spec);
  const m = Math.min(teacher.k, teacher.n);
  const gamma = m / Math.max(teacher.k, teacher.n);
  if (rowNorms !== 'unit') return { kind: 'none', note: "closed forms assume unit rows (rowNorms = 'unit'); the phase is the surrogate's" };
  if (spec.covariance) {
    return { kind: 'none', note: "power-law covariance: no bulk edge in the limit (the ESD tail is the population's, 1 + μ/2); the phase is the surrogate's, heavy_tail.threshold_R the BBP estimate of the crossover" };
  }
  if (spec.ensemble === 'gaussian') return { kind: 'covariance', gamma, bulk: new Float64Array(m).fill(1), spikes: [] };
  if (spec.ensemble !== 'spiked') {
    return { kind: 'none', note: `no closed form for a ${spec.ensemble} teacher; the phase is the surrogate's, the tail class the teacher's` };
  }
  const v = teacher.spikeDirections!;
  if (spec.spikeModel === 'covariance') {
    // Σ = I + Σ_j (ℓ_j − 1) v_j v_jᵀ over the M_a side (σ² cancels in the normalisation).
    const sigma = matrix(m, m);
    for (let i = 0; i < m; i++) sigma.data[i * m + i] = 1;
    spec.spikes.forEach((ell, j) => {
      for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) sigma.data[a * m + b]! += (ell - 1) * v.data[j * m + a]! * v.data[j * m + b]!;
    });
    const C = normalisePopulation(sigma, teacher.transposed || weights === 'ising');
    if (weights === 'ising') for (let i = 0; i < m * m; i++) C.data[i] = (2 / Math.PI) * Math.asin(Math.max(-1, Math.min(1, C.data[i]!)));
    const ev = symmetricEigenvalues(C); // ascending
    const order = spec.spikes.map((strength, j) => ({ strength, j })).filter((s) => s.strength > 1).sort((a, b) => b.strength - a.strength);
    const spikes = order.map((s, r) => ({ strength: s.strength, c: ev[m - 1 - r]! }));
    return { kind: 'covariance', gamma, bulk: ev.slice(0, m - spikes.length), spikes };
  }
  if (weights === 'ising') return { kind: 'none', note: 'no closed form for the sign of an additively spiked teacher; the phase is the surrogate\'s' };
  // Additive: column k of the K ≤ N draw has norm² ≈ N(1 + Σ_j θ_j² v_jk²), so after normalisation its noise
  // variance is profile_k = 1/(1 + Σ_j θ_j² v_jk²) and spike j has amplitude θ_j·|D v_j|. For K > N the row
  // norms are ≈ N(1 + Σθ²/N) for every row (u delocalised): one common factor.
  const profile = new Float64Array(m);
  const total = spec.spikes.reduce((a, t) => a + t * t, 0);
  for (let a = 0; a < m; a++) {
    let extra = 0;
    if (teacher.transposed) spec.spikes.forEach((t, j) => (extra += t * t * v.data[j * m + a]! ** 2));
    else extra = total / teacher.n;
    profile[a] = 1 / (1 + extra);
  }
  const spikes = spec.spikes.map((strength, j) => {
    let s = 0;
    for (let a = 0; a < m; a++) s += (teacher.transposed ? v.data[j * m + a]! ** 2 : 1 / m) * profile[a]!;
    return { strength, amplitude: strength * Math.sqrt(s) };
  });
  return { kind: 'additive', gamma, profile, spikes };
}

/** Correlation matrix (unit diagonal: K ≤ N, or Ising), else rescaled to mean diagonal 1 (K > N: a common row factor). */
function normalisePopulation(S: ReturnType<typeof matrix>, correlation: boolean): ReturnType<typeof matrix> {
  const m = S.rows;
  const d = new Float64Array(m);
  let trace = 0;
  for (let i = 0; i < m; i++) trace += S.data[i * m + i]!;
  for (let i = 0; i < m; i++) d[i] = correlation ? 1 / Math.sqrt(S.data[i * m + i]!) : Math.sqrt(m / trace);
  const C = matrix(m, m);
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) C.data[a * m + b] = d[a]! * S.data[a * m + b]! * d[b]!;
  return C;
}

export interface PredictedSpectrum {
  bbp: LayerBbp[] | null;
  lambda_plus: number | null;
  note: string | null;
}

/** Edges and outliers at overlap R. */
export function predictSpectrum(model: TeacherModel, R: number): PredictedSpectrum {
  record('model', model);
  inRange('R', R, -1, 1);
  if (model.kind === 'none') return { bbp: null, lambda_plus: null, note: model.note };
  const r2 = R * R;
  if (model.kind === 'covariance') {
    const bulkAt = (x: number) => model.bulk.map((t) => x * x * (t - 1) + 1);
    const bulk = bulkAt(R);
    const sStar = criticalSpike(bulk, model.gamma);
    const bbp = model.spikes.map(({ strength, c }) => {
      const effective = r2 * (c - 1) + 1;
      const detached = effective > sStar;
      const threshold = thresholdR((x) => x * x * (c - 1) + 1 > criticalSpike(bulkAt(x), model.gamma));
      return { strength, effective, threshold_R: threshold, detached, outlier: detached ? psi(effective, bulk, model.gamma) : null };
    });
    return { bbp, lambda_plus: bulkEdge(bulk, model.gamma), note: null };
  }
  const g = model.gamma;
  const meanNoise = (x: number) => {
    let s = 0;
    for (let a = 0; a < model.profile.length; a++) s += x * x * model.profile[a]! + 1 - x * x;
    return s / model.profile.length;
  };
  const delta = meanNoise(R);
  const bbp = model.spikes.map(({ strength, amplitude }) => {
    const effective = (R * amplitude) / Math.sqrt(delta);
    const detached = effective > Math.pow(g, 0.25);
    const threshold = thresholdR((x) => (x * amplitude) / Math.sqrt(meanNoise(x)) > Math.pow(g, 0.25));
    const t2 = effective * effective;
    return { strength, effective, threshold_R: threshold, detached, outlier: detached ? (delta * (g + t2) * (1 + t2)) / t2 : null };
  });
  // The noise is a white bulk of variance δ at aspect ratio 1/γ.
  return { bbp, lambda_plus: mpEdges(1 / g, Math.sqrt(delta)).lambdaPlus, note: null };
}

/** Smallest R in [0, 1] with detached(R) (monotone in R), by bisection; null if not detached at R = 1. */
function thresholdR(detached: (R: number) => boolean): number | null {
  if (!detached(1)) return null;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 50; i++) {
    const mid = 0.5 * (lo + hi);
    if (detached(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Perceptron theory of one row (replica-symmetric, equilibrium branch). */
export function rowTheory(weights: Weights, alpha: number, tau: number): { R: number; eps_g: number } {
  const state = perceptronReplica({ weights, alpha, tau, branch: 'equilibrium' });
  return { R: state.R, eps_g: state.eps_g };
}

/**
 * The heavy-tail class a heavy-tailed teacher passes on. Entry-wise tails: entries R·T_ij + noise keep μ; the
 * scale shrinks with R. Power-law covariance: the learned layer's population 1 + R²(c_j − 1) has the tail of
 * c = s² (P(c > x) ~ x^(−μ/2)) at any R > 0, and a population value far above the bulk gives an eigenvalue
 * ≈ its own value times a constant, so the ESD density falls as λ^(−1−μ/2) at every μ: α = 1 + μ/2 (for iid
 * entries only when μ < 2). threshold_R (unit rows only) is where the finite-size crossover is estimated.
 */
export function inheritedTail(
  spec: CheckedTeacher,
  teacher?: LayerTeacher,
  rowNorms: RowNorms = 'unit',
): { mu: number; regime: string; predicted_alpha: number | null; threshold_R: number | null } | null {
  record('spec', spec);
  if (teacher !== undefined) checkLayerTeacher(teacher);
  if (spec.covariance) {
    const population = teacher && rowNorms === 'unit' ? inputPopulation(teacher) : null;
    const threshold = population ? heavyTailThresholdR(population, teacher!.k, teacher!.n, PHASE_RULES.heavyOutlierFraction) : null;
    return { mu: spec.covariance.mu, regime: 'power-law-covariance', predicted_alpha: 1 + spec.covariance.mu / 2, threshold_R: threshold };
  }
  if (spec.mu === null) return null;
  const c = heavyTailClass(spec.mu);
  return { mu: spec.mu, regime: c.regime, predicted_alpha: c.predictedAlpha, threshold_R: null };
}
