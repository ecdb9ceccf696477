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
  checkSpike('ell', ell);
  checkAspect(q, sigma);
  const gamma = 1 / q;
  const threshold = 1 + Math.sqrt(gamma);
  if (!(ell > threshold)) return { threshold, detached: false, outlier: null, overlap2: 0 };
  const d = ell - 1;
  return {
    threshold,
    detached: true,
    outlier: sigma * sigma * ell * (1 + gamma / d),
    overlap2: (1 - gamma / (d * d)) / (1 + gamma / d),
  };
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
  const t2 = theta * theta;
  const excess = t2 * t2 - gamma;
  return {
    threshold,
    detached: true,
    outlier: (sigma * sigma * (1 + t2) * (gamma + t2)) / t2,
    overlap2: excess / (t2 * (t2 + gamma)),
    overlapLeft2: excess / (t2 * (t2 + 1)),
  };
}
