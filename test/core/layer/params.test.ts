import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { checkLayerSweep, checkTeacher } from '../../../src/core/layer/index.js';

const base = { teacher: { ensemble: 'gaussian' as const }, k: 20, n: 40, alphas: [1], taus: [0.5], seed: 1 };

function error(f: () => unknown): ParameterError {
  try {
    f();
  } catch (e) {
    if (e instanceof ParameterError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('layer parameters', () => {
  it('fills the documented defaults', () => {
    const c = checkLayerSweep(base);
    expect(c.inputs).toBe('independent');
    expect(c.weights).toBe('spherical');
    expect(c.rowNorms).toBe('unit');
    expect(c.samples).toBe(1);
    expect(c.schedule).toEqual({ equilibrationSweeps: undefined, maxEquilibrationSweeps: 4000, measurementSweeps: 0 });
  });

  it('names the parameter, the value and what is allowed', () => {
    expect(error(() => checkLayerSweep({ ...base, k: 5 })).parameter).toBe('k');
    expect(error(() => checkLayerSweep({ ...base, inputs: 'both' as never })).parameter).toBe('inputs');
    expect(error(() => checkLayerSweep({ ...base, alphas: [1, 1] })).parameter).toBe('alphas');
    expect(error(() => checkLayerSweep({ ...base, taus: [-1] })).parameter).toBe('taus[0]');
    expect(error(() => checkTeacher({ ensemble: 'spiked' })).parameter).toBe('teacher.spikes');
    expect(error(() => checkTeacher({ ensemble: 'spiked', spikes: [0.5] })).allowed).toContain('ℓ ≥ 1');
    expect(error(() => checkTeacher({ ensemble: 'pareto' })).parameter).toBe('teacher.mu');
    expect(error(() => checkTeacher({ ensemble: 'gaussian', mu: 2 })).parameter).toBe('teacher.mu');
    expect(error(() => checkTeacher({ ensemble: 'stable', mu: 3 })).parameter).toBe('teacher.mu');
    expect(error(() => checkTeacher({ ensemble: 'nope' as never })).message).toMatch(/teacher\.ensemble.*one of gaussian/);
  });
});
