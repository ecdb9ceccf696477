import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { scanAlphaSync } from '../../../src/core/vsdl/index.js';

describe('scanAlpha (hysteresis)', () => {
  it('the Ising loop at τ = 0.5 brackets α_c(0.5) ≈ 1.571', () => {
    // N = 100, 150 + 150 sweeps per point, 3 disorder samples. Going up from random starts, the chains stay in
    // the poor state (R < 0.9) beyond α_c; going down from the teacher they stay perfect (R ≥ 0.9) below it.
    // Near α_c the branches are separated by R ≈ 0.7 versus R ≈ 1, far beyond the thermal errors (≈ 0.02).
    const loads = [1.0, 1.2, 1.4, 1.5, 1.65, 1.8, 2.0, 2.2, 2.4, 2.6];
    const alphaC = 1.571;
    for (const sample of [0, 1, 2]) {
      const common = { weights: 'ising' as const, n: 100, tau: 0.5, seed: 'hysteresis', sample, equilibrationSweeps: 150, measurementSweeps: 150 };
      const up = scanAlphaSync({ ...common, alphas: loads, start: 'random' }).points;
      const down = scanAlphaSync({ ...common, alphas: [...loads].reverse(), start: 'teacher' }).points;
      const jumpUp = up.find((point) => point.R >= 0.9)?.alpha ?? Infinity;
      const dropDown = down.find((point) => point.R < 0.9)?.alpha ?? -Infinity;
      expect(jumpUp).toBeGreaterThan(alphaC);
      expect(dropDown).toBeLessThan(alphaC);
      // The loop closes at the ends: both branches agree at α = 1 (poor).
      expect(down.at(-1)!.R).toBeLessThan(0.9);
      expect(up[0]!.R).toBeLessThan(0.9);
    }
  });

  it('uses the first P(α) examples of one data set and continues the chains', () => {
    const result = scanAlphaSync({ weights: 'spherical', n: 20, alphas: [1, 3, 2], tau: 1, seed: 1, start: 'random', equilibrationSweeps: 10, measurementSweeps: 20 });
    expect(result.points.map((p) => p.p)).toEqual([20, 60, 40]);
    for (const point of result.points) expect(point.eps_t).toBeCloseTo(point.energy / point.p, 12);
    expect(() => scanAlphaSync({ ...result, seed: 1, alphas: [] })).toThrow(ParameterError);
  });
});
