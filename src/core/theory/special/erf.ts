import { finite } from '../../validate.js';
import { ConvergenceError, ParameterError } from '../../errors.js';
import { continuedFraction } from './continuedFraction.js';

/**
 * Error functions to near machine precision on the whole real line.
 *
 * erfcx(x) = e^(x²) erfc(x) solves y′ = 2xy − 2/√π. For x ≥ 6 a continued fraction converges quickly; below,
 * values come from Taylor expansions about anchors spaced 1/16 apart. The anchors are filled once by stepping
 * that ODE backwards from x = 6, the direction in which the homogeneous solution e^(x²) decays, so rounding
 * errors shrink instead of growing.
 */

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const CF_START = 6;
const STEP = 1 / 16;
const ANCHOR_COUNT = CF_START / STEP + 1;

/** Taylor series of erfcx about x0 (value y0) evaluated at x0 + dx; the derivatives obey a 3-term recurrence. */
function taylor(x0: number, y0: number, dx: number): number {
  let cPrev = y0;
  let c = 2 * x0 * y0 - TWO_OVER_SQRT_PI;
  let power = dx;
  let sum = y0 + c * dx;
  for (let n = 1; n < 80; n++) {
    const next = (2 * x0 * c + 2 * cPrev) / (n + 1);
    cPrev = c;
    c = next;
    power *= dx;
    const term = c * power;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum)) return sum;
  }
  throw new ConvergenceError('erfcx Taylor series', `x0 = ${x0}, dx = ${dx}`);
}

/** erfc(x)·e^(x²)·√π = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))). */
function erfcxFraction(x: number): number {
  return 1 / (continuedFraction(x, (k) => k / 2, () => x, 'erfcx continued fraction', 5000) * Math.sqrt(Math.PI));
}

const anchors = (() => {
  const values = new Float64Array(ANCHOR_COUNT);
  values[ANCHOR_COUNT - 1] = erfcxFraction(CF_START);
  for (let j = ANCHOR_COUNT - 1; j > 0; j--) values[j - 1] = taylor(j * STEP, values[j], -STEP);
  return values;
})();

function erfcxNonNegative(x: number): number {
  if (x >= CF_START) return erfcxFraction(x);
  // Near 0 the series has no cancellation and avoids the anchors' accumulated rounding.
  if (x < 0.5) return Math.exp(x * x) * (1 - erfSeries(x));
  const j = Math.round(x / STEP);
  return taylor(j * STEP, anchors[j], x - j * STEP);
}

/** x²/2 as a sum of an exact part and a small correction (xh has at most 18 significant bits). */
function halfSquare(x: number): number {
  const xh = Math.round(x * 4096) / 4096;
  const xl = x - xh;
  return 0.5 * xh * xh + 0.5 * xl * (2 * xh + xl);
}

/** e^(−x²) without the error that rounding x² would add for large |x| (x is split so that xh² is exact). */
export function expMinusSquare(x: number): number {
  finite('x', x);
  const xh = Math.round(x * 4096) / 4096;
  const xl = x - xh;
  return Math.exp(-xh * xh) * Math.exp(-xl * (2 * xh + xl));
}

/** Infinite arguments are meaningful for these functions; only NaN is rejected. */
function notNaN(x: number): void {
  if (typeof x !== 'number' || Number.isNaN(x)) throw new ParameterError('x', x, 'a number (±Infinity allowed)');
}

/** Power series of erf, used for |x| < 1 where it has no cancellation. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 60; n++) {
    term *= -x2 / n;
    const contribution = term / (2 * n + 1);
    sum += contribution;
    if (Math.abs(contribution) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

function erfcUnchecked(x: number): number {
  if (x < 0) return 2 - erfcUnchecked(-x);
  if (x < 0.5) return 1 - erfSeries(x);
  return erfcxNonNegative(x) * expMinusSquare(x);
}

export function erf(x: number): number {
  notNaN(x);
  if (x === Infinity) return 1;
  if (x === -Infinity) return -1;
  if (Math.abs(x) < 1) return erfSeries(x);
  return x > 0 ? 1 - erfcUnchecked(x) : erfcUnchecked(-x) - 1;
}

export function erfc(x: number): number {
  notNaN(x);
  if (x === Infinity) return 0;
  if (x === -Infinity) return 2;
  return erfcUnchecked(x);
}

/** Scaled complementary error function e^(x²) erfc(x); overflows to Infinity below x ≈ −26.6. */
export function erfcx(x: number): number {
  if (typeof x !== 'number' || Number.isNaN(x) || x === -Infinity) throw new ParameterError('x', x, 'a number other than NaN and −Infinity');
  if (x === Infinity) return 0;
  if (x >= 0) return erfcxNonNegative(x);
  return 2 / expMinusSquare(x) - erfcxNonNegative(-x);
}

/** Gaussian tail H(x) = P(Z > x) = ½ erfc(x/√2) for Z ~ N(0, 1); relative accuracy kept in the upper tail. */
export function gaussianTail(x: number): number {
  notNaN(x);
  return tailUnchecked(x);
}

function tailUnchecked(x: number): number {
  if (x === Infinity) return 0;
  if (x === -Infinity) return 1;
  if (x < 0) return 1 - tailUnchecked(-x);
  const t = x * Math.SQRT1_2;
  if (t < 0.5) return 0.5 * (1 - erfSeries(t));
  // e^(−x²/2) is taken from x itself: the rounding of t = x/√2 would cost a relative error ~x²·ε.
  return 0.5 * erfcxNonNegative(t) * Math.exp(-halfSquare(x));
}

/** ln H(x), accurate far into both tails: at x = 1e3 it is ≈ −5e5 (H underflows), at x = −40 it is ≈ −3.6e−350. */
export function lnGaussianTail(x: number): number {
  notNaN(x);
  if (x === Infinity) return -Infinity;
  if (x === -Infinity) return 0;
  if (x < -1) return Math.log1p(-tailUnchecked(-x));
  if (x < 1) return Math.log(tailUnchecked(x));
  return Math.log(0.5 * erfcxNonNegative(x * Math.SQRT1_2)) - halfSquare(x);
}

/** Short alias used in statistical-mechanics formulas: H(x) = ½ erfc(x/√2). */
export const H = gaussianTail;
/** ln H(x). */
export const lnH = lnGaussianTail;

/** ln erfc(z), finite far into both tails: ln erfcx(z) − z² above 0, where erfc itself underflows. */
export function logErfc(z: number): number {
  if (typeof z !== 'number' || Number.isNaN(z)) throw new ParameterError('z', z, 'a number');
  return z > 0 ? Math.log(erfcx(z)) - z * z : Math.log(erfc(z));
}

/** Upper tail of χ² with one degree of freedom: P(χ²₁ > q) = erfc(√(q/2)). */
export function chiSquare1Survival(q: number): number {
  if (typeof q !== 'number' || Number.isNaN(q)) throw new ParameterError('q', q, 'a number');
  return q <= 0 ? 1 : erfc(Math.sqrt(q / 2));
}
