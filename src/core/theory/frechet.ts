import { ParameterError } from '../errors.js';
import { beyondFloat64, isNormalFloat64, MIN_NORMAL } from '../float64.js';
import { inRange, integer, oneOf, positive } from '../validate.js';

export interface FrechetScaleOptions {
  /** '1/N' (default): scale for λ_max of X = WᵀW/N; 'none': for λ_max of WᵀW. */
  normalization?: '1/N' | 'none';
  /**
   * C in P(|x| > t) ~ C t^(−μ) for the element law. 1 (the default) is exact for the symmetric Pareto-I law
   * |x| = U^(−1/μ), P(|x| > t) = t^(−μ) for t ≥ 1. For another law use its own constant (Student-t with ν = μ,
   * Lomax, stable laws and scaled entries all differ); a = (C·N·M)^(1/μ).
   */
  tailConstant?: number;
}

/**
 * Scale a² of the largest eigenvalue for heavy-tailed entries (Auffinger, Ben Arous & Péché 2009; docs/theory.md, "Heavy tails"):
 * with a = (C·N·M)^(1/μ), P(λ_max(WᵀW)/a² ≤ x) → exp(−x^(−μ/2)), the Fréchet law of shape μ/2. The limit holds
 * for μ < 4; for μ < 2 it is approached quickly, for 2 < μ < 4 the MP bulk competes at moderate sizes.
 * With '1/N' the scale is a²/N.
 */
export function frechetScale(n: number, m: number, mu: number, opts: FrechetScaleOptions = {}): number {
  integer('n', n, 1);
  integer('m', m, 1);
  if (n < m) throw new ParameterError('n', n, `an integer ≥ m = ${m} (W is N×M with N ≥ M)`);
  positive('mu', mu);
  const normalization = oneOf('normalization', opts.normalization ?? '1/N', ['1/N', 'none'] as const);
  const c = positive('tailConstant', opts.tailConstant ?? 1);
  const a2 = Math.pow(c * n * m, 2 / mu);
  if (normalization === 'none') return a2;
  if (a2 <= Number.MAX_VALUE) return a2 / n;
  // a² beyond float64 while a²/N may not be (a itself is then below √(1.8e308·N)): divide before squaring.
  const a = Math.pow(c * n * m, 1 / mu);
  return (a / n) * a;
}

/** Fréchet CDF exp(−x^(−shape)) for x > 0, 0 for x ≤ 0 (standard scale; divide λ_max by frechetScale first). */
export function frechetCdf(x: number, shape: number): number {
  positive('shape', shape);
  if (typeof x !== 'number' || Number.isNaN(x)) throw new ParameterError('x', x, 'a number');
  if (x <= 0) return 0;
  return Math.exp(-Math.pow(x, -shape));
}

/**
 * Fréchet density shape·t·e^(−t)/x with t = x^(−shape). Near 0, t overflows to ∞ while e^(−t) is 0 (∞·0 would
 * be NaN; the true value is 0 to far below the double range). Where e^(−t), t or the product leaves the normal
 * range (t > 700 or subnormal, or a huge shape) the density is evaluated as exp(ln shape + ln t − t − ln x)
 * instead, whose relative error is ~ε·|exponent|; elsewhere the direct product (a few ulp) is used.
 */
export function frechetPdf(x: number, shape: number): number {
  positive('shape', shape);
  if (typeof x !== 'number' || Number.isNaN(x)) throw new ParameterError('x', x, 'a number');
  if (x <= 0 || x === Infinity) return 0;
  const t = Math.pow(x, -shape);
  if (t === Infinity) return 0;
  const direct = (shape * t * Math.exp(-t)) / x;
  if (t <= 700 && t >= MIN_NORMAL && direct >= MIN_NORMAL && direct < Infinity) return direct;
  const lnT = -shape * Math.log(x);
  return Math.exp(Math.log(shape) + lnT - t - Math.log(x));
}

/**
 * (−ln p)^(−1/shape); p = 0 gives 0 (the lower end of the support) and p = 1 gives Infinity (there is no upper
 * end), both exact. For 0 < p < 1 the quantile is a positive number, which a small shape can push beyond float64
 * (p = 0.9999 at shape 0.005 is about 1e800, p = 1e-300 about 1e-568): such a p is refused, naming p, rather than
 * answered with Infinity or 0.
 */
export function frechetQuantile(p: number, shape: number): number {
  positive('shape', shape);
  inRange('p', p, 0, 1);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  const t = -Math.log(p);
  const value = Math.pow(t, -1 / shape);
  if (!isNormalFloat64(value)) {
    throw beyondFloat64('p', p, 'probabilities', 'quantile', -Math.log10(t) / shape, 'use a p nearer 1/e, or a larger shape');
  }
  return value;
}
