import { integer } from '../validate.js';
import type { EdgeScaling } from './johnstone.js';
import { checkBeta } from './tracyWidom/distribution.js';

/**
 * Centre and scale of the largest eigenvalue of a Wigner matrix (off-diagonal variance 1/N, semicircle on [−2, 2]):
 * (λ_max − center)/scale → TW_β with center = 2 and scale = N^(−2/3) for β = 1, 2. For β = 4 the scale carries a
 * factor 2^(−1/6): the β-Hermite model (and the stochastic Airy operator) converge to F4(2^(1/6)·s) in the F4
 * convention of `twCdf` (Tracy–Widom 2005, mean −2.3069); the other convention absorbs the factor.
 */
export function wignerEdge(n: number, opts: { beta?: 1 | 2 | 4 } = {}): EdgeScaling {
  integer('n', n, 1);
  const beta = checkBeta(opts.beta ?? 1);
  return { center: 2, scale: Math.pow(n, -2 / 3) * (beta === 4 ? Math.pow(2, -1 / 6) : 1) };
}
