// The calibrated α̂ band of the spectrum and fitter labs: the worker reads the core's calibration as it is (equal to
// `calibratedAlpha`, and to the shipped cells on the grid), gives the core's reason where it has none, and the page
// merges the band's μ grid with the batch's.
import { describe, expect, it } from 'vitest';
import { ALPHA_CALIBRATION, calibratedAlpha, calibratedAlphaGap } from '../../src/core/ensembles/index.js';
import { labDefaults } from '../../src/labs/index.js';
import { BAND_MUS, calibratedSeries, calibrationAt } from '../../workers/compute/calibration.js';
import { computeFitterBatch } from '../../workers/compute/fitter.js';
import { silentControl } from '../../workers/compute/jobs.js';
import { computeSpectrum } from '../../workers/compute/spectrum.js';
import { withBand } from '../../src/ui/labs/fitterChart.js';

const cell = (law: string, mu: number, q: number, m: number) =>
  ALPHA_CALIBRATION.rows.find((c) => c.row === 'cell' && c.law === law && c.mu === mu && c.Q === q && c.M === m)!;

describe('the worker\'s calibrated band', () => {
  it('equals calibratedAlpha, and the shipped cell itself, at grid points', () => {
    const mus = [2.25, 2.5, 3, 3.5, 3.75];
    const { series, gaps } = calibratedSeries('pareto', 2, 500, mus);
    expect(gaps).toEqual([]);
    mus.forEach((mu, k) => {
      const want = calibratedAlpha('pareto', mu, 2, 500)!;
      expect(want.interpolated).toBe(false);
      expect(series.ys.calibrated[k]).toBe(want.alpha);
      expect([series.ys.calibratedLow[k], series.ys.calibratedHigh[k]]).toEqual(want.interval);
      expect(series.ys.calibrated[k]).toBe(cell('pareto', mu, 2, 500).alpha_mean);
    });
  });

  it('equals calibratedAlpha between grid points, which is linear in μ between the two cells', () => {
    const { series } = calibratedSeries('lomax', 1, 1000, [2.6]);
    const want = calibratedAlpha('lomax', 2.6, 1, 1000)!;
    expect(want.interpolated).toBe(true);
    expect(series.ys.calibrated[0]).toBe(want.alpha);
    expect([series.ys.calibratedLow[0], series.ys.calibratedHigh[0]]).toEqual(want.interval);
    // Independently: 0.6 of the way from the μ = 2.5 cell to the μ = 2.75 cell (rounding only).
    const lo = cell('lomax', 2.5, 1, 1000).alpha_mean;
    const hi = cell('lomax', 2.75, 1, 1000).alpha_mean;
    expect(series.ys.calibrated[0]).toBeCloseTo(0.6 * lo + 0.4 * hi, 12);
    expect(calibrationAt('lomax', 2.6, 1, 1000)).toEqual({ value: want, reason: null });
  });

  it('gives the calibration\'s own reason outside it, and nothing outside 2 < μ < 4', () => {
    const reason = calibratedAlphaGap('pareto', 3, 2, 300)!;
    expect(reason).toContain('M = 300 is outside the calibrated range [500, 4000]');
    expect(calibrationAt('pareto', 3, 2, 300)).toEqual({ value: null, reason });
    const { series, gaps } = calibratedSeries('pareto', 2, 300, [1.5, 3, 5]);
    expect(Array.from(series.ys.calibrated).every(Number.isNaN)).toBe(true);
    expect(gaps).toEqual([reason]);
    expect(calibratedSeries('pareto', 2, 500, [1.5, 2, 4, 5]).gaps).toEqual([]);
    expect(Array.from(calibratedSeries('pareto', 2, 500, [1.5, 2, 4, 5]).series.ys.calibrated).every(Number.isNaN)).toBe(true);
  });

  it('spans (2, 4) on a grid that holds the calibrated μ exactly', () => {
    expect(BAND_MUS[0]).toBe(2.05);
    expect(BAND_MUS[BAND_MUS.length - 1]).toBe(3.95);
    for (const mu of [2.25, 2.5, 3, 3.5, 3.75]) expect(BAND_MUS).toContain(mu);
  });
});

describe('the spectrum lab\'s calibration', () => {
  it('gives a Pareto μ = 3 draw at Q = 2, M = 500 the calibrated α̂ and draws its slopes from xmin', async () => {
    const r = await computeSpectrum({ ...labDefaults('spectrum'), ensemble: 'heavy-tailed', law: 'pareto', mu: 3, n: 1000, q: 2 });
    const want = calibratedAlpha('pareto', 3, 2, 500)!;
    expect(r.calibration).toEqual({ value: want, reason: null });
    const { x, ys } = r.loglog;
    const drawn = Array.from(x.keys()).filter((j) => Number.isFinite(ys.calibratedLow[j]));
    expect(drawn.length).toBeGreaterThan(2);
    // Each line is a power law of the interval's exponent, through the fitted line's value at xmin.
    const [a, b] = [drawn[0], drawn[drawn.length - 1]];
    const slope = (y: Float64Array) => Math.log(y[b] / y[a]) / Math.log(x[b] / x[a]);
    expect(-slope(ys.calibratedLow)).toBeCloseTo(want.interval[0], 10);
    expect(-slope(ys.calibratedHigh)).toBeCloseTo(want.interval[1], 10);
    expect(-slope(ys.powerLaw)).toBeCloseTo(r.fit.alpha!, 10);
  });

  it('says why there is none outside the calibration, and has none outside 2 < μ < 4', async () => {
    const small = await computeSpectrum({ ...labDefaults('spectrum'), ensemble: 'heavy-tailed', mu: 3, n: 400, q: 2 });
    expect(small.calibration).toEqual({ value: null, reason: calibratedAlphaGap('pareto', 3, 2, 200) });
    expect(small.loglog.ys.calibratedLow).toBeUndefined();
    const limit = await computeSpectrum({ ...labDefaults('spectrum'), ensemble: 'heavy-tailed', mu: 1.5, n: 400, q: 2 });
    expect(limit.calibration).toBeNull();
    expect((await computeSpectrum({ ...labDefaults('spectrum'), n: 400 })).calibration).toBeNull();
  });
});

describe('the fitter lab\'s calibration', () => {
  it('adds the calibrated α̂ per μ and the band over (2, 4), beside the limit for μ ≤ 2', async () => {
    const r = await computeFitterBatch({ ...labDefaults('fitter'), law: 'pareto', n: 1000, q: 2, mus: [1.5, 3], reps: 1 }, silentControl());
    const want = calibratedAlpha('pareto', 3, 2, 500)!;
    expect(r.summary.ys.predicted[0]).toBe(1.75);
    expect(Number.isNaN(r.summary.ys.predicted[1])).toBe(true);
    expect(Number.isNaN(r.summary.ys.calibrated[0])).toBe(true);
    expect([r.summary.ys.calibrated[1], r.summary.ys.calibratedLow[1], r.summary.ys.calibratedHigh[1]]).toEqual([want.alpha, ...want.interval]);
    expect(Array.from(r.calibration.band.x)).toEqual(BAND_MUS);
    expect(Array.from(r.calibration.band.ys.calibrated).every(Number.isFinite)).toBe(true);
    expect(r.calibration.note).toContain('pareto entries at Q = 2, M = 500 (calibrated cells');
  });

  it('says why a batch at M = 300 has no band', async () => {
    const r = await computeFitterBatch({ ...labDefaults('fitter'), n: 600, q: 2, mus: [3], reps: 1 }, silentControl());
    expect(Number.isNaN(r.summary.ys.calibrated[0])).toBe(true);
    expect(r.calibration.note).toBe(`no calibrated band for pareto entries at Q = 2, M = 300: ${calibratedAlphaGap('pareto', 3, 2, 300)}`);
  });

  it('merges the batch\'s μ with the band\'s for the chart, the batch\'s values winning', () => {
    const summary = { x: Float64Array.from([1, 3]), ys: { alphaHat: Float64Array.from([1.4, 2.9]), calibrated: Float64Array.from([NaN, 3.1]) } };
    const band = { x: Float64Array.from([2.5, 3]), ys: { calibrated: Float64Array.from([2.8, 3.0]) } };
    const merged = withBand(summary, band);
    expect(Array.from(merged.x)).toEqual([1, 2.5, 3]);
    expect(Array.from(merged.ys.alphaHat)).toEqual([1.4, NaN, 2.9]);
    expect(Array.from(merged.ys.calibrated)).toEqual([NaN, 2.8, 3.1]);
  });
});
