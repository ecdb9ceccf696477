import { ParameterError } from '../errors.js';
import { numbers } from '../validate.js';

/** Straight-line fits with the standard errors that size a check of their slope. */

export interface LineFit {
  slope: number;
  intercept: number;
  /** Standard errors from the weights (1/yErr²) when given, else from the residuals. */
  slopeSe: number;
  interceptSe: number;
}

/**
 * Least squares y = intercept + slope·x. With yErr the fit is weighted by 1/yErr² and the standard errors are the
 * ones those errors imply (no rescaling by the residuals, so a misfit is not hidden by inflating them).
 */
export function fitLine(x: ArrayLike<number>, y: ArrayLike<number>, yErr?: ArrayLike<number>): LineFit {
  numbers('x', x);
  numbers('y', y);
  if (yErr !== undefined) numbers('yErr', yErr);
  const n = x.length;
  if (n < 2 || y.length !== n) throw new ParameterError('x', n, 'at least 2 points, as many x as y');
  let sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    const w = yErr ? 1 / (yErr[i] * yErr[i]) : 1;
    sw += w; sx += w * x[i]; sy += w * y[i]; sxx += w * x[i] * x[i]; sxy += w * x[i] * y[i];
  }
  const det = sw * sxx - sx * sx;
  const slope = (sw * sxy - sx * sy) / det;
  const intercept = (sy - slope * sx) / sw;
  let scale = 1;
  if (!yErr) {
    let rss = 0;
    for (let i = 0; i < n; i++) rss += (y[i] - intercept - slope * x[i]) ** 2;
    scale = n > 2 ? rss / (n - 2) : NaN;
  }
  return { slope, intercept, slopeSe: Math.sqrt((scale * sw) / det), interceptSe: Math.sqrt((scale * sxx) / det) };
}
