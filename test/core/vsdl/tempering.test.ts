import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { createProblem, runTemperingSync } from '../../../src/core/vsdl/index.js';
import { enumerateIsing, gibbsWeights } from './exact.js';

describe('parallel tempering', () => {
  it('samples the exact Gibbs measure at every rung (Ising N = 8, P = 6)', () => {
    const taus = [0.3, 0.6, 1.2];
    const result = runTemperingSync({ weights: 'ising', n: 8, alpha: 0.75, taus, seed: 'exact', equilibrationSweeps: 200, measurementSweeps: 20000 });
    const states = enumerateIsing(createProblem({ n: 8, alpha: 0.75, teacher: 'ising', seed: 'exact', sample: 0 }));
    taus.forEach((tau, k) => {
      const pi = gibbsWeights(states, tau);
      const exactEnergy = pi.reduce((a, w, s) => a + w * states.energy[s]!, 0);
      const exactR = pi.reduce((a, w, s) => a + (w * states.dot[s]!) / 8, 0);
      // Thermal SEs come from τ_int of each rung's series; tolerance 4 SE (9 comparisons).
      const rung = result.rungs[k]!;
      expect(Math.abs(rung.energy - exactEnergy)).toBeLessThan(4 * rung.energy_se);
      expect(Math.abs(rung.R - exactR)).toBeLessThan(4 * rung.R_se);
      const exactPerfect = pi.reduce((a, w, s) => a + (states.dot[s]! / 8 >= 0.9 ? w : 0), 0);
      expect(Math.abs(rung.perfect - exactPerfect)).toBeLessThan(4 * rung.perfect_se + 1e-12);
    });
    for (const rate of result.exchangeAcceptance) {
      expect(rate).toBeGreaterThan(0.05);
      expect(rate).toBeLessThanOrEqual(1);
    }
  });

  it('moves the Ising chain between branches: both starts agree at α = 1.9, τ = 0.5 (N = 40)', () => {
    const taus = [0.5, 0.6, 0.72, 0.86, 1.04, 1.25];
    const options = { weights: 'ising' as const, n: 40, alpha: 1.9, taus, seed: 'pt', equilibrationSweeps: 500, measurementSweeps: 2000 };
    const fromRandom = runTemperingSync({ ...options, start: 'random' });
    const fromTeacher = runTemperingSync({ ...options, start: 'teacher' });
    const a = fromRandom.rungs[0]!;
    const b = fromTeacher.rungs[0]!;
    expect(Math.abs(a.perfect - b.perfect)).toBeLessThan(4 * Math.hypot(a.perfect_se, b.perfect_se) + 0.02);
    expect(a.perfect).toBeGreaterThan(0.5);
    expect(fromRandom.exchangeAcceptance.length).toBe(taus.length - 1);
  });

  it('rejects bad ladders', () => {
    const base = { weights: 'ising' as const, n: 8, alpha: 1, seed: 1, equilibrationSweeps: 1, measurementSweeps: 1 };
    expect(() => runTemperingSync({ ...base, taus: [1] })).toThrow(ParameterError);
    expect(() => runTemperingSync({ ...base, taus: [1, 0.5] })).toThrow(ParameterError);
    expect(() => runTemperingSync({ ...base, taus: [0, 0.5] })).toThrow(ParameterError);
  });
});
