import { numbers, positive } from '../validate.js';
/**
 * Integrated autocorrelation time with Sokal's automatic window: τ_int(W) = ½ + Σ_{t=1..W} ρ(t), with W the
 * smallest window such that W ≥ c·s(W) (c = 6). In units of the series' spacing; the variance of the mean of
 * n correlated values is 2·τ_int·Var/n, so independent values give τ_int = ½.
 *
 * The window scale s(W) is max(τ_int(W), τ_alt(W)), τ_alt(W) = ½ + Σ (−1)^t ρ(t): Sokal's τ_int measures how long
 * correlations last only when they are positive. An anticorrelated series (AR(1) with φ < 0: ρ(t) = φ^t) has a
 * small τ_int = (1 + φ)/(2(1 − φ)) but correlations that alternate in sign and decay only as |φ|^t; its partial sums
 * oscillate about the limit (τ_int(1) = ½ + φ is negative for φ < −½), so the plain test W ≥ c·τ_int(W) would stop
 * at once on an arbitrarily wrong, even negative, value. τ_alt is τ_int of the series with every other value
 * negated ((1 + |φ|)/(2(1 − |φ|)) for the AR(1)), which is the decay time of those alternating correlations. For
 * positive correlations τ_alt < τ_int, and the window is Sokal's.
 *
 * The variance of the mean cannot be negative, so τ_int ≥ 0: an estimate below 0 (noise, when the true τ_int is
 * near 0, as for φ → −1) is reported as 0, marked unreliable. When no window up to n/2 closes (correlations too long for the series,
 * including a strictly alternating one) the estimate is unreliable and is reported as at least ½, so that the
 * standard error is never smaller than the one for independent values.
 */

export const SOKAL_WINDOW_FACTOR = 6;

export interface AutocorrelationEstimate {
  tau: number;
  window: number;
  /** False when no window up to n/2 satisfied W ≥ c·s(W): the series is too short for its correlations. */
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
  let tauAlt = 0.5;
  const maxWindow = Math.floor(n / 2);
  for (let w = 1; w <= maxWindow; w++) {
    let c = 0;
    for (let t = 0; t + w < n; t++) c += (series[t]! - mean) * (series[t + w]! - mean);
    const rho = c / n / c0;
    tau += rho;
    tauAlt += w % 2 === 0 ? rho : -rho;
    // τ ≤ 0 in a closed window is noise about a τ near 0: reported as 0, and as unreliable (a standard error of 0
    // would claim an exact mean).
    if (w >= factor * Math.max(tau, tauAlt)) return { tau: Math.max(tau, 0), window: w, reliable: tau > 0 };
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

/** @throws ParameterError for an empty series (it has no mean). */
export function summarizeSeries(series: ArrayLike<number>): SeriesSummary {
  numbers('series', series, { finiteOnly: false, minLength: 1 });
  const n = series.length;
  const { mean, variance } = moments(series);
  const { tau } = integratedAutocorrelation(series);
  return { mean, variance, tau, se: Math.sqrt((2 * tau * variance) / n) };
}
