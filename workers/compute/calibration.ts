/**
 * The calibrated α̂ band the spectrum and fitter labs draw for 2 < μ < 4: the core's `calibratedAlpha` read as it
 * is (no interpolation of its own), and the core's own reason (`calibratedAlphaGap`) where it has no value.
 */
import { calibratedAlpha, calibratedAlphaGap } from '../../src/core/ensembles/index.js';
import type { AlignedSeries, CalibrationAt } from '../../src/labs/index.js';

/** Where the band applies: below, the limit α = 1 + μ/2 holds; above, there is no power-law tail in the limit. */
export const inCalibratedBand = (mu: number): boolean => mu > 2 && mu < 4;

/** The band's μ grid for a chart: every 0.05 strictly inside (2, 4), finer than the calibration's own 0.25. */
export const BAND_MUS: readonly number[] = Array.from({ length: 39 }, (_, k) => Number((2 + 0.05 * (k + 1)).toFixed(2)));

export function calibrationAt(law: string, mu: number, q: number, m: number): CalibrationAt {
  const value = calibratedAlpha(law, mu, q, m);
  return value ? { value, reason: null } : { value: null, reason: calibratedAlphaGap(law, mu, q, m) ?? 'no calibration' };
}

/**
 * The calibrated α̂ and its 95 % interval at each μ (NaN outside 2 < μ < 4 and where the calibration does not
 * cover), and the distinct reasons met inside the band for having none.
 */
export function calibratedSeries(law: string, q: number, m: number, mus: readonly number[]): { series: AlignedSeries; gaps: string[] } {
  const calibrated = new Float64Array(mus.length).fill(NaN);
  const calibratedLow = new Float64Array(mus.length).fill(NaN);
  const calibratedHigh = new Float64Array(mus.length).fill(NaN);
  const gaps = new Set<string>();
  mus.forEach((mu, k) => {
    if (!inCalibratedBand(mu)) return;
    const at = calibrationAt(law, mu, q, m);
    if (at.value === null) {
      gaps.add(at.reason);
      return;
    }
    calibrated[k] = at.value.alpha;
    [calibratedLow[k], calibratedHigh[k]] = at.value.interval;
  });
  return { series: { x: Float64Array.from(mus), ys: { calibrated, calibratedLow, calibratedHigh } }, gaps: [...gaps] };
}

/** What the fitter's band is, or why it is missing, in words for the page and the exports. */
export function bandNote(law: string, q: number, m: number, band: AlignedSeries, gaps: string[]): string {
  const where = `${law} entries at Q = ${fmt(q)}, M = ${m}`;
  const covered = band.ys.calibrated.some((v) => Number.isFinite(v));
  if (!covered) return `no calibrated band for ${where}: ${gaps.join('; ') || 'no μ in 2 < μ < 4'}`;
  const partly = gaps.length > 0 ? ` (none where ${gaps.join('; ')})` : '';
  // μ = 3 is a calibrated μ: whether it is interpolated says whether this Q and M are calibrated cells.
  const cells = calibratedAlpha(law, 3, q, m)?.interpolated ? 'interpolated in Q and M between calibrated cells' : 'calibrated cells';
  return `calibrated band: empirical calibration of the fitted α̂ for ${where} (${cells}, linear in μ between cells); the outer lines bound where one fit falls about 95 % of the time${partly}`;
}

const fmt = (x: number): string => String(Number(x.toPrecision(4)));
