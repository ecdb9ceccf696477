import { numbers, positive } from '../validate.js';
/**
 * Integrated autocorrelation time with Sokal's automatic window: τ_int(W) = ½ + Σ_{t=1..W} ρ(t), with W the
 * smallest window such that W ≥ c·τ_int(W) (c = 6). In units of the series' spacing; the variance of the mean of
 * n correlated values is 2·τ_int·Var/n, so independent values give τ_int = ½.
 */

export const SOKAL_WINDOW_FACTOR = 6;

export interface AutocorrelationEstimate {
  tau: number;
  window: number;
  /** False when no window up to n/2 satisfied W ≥ c·τ_int: the series is too short for its correlations. */
  reliable: boolean;
}

/** Mean and variance with 1/n (the lag-0 autocovariance). */
function moments(series: ArrayLike<number>): { mean: number; variance: number } {
  const n = series.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += series[t]!;
  mean /= n;
  let variance = 0;
  for (let t = 0; t < n; t++) variance += (series[t]! - mean) ** 2;
  return { mean, variance: variance / n };
}

export function integratedAutocorrelation(series: ArrayLike<number>, factor = SOKAL_WINDOW_FACTOR): AutocorrelationEstimate {
  numbers('series', series, { finiteOnly: false });
  positive('factor', factor);
  const n = series.length;
  if (n < 2) return { tau: 0.5, window: 0, reliable: false };
  const { mean, variance: c0 } = moments(series);
  // A constant series has no fluctuations to correlate.
  if (!(c0 > 0)) return { tau: 0.5, window: 0, reliable: true };
  let tau = 0.5;
  const maxWindow = Math.floor(n / 2);
  for (let w = 1; w <= maxWindow; w++) {
    let c = 0;
    for (let t = 0; t + w < n; t++) c += (series[t]! - mean) * (series[t + w]! - mean);
    tau += c / n / c0;
    if (w >= factor * tau) return { tau, window: w, reliable: true };
  }
  return { tau: Math.max(tau, 0.5), window: maxWindow, reliable: false };
}

/** Mean, variance (1/n) and the standard error of the mean corrected by τ_int. */
export interface SeriesSummary {
  mean: number;
  variance: number;
  tau: number;
  se: number;
}

export function summarizeSeries(series: ArrayLike<number>): SeriesSummary {
  numbers('series', series, { finiteOnly: false });
  const n = series.length;
  const { mean, variance } = moments(series);
  const { tau } = integratedAutocorrelation(series);
  return { mean, variance, tau, se: Math.sqrt((2 * tau * variance) / n) };
}
