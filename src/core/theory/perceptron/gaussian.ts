import { ParameterError } from '../../errors.js';
/**
 * Gaussian tail functions for the perceptron integrals, which need ln H(x) at x ≈ ±40 and the ratio φ(x)/H(x)
 * without overflow or cancellation. They rest on the library's erfcx (special/erf.ts).
 */
import { erfcx, gaussianTail, lnGaussianTail } from '../special/erf.js';

export { erfcx };
export const SQRT_2PI = Math.sqrt(2 * Math.PI);
export const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

/** Standard normal density φ(x). */
export function gaussDensity(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** H(x) = P(Z > x), with full relative accuracy in the upper tail. */
export const gaussTail = gaussianTail;

/** ln H(x), finite for every finite x. */
export const logGaussTail = lnGaussianTail;

/** The inverse Mills ratio φ(x)/H(x) (≈ x for large x, → 0 for x → −∞), without overflow. */
export function inverseMills(x: number): number {
  if (typeof x !== 'number') throw new ParameterError('x', x, 'a number');
  return SQRT_2_OVER_PI / erfcx(x / Math.SQRT2);
}
