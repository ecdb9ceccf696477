import { ParameterError } from '../errors.js';
import { finite } from '../validate.js';
import { checkAspect } from './mp.js';

/**
 * Rank-one spikes and the BBP transition for X = WᵀW/N, W an N×M matrix, γ = M/N = 1/Q (docs/theory.md, "Ensembles" and "BBP spikes").
 * Locations scale with σ²; thresholds are in the spike's own units. `overlap2` is the squared overlap
 * ⟨v̂, v⟩² of the top eigenvector v̂ of X with the spike direction v (the M-dimensional side).
 */
export interface BbpPrediction {
  /** Smallest spike strength (ℓ or θ) that detaches an outlier. */
  threshold: number;
  detached: boolean;
  /** Limit of the top eigenvalue of X; null below the threshold (it then sticks to λ₊). */
  outlier: number | null;
  /** Limit of ⟨v̂, v⟩²; 0 at and below the threshold. */
  overlap2: number;
}

export interface BbpAdditivePrediction extends BbpPrediction {
  /** Limit of ⟨û, u⟩² for the N-dimensional left singular direction u of the additive model. */
  overlapLeft2: number;
}

function checkSpike(name: string, value: number): void {
  if (finite(name, value, 'a finite number ≥ 0') < 0) throw new ParameterError(name, value, 'a finite number ≥ 0');
}

/**
 * Covariance spike (Baik–Silverstein): rows of W ~ N(0, σ²(I + (ℓ−1)vvᵀ)). Outlier ℓ(1 + γ/(ℓ−1)),
 * ⟨v̂, v⟩² = (1 − γ/(ℓ−1)²)/(1 + γ/(ℓ−1)) (Paul 2007).
 */
export function bbpCovariance(ell: number, q: number, sigma = 1): BbpPrediction {
  // ℓ < 1 lowers one direction's variance: for ℓ < 1 − √γ an outlier leaves the bulk at its bottom, which these
  // limits (of the top eigenvalue) do not describe; refused rather than answered "not detached".
  if (finite('ell', ell, 'a finite number ≥ 1') < 1) {
    throw new ParameterError('ell', ell, 'a finite number ≥ 1 (ℓ < 1 lowers a variance, and its outlier falls below the bulk)');
  }
  checkAspect(q, sigma);
  const gamma = 1 / q;
  const threshold = 1 + Math.sqrt(gamma);
  if (!(ell > threshold)) return { threshold, detached: false, outlier: null, overlap2: 0 };
  const d = ell - 1;
  // γ/(ℓ−1)² as (γ/d)/d: d·d overflows for ℓ > 1.3e154, where the overlap is 1 to double precision.
  const g = gamma / d;
  return {
    threshold,
    detached: true,
    outlier: representable('ell', ell, sigma * sigma * ell * (1 + g)),
    overlap2: (1 - g / d) / (1 + g),
  };
}

/** A limit that overflows a double is refused (naming the input that made it so), not returned as Infinity. */
function representable(name: string, value: number, outlier: number): number {
  if (!Number.isFinite(outlier)) throw new ParameterError(name, value, 'a spike (with σ) whose outlier location is below the double range (~1.8e308)');
  return outlier;
}

/**
 * Additive spike: W = σ(G + √N θ u vᵀ), i.e. Y = W/(σ√N) = G/√N + θ u vᵀ, X = σ² YᵀY.
 *
 * Derivation (Benaych-Georges & Nadakuditi 2012, rectangular case). Yᵀ is M×N with entries of variance 1/N,
 * so their c = M/N = γ. With φ(z) = ∫ z/(z²−t²) dμ(t), φ̃(z) = γφ(z) + (1−γ)/z over the singular-value law μ
 * of G/√N, the D-transform D(z) = φ(z)φ̃(z) of the MP law inverts in closed form: for ρ = z² outside the
 * bulk, D = 1/θ² gives ρ = (1+θ²)(γ+θ²)/θ², which is the outlier; it exists iff D(b⁺) = γ^(1/2) > 1/θ², i.e.
 * θ > γ^(1/4) = Q^(−1/4). The overlaps are −2φ(ρ)/(θ²D′(ρ)) on the M side and −2φ̃(ρ)/(θ²D′(ρ)) on the N
 * side; evaluated with the MP Stieltjes transform they reduce to
 *   ⟨v̂, v⟩² = (θ⁴ − γ)/(θ²(θ² + γ)),   ⟨û, u⟩² = (θ⁴ − γ)/(θ²(θ² + 1)).
 * The M-side value equals the covariance overlap with ℓ = 1 + θ²: both models share outlier and ⟨v̂, v⟩².
 */
export function bbpAdditive(theta: number, q: number, sigma = 1): BbpAdditivePrediction {
  checkSpike('theta', theta);
  checkAspect(q, sigma);
  const gamma = 1 / q;
  const threshold = Math.pow(gamma, 0.25);
  if (!(theta > threshold)) return { threshold, detached: false, outlier: null, overlap2: 0, overlapLeft2: 0 };
  // The closed forms divided through by θ⁴ (and the outlier by θ²), with r = γ/θ²: θ⁴ overflows for θ > 1.2e77,
  // and the ratios of infinities would be NaN. (θ⁴ − γ)/θ⁴ = 1 − r/θ².
  const t2 = theta * theta;
  const r = gamma / t2;
  const excess = 1 - r / t2;
  return {
    threshold,
    detached: true,
    outlier: representable('theta', theta, sigma * sigma * (1 + t2) * (1 + r)),
    overlap2: excess / (1 + r),
    overlapLeft2: excess / (1 + 1 / t2),
  };
}
