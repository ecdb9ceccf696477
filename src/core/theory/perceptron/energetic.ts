import { LN_SQRT_2PI, erfcx, gaussDensity, gaussTail } from './gaussian.js';

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
import { breakpoints, geometricPoints, integrateVector } from './quadrature.js';

/**
 * The energetic part of the replica-symmetric free energy and its derivatives,
 *
 *   G_E(q, R) = 2∫Dt W(t) ℓ(bt),  ℓ(u) = ln[e^(−β) + (1 − e^(−β)) H(u)],
 *   W(t) = (1 − p) H(at) + p H(−at),  a = −R/√(q − R²),  b = −√(q/(1 − q)).
 *
 * The derivatives come from Gaussian integration by parts (the fields of the teacher and of a student's
 * cavity are jointly Gaussian with covariance R and variance q), which removes the 1/(q − R²) factors that
 * differentiating a and b would bring:
 *
 *   ∂G_E/∂q = −(1/(1 − q)) ∫Dt W(t) ℓ'(bt)²          (using ℓ'' + uℓ' = −ℓ'²)
 *   ∂G_E/∂R = (1 − 2p) √(2/π) / √(1 − q) · ∫Ds (−ℓ'(cs)),  c = √((q − R²)/(1 − q)).
 *
 * The training error per example is ε_t = −∂G_E/∂β = 2∫Dt W(t) e^(−β) H(−bt) / Z(bt).
 */

/** Inverse temperature with the quantities the integrands need; beta = Infinity is Gibbs learning (τ = 0). */
export interface Temperature {
  beta: number;
  /** 1 − e^(−β) */
  gamma: number;
  logGamma: number;
}

export function temperature(tau: number): Temperature {
  const beta = tau === 0 ? Infinity : 1 / tau;
  const gamma = -Math.expm1(-beta);
  return { beta, gamma, logGamma: Math.log(gamma) };
}

/** Order parameters stored so that 1 − q and 1 − ρ² (ρ = R/√q) keep full relative precision near 1. */
export interface Overlaps {
  q: number;
  oneMinusQ: number;
  rho: number;
  oneMinusRho2: number;
}

export interface EnergeticTerms {
  /** G_E */
  GE: number;
  /** 2∫Dt W ℓ'(bt)², so that q̂ = −2α ∂G_E/∂q = α·Sq/(1 − q) */
  Sq: number;
  /** ∫Ds (−ℓ'(cs)), so that R̂ = α ∂G_E/∂R = α(1 − 2p)√(2/π)·K/√(1 − q) */
  K: number;
  /** training error per example */
  epsT: number;
}

const LIMIT = 11; // φ(11) ≈ 2e-27: the Gaussian weight is negligible beyond
/** Panels that resolve the standard Gaussian weight itself with one 15-point rule each. */
const GAUSSIAN_POINTS = [-7.5, -4.8, -2.8, -1.2, 1.2, 2.8, 4.8, 7.5];
const QUAD = { relTol: 1e-11, absTol: 1e-16 };

/** ℓ(u), ℓ'(u) and the error indicator e^(−β)H(−u)/Z(u) at one point, written into out[0..2], from one erfcx. */
function logPartition(u: number, temp: Temperature, out: Float64Array): void {
  const scaled = erfcx(Math.abs(u) / Math.SQRT2);
  const lnSmall = -0.5 * u * u + Math.log(0.5 * scaled); // ln H(|u|)
  const small = Math.exp(lnSmall);
  const lnH = u >= 0 ? lnSmall : Math.log1p(-small); // ln H(u)
  if (temp.beta === Infinity) {
    out[0] = lnH;
    out[1] = u >= 0 ? -SQRT_2_OVER_PI / scaled : -gaussDensity(u) / (1 - small); // −φ(u)/H(u)
    out[2] = 0;
    return;
  }
  const lnHMinus = u >= 0 ? Math.log1p(-small) : lnSmall; // ln H(−u)
  const x = -temp.beta;
  const y = temp.logGamma + lnH;
  const lnZ = x > y ? x + Math.log1p(Math.exp(y - x)) : y + Math.log1p(Math.exp(x - y));
  out[0] = lnZ;
  out[1] = -Math.exp(temp.logGamma - 0.5 * u * u - LN_SQRT_2PI - lnZ);
  out[2] = Math.exp(-temp.beta + lnHMinus - lnZ);
}

/** Where ℓ(u) crosses over from 0 to −β: γH(u*) = e^(−β); 0 when there is no such crossover. */
function crossover(temp: Temperature): number {
  if (temp.beta === Infinity) return 0;
  const depth = temp.beta + temp.logGamma;
  return depth > 0 ? Math.sqrt(2 * depth) : 0;
}

export function energeticTerms(overlaps: Overlaps, temp: Temperature, noise: number): EnergeticTerms {
  const { q, oneMinusQ, rho, oneMinusRho2 } = overlaps;
  const a = oneMinusRho2 > 0 ? -rho / Math.sqrt(oneMinusRho2) : -Infinity;
  const b = -Math.sqrt(q / oneMinusQ);
  // K = ∫Ds g(cs) with g = −ℓ' is rewritten with s = κt, κ = |b|/c = 1/√(1 − ρ²), as κ∫dt φ(κt) g(bt) (g(cs)
  // and g(−cs) carry the same Gaussian weight), so that it shares the nodes, and the ℓ'(bt) values, of the rest.
  const kappa = oneMinusRho2 > 0 ? 1 / Math.sqrt(oneMinusRho2) : Infinity;
  const uStar = crossover(temp);
  const lp = new Float64Array(3);

  const integrand = (t: number, v: Float64Array): void => {
    const at = a * t;
    let hPlus: number; // H(at)
    let hMinus: number; // H(−at)
    if (!Number.isFinite(a)) {
      hPlus = t > 0 ? 1 : t < 0 ? 0 : 0.5;
      hMinus = 1 - hPlus;
    } else if (at >= 0) {
      hPlus = gaussTail(at);
      hMinus = 1 - hPlus;
    } else {
      hMinus = gaussTail(-at);
      hPlus = 1 - hMinus;
    }
    const density = gaussDensity(t);
    const w = density * ((1 - noise) * hPlus + noise * hMinus);
    logPartition(b * t, temp, lp);
    v[0] = w * lp[0];
    v[1] = w * lp[1] * lp[1];
    v[2] = w * lp[2];
    v[3] = Number.isFinite(kappa) ? -kappa * gaussDensity(kappa * t) * lp[1] : 0;
  };
  // Features: W at |t| ~ 1/|a|, the K weight at 1/κ, ℓ(bt) at 1/|b| and (finite β) at the crossover; panels
  // grow geometrically from the finest of them to the Gaussian's own scale.
  const finest = Math.min(1, 1 / Math.abs(a), 1 / kappa, 1 / Math.abs(b));
  const points = geometricPoints(0, finest, 0.6).concat(GAUSSIAN_POINTS);
  if (uStar > 0 && b !== 0) {
    const tStar = uStar / b;
    const width = 1 / (Math.abs(b) * uStar);
    points.push(tStar, tStar - 2 * width, tStar + 2 * width);
  }
  const sums = new Float64Array(4);
  integrateVector(integrand, 4, breakpoints(LIMIT, points), sums, QUAD);
  let K = sums[3];
  if (!Number.isFinite(kappa)) {
    logPartition(0, temp, lp); // c = 0: the Gaussian average of g(cs) is g(0)
    K = -lp[1];
  }
  return { GE: 2 * sums[0], Sq: 2 * sums[1], K, epsT: 2 * sums[2] };
}
