import { ConvergenceError } from '../errors.js';
import { finite, inRange, integer, positive } from '../validate.js';

/**
 * Wigner's semicircle law: the limiting ESD of a symmetric N×N matrix with independent entries of variance σ²/N
 * above the diagonal, ρ(x) = √(4σ² − x²)/(2πσ²) on [−2σ, 2σ]. Density, CDF and quantile are closed forms,
 * evaluated without cancellation next to the edges (relative accuracy of the density, absolute ~1e−16 of the CDF).
 */

function check(sigma: number): void {
  positive('sigma', sigma);
}

/** u − sin u for u ∈ [0, π], accurate for small u (Taylor series below 1, where the subtraction cancels). */
function uMinusSin(u: number): number {
  if (u >= 1) return u - Math.sin(u);
  const u2 = u * u;
  let term = (u * u2) / 6;
  let sum = term;
  for (let k = 2; k < 12; k++) {
    term *= -u2 / ((2 * k) * (2 * k + 1));
    sum += term;
  }
  return sum;
}

/** Unit semicircle CDF for x ≤ 0: with x = −2cos φ, F = (2φ − sin 2φ)/(2π), φ = 2·asin(√((2 + x)/4)). */
function lowerCdf(x: number): number {
  if (x <= -2) return 0;
  const phi = 2 * Math.asin(Math.sqrt((2 + x) / 4));
  return uMinusSin(2 * phi) / (2 * Math.PI);
}

export function semicircleDensity(x: number, sigma = 1): number {
  check(sigma);
  finite('x', x);
  const t = Math.abs(x / sigma);
  if (t >= 2) return 0;
  // (2 − t)(2 + t) keeps relative accuracy at the edges, where 4 − t² would cancel.
  return Math.sqrt((2 - t) * (2 + t)) / (2 * Math.PI * sigma);
}

export function semicircleCdf(x: number, sigma = 1): number {
  check(sigma);
  finite('x', x);
  const t = x / sigma;
  return t <= 0 ? lowerCdf(t) : 1 - lowerCdf(-t);
}

/** Inverse CDF: for p ≤ ½ solve u − sin u = 2πp for u = 2φ ∈ [0, π] (safeguarded Newton), then x = −2cos(u/2). */
export function semicircleQuantile(p: number, sigma = 1): number {
  check(sigma);
  inRange('p', p, 0, 1);
  if (p > 0.5) return -semicircleQuantile(1 - p, sigma);
  if (p === 0) return -2 * sigma;
  const target = 2 * Math.PI * p;
  let lo = 0;
  let hi = Math.PI;
  // u − sin u ≈ u³/6 for small u.
  let u = Math.min(Math.cbrt(6 * target), Math.PI);
  // −2cos(u/2) = −2 + 4 sin²(u/4): no cancellation for small u.
  const quantile = (v: number) => sigma * (-2 + 4 * Math.sin(v / 4) ** 2);
  for (let iter = 0; iter < 100; iter++) {
    const f = uMinusSin(u) - target;
    if (f === 0) return quantile(u);
    if (f < 0) lo = u;
    else hi = u;
    const slope = 2 * Math.sin(u / 2) ** 2; // 1 − cos u without cancellation
    let next = slope > 0 ? u - f / slope : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    // Converged when Newton's step or the bracket is at the rounding level of u.
    if (Math.abs(next - u) <= 4 * Number.EPSILON * u || hi - lo <= 4 * Number.EPSILON * hi) return quantile(next);
    u = next;
  }
  throw new ConvergenceError('semicircleQuantile', `no convergence for p = ${p}`);
}

/** E[x^k]: 0 for odd k, σ^k times the Catalan number C_{k/2} for even k. */
export function semicircleMoment(k: number, sigma = 1): number {
  check(sigma);
  integer('k', k, 0);
  if (k % 2 === 1) return 0;
  let catalan = 1;
  for (let j = 0; j < k / 2; j++) catalan = (catalan * 2 * (2 * j + 1)) / (j + 2);
  return catalan * Math.pow(sigma, k);
}
