import { ParameterError } from '../errors.js';
import { finite, integer } from '../validate.js';

/**
 * n points evenly spaced on [lo, hi], or geometrically (lo, hi > 0) when log is true; both ends exact. hi < lo gives
 * a decreasing grid. Spans too wide for one double (hi − lo or hi/lo beyond the range) are interpolated on halves or
 * on logarithms instead, so every point is finite.
 * @throws ParameterError for a non-finite end, n not an integer ≥ 1, or an end ≤ 0 on a log grid.
 */
export function grid(lo: number, hi: number, n: number, log = false): number[] {
  finite('lo', lo);
  finite('hi', hi);
  integer('n', n, 1);
  if (log) {
    if (!(lo > 0)) throw new ParameterError('lo', lo, 'a finite number > 0 (a log grid)');
    if (!(hi > 0)) throw new ParameterError('hi', hi, 'a finite number > 0 (a log grid)');
  }
  const span = hi - lo;
  const ratio = hi / lo;
  const lnLo = Math.log(lo);
  const lnSpan = Math.log(hi) - lnLo;
  return Array.from({ length: n }, (_, i) => {
    if (i === n - 1 && n > 1) return hi;
    if (i === 0) return lo;
    const t = n === 1 ? 0 : i / (n - 1);
    if (log) {
      // hi/lo over- or underflows only for spans beyond ~308 decades; there the logarithms carry it.
      return Number.isFinite(ratio) && ratio > 0 ? lo * Math.pow(ratio, t) : Math.exp(lnLo + t * lnSpan);
    }
    // hi − lo overflows only when the ends are near ±1.8e308 with opposite signs: halving both is exact.
    return Number.isFinite(span) ? lo + span * t : 2 * (lo / 2 + (hi / 2 - lo / 2) * t);
  });
}
