import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { branchFreeEnergiesSync, createProblem } from '../../../src/core/vsdl/index.js';
import { enumerateIsing } from './exact.js';

describe('branchFreeEnergies', () => {
  it('matches exact enumeration of both branches (Ising N = 16, P = 16, τ = 0.5)', () => {
    const n = 16;
    const tau = 0.5;
    const threshold = 0.7;
    for (const sample of [0, 1]) {
      const states = enumerateIsing(createProblem({ n, alpha: 1, teacher: 'ising', seed: 'te', sample }));
      let zPoor = 0;
      let zPerfect = 0;
      states.energy.forEach((e, s) => {
        const w = Math.exp(-e / tau);
        if (states.dot[s]! >= threshold * n) zPerfect += w;
        else zPoor += w;
      });
      const result = branchFreeEnergiesSync({ n, alpha: 1, tau, seed: 'te', sample, perfectThreshold: threshold, measurementSweeps: 1000, perfectSweeps: 4000 });
      // ln Z = −N f/τ; its SE is N f_se/τ (thermal, from τ_int). Simpson's rule with 16 steps on the smooth
      // ⟨E⟩(β) adds a discretisation error ≲ 10^−3, well inside the 3 SE tolerance (SE ≈ 0.02–0.05 here).
      const lnPoorSe = (n * result.poor.f_se) / tau;
      const lnPerfectSe = (n * result.perfect.f_se) / tau;
      expect(Math.abs(result.poor.lnZ - Math.log(zPoor))).toBeLessThan(3 * lnPoorSe + 1e-3);
      expect(Math.abs(result.perfect.lnZ - Math.log(zPerfect))).toBeLessThan(3 * lnPerfectSe + 1e-12);
      expect(result.perfect.occupation).toBeLessThan(1);
      expect(result.delta).toBeCloseTo(result.poor.f - result.perfect.f, 12);
    }
  });

  it('rejects τ = 0 and odd step counts', () => {
    expect(() => branchFreeEnergiesSync({ n: 10, alpha: 1, tau: 0, seed: 1 })).toThrow(ParameterError);
    expect(() => branchFreeEnergiesSync({ n: 10, alpha: 1, tau: 1, seed: 1, betaSteps: 3 })).toThrow(ParameterError);
  });
});
