import { inRange, integer, numbers } from '../validate.js';
import { ParameterError } from '../errors.js';

/**
 * WeightWatcher's per-layer metrics (docs/theory.md, "MP fit and WeightWatcher's metrics"), computed on raw eigenvalues λ = s(W)² (normalization
 * 'none') as WeightWatcher does. Norms and ranks depend on that choice; α, entropy and ratios do not.
 *   log_norm           log10 Σλ                (log10 ‖W‖_F²)
 *   log_spectral_norm  log10 λ_max             (log10 ‖W‖₂²)
 *   alpha_weighted     α · log10 λ_max
 *   log_alpha_norm     log10 Σ λ^α             (log10 of the Schatten α-norm to the power α of WᵀW)
 *   stable_rank        Σλ / λ_max
 *   entropy            −Σ p ln p / ln(rank),  p = λ/Σλ over the nonzero eigenvalues
 *   rank_loss          M − numerical rank
 */

export interface SpectralMetrics {
  log_norm: number;
  log_spectral_norm: number;
  alpha_weighted: number;
  log_alpha_norm: number;
  stable_rank: number;
  entropy: number;
  rank_loss: number;
  /** rank_loss / M: the mass at zero that the rank-collapse rule uses. */
  zero_fraction: number;
}

/**
 * An eigenvalue of WᵀW counts as zero (numerical rank) when λ ≤ M·ε·λ_max: a rank-deficient W leaves its zero
 * eigenvalues at rounding level (measured ≤ 1.5e-15·λ_max up to M = 1000) after the Gram product and
 * tridiagonalization. A looser "near zero" (say 1e-8·λ_max) is not usable: very heavy tails (Pareto μ ≤ 1)
 * spread genuine eigenvalues over 6–13 decades below λ_max.
 */
export function numericalZeroTolerance(lambdaMax: number, m: number): number {
  inRange('lambdaMax', lambdaMax, 0, Infinity);
  integer('m', m, 1);
  return Math.max(m, 1) * Number.EPSILON * lambdaMax;
}

function log10Sum(values: Float64Array, power: number, max: number): number {
  // Σ λ^a = λ_max^a · Σ (λ/λ_max)^a: no overflow for large α or λ.
  let sum = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > 0) sum += Math.pow(values[i] / max, power);
  return power * Math.log10(max) + Math.log10(sum);
}

/**
 * Metrics of an ESD with power-law exponent α (NaN when no α could be fitted: the α-dependent metrics are NaN).
 * @throws ParameterError for an empty array, NaN/±∞, negative values beyond rounding, or an all-zero spectrum.
 */
export function spectralMetrics(eigenvalues: Float64Array | readonly number[], alpha: number): SpectralMetrics {
  numbers('eigenvalues', eigenvalues, { finiteOnly: false });
  const m = eigenvalues.length;
  if (m === 0) throw new ParameterError('eigenvalues', '[]', 'a non-empty array');
  if (typeof alpha !== 'number') throw new ParameterError('alpha', alpha, 'a number (NaN when not fitted)');
  let max = 0;
  for (let i = 0; i < m; i++) {
    const v = eigenvalues[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ParameterError(`eigenvalues[${i}]`, v, 'a finite number ≥ 0');
    max = Math.max(max, v);
  }
  if (!(max > 0)) throw new ParameterError('eigenvalues', 'all zero', 'at least one positive eigenvalue');
  const x = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const v = eigenvalues[i];
    if (v < -1e-9 * max) throw new ParameterError(`eigenvalues[${i}]`, v, 'a finite number ≥ 0');
    x[i] = Math.max(0, v);
  }
  const zeroTol = numericalZeroTolerance(max, m);
  // Σλ in units of λ_max (Σλ itself overflows for eigenvalues near 1.8e308; p = λ/Σλ is unchanged by the unit).
  let total = 0;
  let rank = 0;
  for (let i = 0; i < m; i++) {
    total += x[i] / max;
    if (x[i] > zeroTol) rank++;
  }
  let h = 0;
  for (let i = 0; i < m; i++) {
    if (x[i] <= zeroTol) continue;
    const p = x[i] / max / total;
    h -= p * Math.log(p);
  }
  const ok = Number.isFinite(alpha);
  return {
    log_norm: Math.log10(max) + Math.log10(total),
    log_spectral_norm: Math.log10(max),
    alpha_weighted: ok ? alpha * Math.log10(max) : NaN,
    log_alpha_norm: ok ? log10Sum(x, alpha, max) : NaN,
    stable_rank: total,
    // One nonzero eigenvalue: the entropy is 0 by continuity (a rank-one matrix is fully concentrated).
    entropy: rank > 1 ? h / Math.log(rank) : 0,
    rank_loss: m - rank,
    zero_fraction: (m - rank) / m,
  };
}
