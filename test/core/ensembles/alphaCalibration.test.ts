import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALPHA_CALIBRATION, calibratedAlpha, calibratedAlphaGap, generate } from '../../../src/core/ensembles/index.js';
import { ParameterError } from '../../../src/core/errors.js';

const cells = ALPHA_CALIBRATION.rows.filter((r) => r.row === 'cell');
const cell = (law: string, mu: number, q: number, m: number) => cells.find((c) => c.law === law && c.mu === mu && c.Q === q && c.M === m)!;

describe('the shipped calibration', () => {
  it('is the table of notebook 13\'s full version, with its seed, parameters and versions', () => {
    const committed = readFileSync(new URL('../../../docs/notebooks/13-moderate-tails/table.json', import.meta.url), 'utf8');
    const shipped = readFileSync(new URL('../../../src/core/ensembles/alphaCalibration.json', import.meta.url), 'utf8');
    expect(shipped).toBe(committed);
    expect(ALPHA_CALIBRATION).toMatchObject({ notebook: '13-moderate-tails', size: 'full', seed: 1 });
    expect(ALPHA_CALIBRATION.software?.name).toBe('vsdl-lab');
    expect(ALPHA_CALIBRATION.generator?.name).toBe('philox4x32-10');
  });

  it('covers every law and Q at M = 500, 1000, 2000 and 4000, with confidence intervals over seeds', () => {
    for (const law of ['pareto', 'lomax', 'student-t']) {
      for (const q of [1, 2, 4]) {
        for (const m of [500, 1000, 2000, 4000]) {
          const row = cells.filter((c) => c.law === law && c.Q === q && c.M === m);
          expect(row.map((c) => c.mu)).toContain(2);
          expect(row.map((c) => c.mu)).toContain(4);
          for (const c of row) {
            expect(c.seeds).toBeGreaterThanOrEqual(3);
            expect(c.alpha_se).toBeGreaterThan(0);
            // A t-interval over the seeds: wider than ±2 SE.
            expect(c.alpha_ci_hi - c.alpha_mean).toBeGreaterThan(2 * c.alpha_se);
            expect(c.alpha_mean - c.alpha_ci_lo).toBeCloseTo(c.alpha_ci_hi - c.alpha_mean, 9);
          }
        }
      }
    }
  });
});

describe('calibratedAlpha', () => {
  it('returns the cell itself on a grid point', () => {
    const c = cell('pareto', 3, 2, 1000);
    const a = calibratedAlpha('pareto', 3, 2, 1000)!;
    expect(a).toMatchObject({ alpha: c.alpha_mean, se: c.alpha_se, sd: c.alpha_sd, seeds: c.seeds, interpolated: false });
    // The single-draw interval comes from ln(α̂ − 1) and contains the mean.
    expect(a.interval[0]).toBeLessThan(a.alpha);
    expect(a.interval[1]).toBeGreaterThan(a.alpha);
  });

  it('interpolates linearly in μ and in log M', () => {
    const lo = cell('student-t', 2.5, 1, 500).alpha_mean;
    const hi = cell('student-t', 2.75, 1, 500).alpha_mean;
    expect(calibratedAlpha('student-t', 2.625, 1, 500)!.alpha).toBeCloseTo((lo + hi) / 2, 12);
    const m1 = cell('lomax', 3, 4, 500).alpha_mean;
    const m2 = cell('lomax', 3, 4, 1000).alpha_mean;
    const mid = calibratedAlpha('lomax', 3, 4, Math.sqrt(500 * 1000))!;
    expect(mid.alpha).toBeCloseTo((m1 + m2) / 2, 12);
    expect(mid.interpolated).toBe(true);
  });

  it('interpolates in μ on the coarser grid of the large M, then in log M across the two grids', () => {
    // μ = 2.25 is a grid point at M = 1000 but lies between 2 and 2.5 at M = 2000.
    const at2000 = (cell('pareto', 2, 2, 2000).alpha_mean + cell('pareto', 2.5, 2, 2000).alpha_mean) / 2;
    const c = calibratedAlpha('pareto', 2.25, 2, 2000)!;
    expect(c.alpha).toBeCloseTo(at2000, 12);
    expect(c.interpolated).toBe(true);
    const between = calibratedAlpha('pareto', 2.25, 2, Math.sqrt(1000 * 2000))!;
    expect(between.alpha).toBeCloseTo((cell('pareto', 2.25, 2, 1000).alpha_mean + at2000) / 2, 12);
  });

  it.each([
    ['pareto', 1.5, 2, 1000, 'μ = 1.5'],
    ['pareto', 4.5, 2, 1000, 'μ = 4.5'],
    ['pareto', 3, 8, 1000, 'Q = 8'],
    ['pareto', 3, 2, 100, 'M = 100'],
    ['pareto', 3, 2, 8000, 'M = 8000'],
    ['stable', 1.5, 2, 1000, 'stable'],
    ['gaussian', 3, 2, 1000, 'gaussian'],
  ])('is null outside the box (%s μ = %s, Q = %s, M = %s), and says why', (law, mu, q, m, why) => {
    expect(calibratedAlpha(law as string, mu as number, q as number, m as number)).toBeNull();
    expect(calibratedAlphaGap(law as string, mu as number, q as number, m as number)).toContain(why);
  });

  it('refuses non-finite arguments', () => {
    expect(() => calibratedAlpha('pareto', Number.NaN, 2, 1000)).toThrow(ParameterError);
  });
});

describe('truth.heavy_tail.predicted_alpha', () => {
  it('is the calibration for 2 < μ < 4, labelled with its law, Q and M', () => {
    const t = generate({ ensemble: 'pareto', mu: 3, n: 2000, m: 1000, seed: 1 }).truth.heavy_tail!;
    const c = calibratedAlpha('pareto', 3, 2, 1000)!;
    expect(t.predicted_alpha).toBe(c.alpha);
    expect(t.predicted_alpha_basis).toBe('empirical-calibration');
    expect(t.predicted_alpha_interval).toEqual(c.interval);
    expect(t.predicted_alpha_note).toContain('Q = 2, M = 1000');
  });

  it('is the limit 1 + μ/2 for μ ≤ 2 and null, with a reason, where nothing applies', () => {
    const limit = generate({ ensemble: 'stable', mu: 1.5, n: 200, m: 100, seed: 1 }).truth.heavy_tail!;
    expect(limit).toMatchObject({ predicted_alpha: 1.75, predicted_alpha_basis: 'limit', predicted_alpha_interval: null });
    const small = generate({ ensemble: 'lomax', mu: 3, n: 200, m: 100, seed: 1 }).truth.heavy_tail!;
    expect(small).toMatchObject({ predicted_alpha: null, predicted_alpha_basis: null });
    expect(small.predicted_alpha_note).toContain('M = 100');
    const weak = generate({ ensemble: 'student-t', mu: 5, n: 200, m: 100, seed: 1 }).truth.heavy_tail!;
    expect(weak.predicted_alpha).toBeNull();
    expect(weak.predicted_alpha_note).toContain('μ ≥ 4');
  });
});
