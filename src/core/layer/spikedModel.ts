import { finite, numbers, positive } from '../validate.js';
/**
 * The generalised spiked model (Bai & Yao 2012; Silverstein & Choi 1995): X = AᵀA/N_a for N_a samples of an
 * M-dimensional population with covariance eigenvalues {t_j} (the bulk) plus spikes, γ = M/N_a. With
 * ψ(s) = s + γ s ∫ t/(s − t) dH(t) over the bulk's empirical law H:
 * - the bulk's right edge is ψ(s*), s* > max t the root of ψ′(s*) = 0, ψ′(s) = 1 − γ ∫ t²/(s − t)² dH(t);
 * - a spike s detaches iff s > s* (ψ′(s) > 0), and its outlier is at ψ(s).
 * For H = δ₁ this is BBP: s* = 1 + √γ, ψ(s*) = (1 + √γ)², ψ(ℓ) = ℓ(1 + γ/(ℓ − 1)).
 */

/** The population's bulk (values t_j ≥ 0, at least one positive) and γ > 0. */
function checkBulk(bulk: unknown, gamma: unknown): void {
  numbers('bulk', bulk, { minLength: 1 });
  positive('gamma', gamma);
}

export function psi(s: number, bulk: Float64Array, gamma: number): number {
  finite('s', s);
  checkBulk(bulk, gamma);
  let sum = 0;
  for (let j = 0; j < bulk.length; j++) sum += bulk[j]! / (s - bulk[j]!);
  return s + (gamma * s * sum) / bulk.length;
}

export function psiPrime(s: number, bulk: Float64Array, gamma: number): number {
  finite('s', s);
  checkBulk(bulk, gamma);
  let sum = 0;
  for (let j = 0; j < bulk.length; j++) {
    const r = bulk[j]! / (s - bulk[j]!);
    sum += r * r;
  }
  return 1 - (gamma * sum) / bulk.length;
}

/** s*: ψ′ increases from −∞ (at max t) to 1, so bisection on (max t, hi) converges. */
export function criticalSpike(bulk: Float64Array, gamma: number): number {
  checkBulk(bulk, gamma);
  let top = 0;
  for (let j = 0; j < bulk.length; j++) top = Math.max(top, bulk[j]!);
  let lo = top;
  let hi = top * (1 + Math.sqrt(gamma)) + 1e-12;
  while (psiPrime(hi, bulk, gamma) <= 0) hi = top + 2 * (hi - top);
  for (let i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
    const mid = 0.5 * (lo + hi);
    if (psiPrime(mid, bulk, gamma) > 0) hi = mid;
    else lo = mid;
  }
  return hi;
}

export function bulkEdge(bulk: Float64Array, gamma: number): number {
  checkBulk(bulk, gamma);
  return psi(criticalSpike(bulk, gamma), bulk, gamma);
}

/** ψ(s) when s detaches, else null. */
export function spikeOutlier(s: number, bulk: Float64Array, gamma: number): number | null {
  finite('s', s);
  checkBulk(bulk, gamma);
  return s > criticalSpike(bulk, gamma) ? psi(s, bulk, gamma) : null;
}
