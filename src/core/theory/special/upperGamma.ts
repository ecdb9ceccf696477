import { ConvergenceError, ParameterError } from '../../errors.js';
import { erfc, erfcx } from './erf.js';
import { gammaP, lnGamma as logGamma } from './gamma.js';

/**
 * Special functions for the alternative tail distributions: the upper incomplete gamma Γ(s, x) for any real s
 * (the truncated power law needs s = 1 − α < 0, beyond the library's regularized gammaQ), and ln erfc. Everything
 * is in log form where the values can leave the float range, and accurate to about 1e-14 relative over
 * s ∈ [−30, 30], x ∈ [1e-12, 700].
 */

const EPS = 1e-16;
const MAX_ITERATIONS = 5000;

/** ln Γ(s, x) by Legendre's continued fraction (modified Lentz); valid for any s, used for x ≥ max(1, s − 1). */
function logUpperFraction(s: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - s;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let k = 1; k < MAX_ITERATIONS; k++) {
    const an = -k * (k - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return -x + s * Math.log(x) + Math.log(h);
  }
  throw new ConvergenceError('incomplete gamma continued fraction', `s = ${s}, x = ${x}`);
}

/**
 * ln Γ(s, x) for s < 1 and 0 < x < 1: Γ(s, 1) + ∫_x^1 t^(s−1) e^(−t) dt, the integral expanded in e^(−t) as
 * Σ_k (−1)^k/k! · (1 − x^(s+k))/(s+k). Each term is positive over k! and computed through expm1, so integer s
 * (including 0, where a term is −ln x) needs no special case. Terms are scaled by M = max(1, x^s) to stay finite.
 */
function logUpperSmallX(s: number, x: number): number {
  const lnX = Math.log(x);
  const lnM = s < 0 ? s * lnX : 0;
  const scale = Math.exp(-lnM);
  let sum = Math.exp(logUpperFraction(s, 1) - lnM);
  let factorial = 1;
  for (let k = 0; k < MAX_ITERATIONS; k++) {
    if (k > 0) factorial *= k;
    const m = s + k;
    const power = m * lnX;
    let g: number;
    if (m === 0) g = -lnX * scale;
    else if (Math.abs(power) < 1) g = (-Math.expm1(power) / m) * scale;
    else g = (scale - Math.exp(power - lnM)) / m;
    const term = (k % 2 === 0 ? g : -g) / factorial;
    sum += term;
    if (m > 0 && Math.abs(term) < EPS * Math.abs(sum)) return lnM + Math.log(sum);
  }
  throw new ConvergenceError('incomplete gamma small-x series', `s = ${s}, x = ${x}`);
}

/** ln Γ(s, x) = ln ∫_x^∞ t^(s−1) e^(−t) dt, for any real s and x > 0. */
export function logUpperGamma(s: number, x: number): number {
  // Only the types: the optimizers call this with whatever they try, and a NaN must stay a NaN for them.
  if (typeof s !== 'number') throw new ParameterError('s', s, 'a number');
  if (typeof x !== 'number') throw new ParameterError('x', x, 'a number');
  if (s >= 1 && x < s + 1) return logGamma(s) + Math.log1p(-gammaP(s, x));
  if (x >= 1) return logUpperFraction(s, x);
  return logUpperSmallX(s, x);
}

/** Γ(s, x) for any real s and x > 0 (may overflow or underflow: prefer `logUpperGamma`). */
export function upperGamma(s: number, x: number): number {
  return Math.exp(logUpperGamma(s, x));
}

/** ln erfc(z), finite far into both tails: ln erfcx(z) − z² above 0, where erfc itself underflows. */
export function logErfc(z: number): number {
  if (typeof z !== 'number' || Number.isNaN(z)) throw new ParameterError('z', z, 'a number');
  return z > 0 ? Math.log(erfcx(z)) - z * z : Math.log(erfc(z));
}

/** Upper tail of χ² with one degree of freedom: P(χ²₁ > q) = erfc(√(q/2)). */
export function chiSquare1Survival(q: number): number {
  return q <= 0 ? 1 : erfc(Math.sqrt(q / 2));
}
