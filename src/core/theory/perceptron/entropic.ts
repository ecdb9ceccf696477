import { gaussDensity, gaussTail } from './gaussian.js';
import { breakpoints, geometricPoints, integrateVector } from './quadrature.js';

/**
 * The entropic side of the saddle point: given the conjugates (q̂, R̂) that the energetic part produces,
 * the overlaps (q, R) that the prior over students returns, and the entropic term G_S of −βf.
 *
 * Spherical students (|J|² = N), G_S = ½ln(1 − q) + (q − R²)/(2(1 − q)); stationarity gives
 *   q̂ = (q − R²)/(1 − q)², R̂ = R/(1 − q)  ⇔  q/(1 − q)² = q̂ + R̂², 1 − ρ² = q̂/(q̂ + R̂²).
 * Ising students (J = ±1, teacher gauged to all +1), with h = √q̂ z + R̂,
 *   G_S = extr[−q̂(1 − q)/2 − R̂R + ∫Dz ln 2cosh h],  R = ∫Dz tanh h,  q = ∫Dz tanh² h.
 * Both return 1 − q and 1 − ρ² directly (ρ = R/√q), never as differences of numbers close to 1.
 */

import type { Weights } from './types.js';
export type { Weights };

export interface EntropicResult {
  q: number;
  oneMinusQ: number;
  R: number;
  oneMinusR: number;
  oneMinusRho2: number;
  /** G_S evaluated at these overlaps (for Ising, at the conjugates that produced them) */
  GS: number;
}

const LIMIT = 11;
const QUAD = { relTol: 1e-11, absTol: 1e-17 };

export function sphericalEntropic(qHat: number, RHat: number): EntropicResult {
  const A = qHat + RHat * RHat;
  const root = Math.sqrt(4 * A + 1);
  const oneMinusQ = 2 / (root + 1);
  const q = (4 * A) / ((root + 1) * (root + 1));
  const R = RHat * oneMinusQ;
  const oneMinusRho2 = A > 0 ? qHat / A : 1;
  const oneMinusR = (oneMinusQ + q * oneMinusRho2) / (1 + R); // 1 − R² = (1 − q) + q(1 − ρ²)
  const GS = 0.5 * Math.log(oneMinusQ) + (q * oneMinusRho2) / (2 * oneMinusQ);
  return { q, oneMinusQ, R, oneMinusR, oneMinusRho2, GS };
}

/** 1 − tanh(x), accurate for large positive x. */
function oneMinusTanh(x: number): number {
  const e = Math.exp(-2 * Math.abs(x));
  return x >= 0 ? (2 * e) / (1 + e) : 2 / (1 + e);
}

export function isingEntropic(qHat: number, RHat: number): EntropicResult {
  const baseGap = oneMinusTanh(RHat); // 1 − tanh R̂: the q̂ = 0 value of 1 − R
  const sums = new Float64Array(4);
  if (qHat === 0) {
    const e = Math.exp(-2 * Math.abs(RHat));
    sums[0] = baseGap;
    sums[1] = (4 * e) / ((1 + e) * (1 + e));
    sums[2] = 0;
    sums[3] = Math.log1p(e);
  } else {
    const sq = Math.sqrt(qHat);
    const integrand = (z: number, v: Float64Array): void => {
      const h = sq * z + RHat;
      const e = Math.exp(-2 * Math.abs(h));
      const gap = h >= 0 ? (2 * e) / (1 + e) : 2 / (1 + e);
      const w = gaussDensity(z);
      const shift = baseGap - gap; // tanh h − tanh R̂
      v[0] = w * gap;
      v[1] = (w * 4 * e) / ((1 + e) * (1 + e));
      v[2] = w * shift * shift;
      v[3] = w * Math.log1p(e);
    };
    // The integrands change on the scale 1/√q̂ around h = 0 (z = −R̂/√q̂); the Gaussian weight on the scale 1.
    const points = geometricPoints(-RHat / sq, Math.min(1, 1 / sq), 2 * LIMIT + RHat / sq);
    points.push(0, -2, 2, -5, 5);
    integrateVector(integrand, 4, breakpoints(LIMIT, points), sums, QUAD);
  }
  const oneMinusR = sums[0];
  const R = 1 - oneMinusR;
  const oneMinusQ = sums[1];
  const q = 1 - oneMinusQ;
  const meanShift = baseGap - oneMinusR; // E[tanh h − tanh R̂]
  const variance = Math.max(0, sums[2] - meanShift * meanShift); // q − R²
  const oneMinusRho2 = q > 0 ? variance / q : 1;
  // ∫Dz ln 2cosh h = E|h| + E ln(1 + e^(−2|h|)), with E|h| in closed form, so that G_S has no cancellation
  // between terms of size R̂ when R → 1.
  let absPart: number; // E|h| − R̂R − q̂(1 − q)/2 rearranged term by term
  if (qHat === 0) {
    absPart = Math.abs(RHat) - RHat * R;
  } else {
    const sq = Math.sqrt(qHat);
    const m = RHat / sq;
    absPart = RHat * oneMinusR - 2 * RHat * gaussTail(m) + 2 * sq * gaussDensity(m);
  }
  const GS = -0.5 * qHat * oneMinusQ + absPart + sums[3];
  return { q, oneMinusQ, R, oneMinusR, oneMinusRho2, GS };
}
