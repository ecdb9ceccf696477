import { ParameterError } from '../errors.js';
import { numbers } from '../validate.js';
import { powerOfTwoScale } from './scale.js';

/** Straight-line fits with the standard errors that size a check of their slope. */

export interface LineFit {
  slope: number;
  intercept: number;
  /**
   * Standard errors from the weights (1/yErr²) when given, else from the residuals (NaN for two points without
   * yErr: an exact fit through two points says nothing about the scatter).
   */
  slopeSe: number;
  interceptSe: number;
}

/**
 * Least squares y = intercept + slope·x. With yErr the fit is weighted by 1/yErr² and the standard errors are the
 * ones those errors imply (no rescaling by the residuals, so a misfit is not hidden by inflating them).
 *
 * The sums are taken about the weighted means of x and y, not from the raw moments: sw·Σwx² − (Σwx)² cancels
 * catastrophically when x sits far from 0 (x = 10⁸ + k loses the slope, 10⁹ + k gives NaN), while the centred
 * form is as accurate at any offset. The weights are taken relative to the smallest error, (min yErr / yErr)² ≤ 1,
 * and x and y are divided by powers of two above their largest magnitudes, so neither 1/yErr² nor the sums and
 * squares overflow; both factors come back in the results.
 * @throws ParameterError for fewer than 2 points, x and y (or yErr) of different lengths, x without spread
 *   (a vertical line has no slope), a yErr that is not finite and > 0, or a line that is not representable.
 */
export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>, yErr?: ArrayLike<number>): LineFit {
  numbers('x', x);
  numbers('y', y);
  if (yErr !== undefined) numbers('yErr', yErr);
  const n = x.length;
  if (n < 2 || y.length !== n) throw new ParameterError('x', n, 'at least 2 points, as many x as y');
  if (yErr !== undefined) {
    if (yErr.length !== n) throw new ParameterError('yErr', `${yErr.length} values`, `one error per point (${n})`);
    for (let i = 0; i < n; i++) if (!(yErr[i] > 0)) throw new ParameterError(`yErr[${i}]`, yErr[i], 'a finite number > 0');
  }
  let xMin = Infinity;
  let xMax = -Infinity;
  for (let i = 0; i < n; i++) {
    xMin = Math.min(xMin, x[i]);
    xMax = Math.max(xMax, x[i]);
  }
  if (!(xMax > xMin)) throw new ParameterError('x', `all ${n} values ${xMin}`, 'at least two distinct x values (a line needs a spread in x)');
  let eMin = Infinity;
  if (yErr) for (let i = 0; i < n; i++) eMin = Math.min(eMin, yErr[i]);
  // Relative weights in (0, 1]: 1/yErr² = r/eMin², so every variance below carries a factor eMin².
  const w = new Float64Array(n);
  let sw = 0;
  for (let i = 0; i < n; i++) {
    w[i] = yErr ? (eMin / yErr[i]) ** 2 : 1;
    sw += w[i];
  }
  // x/sx and y/sy lie in [−1, 1] (powers of two: exact), so no sum below overflows.
  const sx = powerOfTwoScale(x);
  const sy = powerOfTwoScale(y);
  // Shift to c ≈ the weighted mean (rounded to the grid of x/sx); the sums below correct for c ≠ x̄ exactly.
  const shift = (v: ArrayLike<number>, s: number): number => {
    let m = 0;
    for (let i = 0; i < n; i++) m += w[i] * (v[i] / s);
    return m / sw;
  };
  const cx = shift(x, sx);
  const cy = shift(y, sy);
  const du = new Float64Array(n);
  const dv = new Float64Array(n);
  let su = 0;
  let sv = 0;
  for (let i = 0; i < n; i++) {
    du[i] = x[i] / sx - cx; // exact next to c (Sterbenz): this is where the offset drops out
    dv[i] = y[i] / sy - cy;
    su += w[i] * du[i];
    sv += w[i] * dv[i];
  }
  // Shifted-data sums: Σw(x − x̄)² = Σw(x − c)² − (Σw(x − c))²/Σw, exact for any c; with c next to x̄ the
  // correction is tiny, so nothing cancels (c alone carries a rounding of ulp(x̄), which at x̄ = 1e12 is 1e-4
  // and would bias the slope by ~sw·(x̄ − c)²/Sxx).
  const mu = su / sw; // x̄ − c and ȳ − c, in scaled units
  const mv = sv / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    du[i] -= mu;
    dv[i] -= mv;
    sxx += w[i] * du[i] * du[i];
    sxy += w[i] * du[i] * dv[i];
  }
  // x has a spread, but the weights can leave it none (one point more precise than the others by ~1e154).
  if (!(sxx > 0)) throw new ParameterError('yErr', 'weights that leave x no spread', 'errors that give at least two distinct x a weight');
  const b = sxy / sxx; // slope in the scaled units
  const slope = (b * sy) / sx;
  // ȳ − slope·x̄ with x̄ = (c + μ)·sx: the small parts are kept apart from the large ones.
  const intercept = cy * sy - slope * (cx * sx) + (mv * sy - slope * (mu * sx));
  if (!Number.isFinite(slope) || !Number.isFinite(intercept)) {
    throw new ParameterError('y', `slope ${slope}, intercept ${intercept}`, 'data whose fitted line is representable in double precision');
  }
  // Var(slope) = s²/Sxx and Var(intercept) = s²·(1/Sw + x̄²/Sxx), with Sxx = sx²·sxx (relative weights);
  // s² is eMin² with yErr, else the residual variance RSS/(n − 2), here in units of sy².
  let s2 = 1;
  if (!yErr) {
    let rss = 0;
    for (let i = 0; i < n; i++) rss += (dv[i] - b * du[i]) ** 2;
    s2 = n > 2 ? rss / (n - 2) : NaN;
  }
  const unit = yErr ? eMin : sy;
  const xBar = cx + mu;
  const slopeSe = (Math.sqrt(s2 / sxx) * unit) / sx;
  const interceptSe = Math.sqrt(s2 / sw + (s2 * xBar * xBar) / sxx) * unit;
  return { slope, intercept, slopeSe, interceptSe };
}
