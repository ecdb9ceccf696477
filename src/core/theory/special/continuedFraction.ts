import { ConvergenceError } from '../../errors.js';

/**
 * The continued fraction b₀ + a₁/(b₁ + a₂/(b₂ + …)) by the modified Lentz method (Numerical Recipes §5.2): each
 * step multiplies the value by a factor that tends to 1, and zero denominators are nudged to 1e-300. `a(k)` and
 * `b(k)` give the terms for k = 1, 2, …; iteration stops when a factor is within 1e-16 of 1.
 * @throws ConvergenceError (naming `what`) when `maxTerms` terms do not reach that.
 */
export function continuedFraction(
  b0: number,
  a: (k: number) => number,
  b: (k: number) => number,
  what: string,
  maxTerms = 10_000,
): number {
  const tiny = 1e-300;
  let f = b0 === 0 ? tiny : b0;
  let c = f;
  let d = 0;
  for (let k = 1; k <= maxTerms; k++) {
    const ak = a(k);
    const bk = b(k);
    d = bk + ak * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = bk + ak / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) return f;
  }
  throw new ConvergenceError(what, `no convergence in ${maxTerms} terms`);
}
