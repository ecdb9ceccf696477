import { ConvergenceError } from '../../errors.js';

/**
 * Bisection for a sign change of f on [lo, hi] (f(lo) and f(hi) of opposite signs), down to a relative width of
 * `relTol` (or an absolute width of `absTol`). Robust and cheap for the smooth 1-D equations used here.
 */
export function bisect(f: (x: number) => number, lo: number, hi: number, relTol = 1e-15, absTol = 0): number {
  let flo = f(lo);
  const fhi = f(hi);
  if (flo === 0) return lo;
  if (fhi === 0) return hi;
  if (Math.sign(flo) === Math.sign(fhi) || Number.isNaN(flo) || Number.isNaN(fhi)) {
    throw new ConvergenceError('bisection', `no sign change on [${lo}, ${hi}]`);
  }
  for (let i = 0; i < 2000; i++) {
    const mid = 0.5 * (lo + hi);
    if (hi - lo <= Math.max(absTol, relTol * Math.max(Math.abs(lo), Math.abs(hi))) || mid === lo || mid === hi) {
      return mid;
    }
    const fm = f(mid);
    if (fm === 0) return mid;
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid;
      flo = fm;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}
