import { lnGamma } from '../theory/index.js';
import type { ElementLaw, EnsembleName } from './types.js';

/** Element law, moments and tail constant of each ensemble's entries, at scale σ. */

export function elementLaw(ensemble: EnsembleName, mu: number | null): ElementLaw {
  switch (ensemble) {
    case 'gaussian':
    case 'spiked':
      return 'gaussian';
    case 'pareto':
      return 'pareto-i';
    case 'stable':
      // α = 2 is the Gaussian law N(0, 2σ²) in the exp(−|σt|^α) parametrization.
      return mu === 2 ? 'gaussian' : 'stable';
    default:
      return ensemble;
  }
}

/** Mean of one entry (only the Lomax law is uncentred); null when infinite. */
export function elementMean(ensemble: EnsembleName, mu: number | null, sigma: number): number | null {
  if (ensemble !== 'lomax') return 0;
  return (mu as number) > 1 ? sigma / ((mu as number) - 1) : null;
}

/** Variance of one entry; null when infinite. */
export function elementVariance(ensemble: EnsembleName, mu: number | null, sigma: number): number | null {
  const s2 = sigma * sigma;
  const m = mu as number;
  switch (ensemble) {
    case 'gaussian':
    case 'spiked':
      return s2;
    case 'pareto': // E|x|² = ∫₁^∞ t² μ t^(−μ−1) dt
      return m > 2 ? (s2 * m) / (m - 2) : null;
    case 'lomax':
      return m > 2 ? (s2 * m) / ((m - 1) ** 2 * (m - 2)) : null;
    case 'student-t':
      return m > 2 ? (s2 * m) / (m - 2) : null;
    case 'stable':
      return m === 2 ? 2 * s2 : null;
  }
}

/**
 * C in P(|x| > t) ~ C t^(−μ) as t → ∞, which fixes the Fréchet scale of λ_max through a = (C·N·M)^(1/μ).
 * Pareto-I and Lomax: σ^μ exactly. Student-t: the density's tail K ν^((ν+1)/2) t^(−ν−1) integrated over both
 * sides. Symmetric stable: 2·Γ(α) sin(πα/2)/π · σ^α (Samorodnitsky & Taqqu 1994, Property 1.2.15).
 */
export function tailConstant(ensemble: EnsembleName, mu: number, sigma: number): number {
  const scale = sigma ** mu;
  switch (ensemble) {
    case 'pareto':
    case 'lomax':
      return scale;
    case 'student-t': {
      const nu = mu;
      const lnK = lnGamma((nu + 1) / 2) - lnGamma(nu / 2) - 0.5 * Math.log(nu * Math.PI);
      return 2 * Math.exp(lnK + ((nu - 1) / 2) * Math.log(nu)) * scale;
    }
    case 'stable':
      return ((2 * Math.exp(lnGamma(mu)) * Math.sin((Math.PI * mu) / 2)) / Math.PI) * scale;
    default:
      return 0;
  }
}
