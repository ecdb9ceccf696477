import { ConvergenceError, ParameterError } from '../errors.js';
import { isNormalFloat64 } from '../float64.js';
import { finite, inRange, integer, positive } from '../validate.js';

/**
 * Wigner's semicircle law: the limiting ESD of a symmetric N×N matrix with independent entries of variance σ²/N
 * above the diagonal, ρ(x) = √(4σ² − x²)/(2πσ²) on [−2σ, 2σ]. Density, CDF and quantile are closed forms,
 * evaluated without cancellation next to the edges (relative accuracy of the density, absolute ~1e−16 of the CDF).
 */

/**
 * σ must be a normal float64 with 2σ finite: the edges ±2σ then are finite, and the density, at most 1/(πσ), too
 * (a σ below the normal range, 2.2e-308, also has lost its digits).
 */
function check(sigma: number): void {
  const s = positive('sigma', sigma);
  if (!isNormalFloat64(s) || !(2 * s <= Number.MAX_VALUE)) {
    throw new ParameterError('sigma', sigma, 'a positive normal float64 with 2σ finite (about 2.2e-308 ≤ σ ≤ 9e307)', s < 1 ? 'the density 1/(πσ) at the centre would exceed float64 or lose its digits' : 'the edges ±2σ would exceed float64');
  }
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

/**
 * Root of g(v) = target on [0, π] for an increasing g with derivative dg, by safeguarded Newton from v0 (bisection
 * whenever a step leaves the bracket). Converged when the step or the bracket is at the rounding level of v.
 */
function solveIncreasing(g: (v: number) => number, dg: (v: number) => number, target: number, v0: number, p: number): number {
  let lo = 0;
  let hi = Math.PI;
  let v = v0;
  for (let iter = 0; iter < 100; iter++) {
    const f = g(v) - target;
    if (f === 0) return v;
    if (f < 0) lo = v;
    else hi = v;
    const slope = dg(v);
    let next = slope > 0 ? v - f / slope : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - v) <= 4 * Number.EPSILON * v || hi - lo <= 4 * Number.EPSILON * hi) return next;
    v = next;
  }
  throw new ConvergenceError('semicircleQuantile', `no convergence for p = ${p}`);
}

/**
 * Inverse CDF, for p ≤ ½ (p > ½ by the symmetry x(p) = −x(1 − p), so the median is exactly 0).
 * Lower half, p ≤ ¼: solve u − sin u = 2πp for u = 2φ ∈ [0, π], x = −2cos(u/2) = −2 + 4 sin²(u/4), which keeps
 * relative accuracy at the edge −2. Central half, ¼ < p ≤ ½: with v = π − u the equation is v + sin v = π(1 − 2p)
 * and x = −2 sin(v/2), which is small and relatively accurate next to the centre, where −2 + 4 sin²(u/4) would
 * cancel (it gave −1.6e−15 for the median); 1 − 2p is exact there (Sterbenz).
 */
export function semicircleQuantile(p: number, sigma = 1): number {
  check(sigma);
  inRange('p', p, 0, 1);
  if (p > 0.5) return -semicircleQuantile(1 - p, sigma);
  if (p === 0) return -2 * sigma;
  if (p > 0.25) {
    const target = Math.PI * (1 - 2 * p);
    // v + sin v ≈ 2v for small v; its slope 1 + cos v = 2cos²(v/2) has no cancellation.
    const v = solveIncreasing((w) => w + Math.sin(w), (w) => 2 * Math.cos(w / 2) ** 2, target, Math.min(target / 2, Math.PI), p);
    return v === 0 ? 0 : -2 * sigma * Math.sin(v / 2); // the median is +0, not −0
  }
  const target = 2 * Math.PI * p;
  // u − sin u ≈ u³/6 for small u; its slope 1 − cos u = 2 sin²(u/2) without cancellation.
  const u = solveIncreasing(uMinusSin, (w) => 2 * Math.sin(w / 2) ** 2, target, Math.min(Math.cbrt(6 * target), Math.PI), p);
  return sigma * (-2 + 4 * Math.sin(u / 4) ** 2);
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
