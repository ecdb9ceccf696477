import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../../src/core/errors.js';
import {
  perceptronAnnealed,
  perceptronCurve,
  perceptronHighTemperature,
  perceptronPhaseLines,
  perceptronReplica,
  type PerceptronParams,
} from '../../../../src/core/theory/perceptron/index.js';

const base: PerceptronParams = { weights: 'ising', alpha: 1, tau: 0.5 };

function parameterOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ParameterError) return error.parameter;
    throw error;
  }
  return 'none';
}

describe('parameter validation', () => {
  it('rejects each invalid parameter with ParameterError naming it', () => {
    for (const solve of [perceptronReplica, perceptronAnnealed, perceptronHighTemperature]) {
      expect(parameterOf(() => solve({ ...base, alpha: -1 }))).toBe('alpha');
      expect(parameterOf(() => solve({ ...base, alpha: NaN }))).toBe('alpha');
      expect(parameterOf(() => solve({ ...base, tau: -0.1 }))).toBe('tau');
      expect(parameterOf(() => solve({ ...base, tau: Infinity }))).toBe('tau');
      expect(parameterOf(() => solve({ ...base, noise: 0.6 }))).toBe('noise');
      expect(parameterOf(() => solve({ ...base, noise: -0.01 }))).toBe('noise');
      expect(parameterOf(() => solve({ ...base, weights: 'binary' as never }))).toBe('weights');
      expect(parameterOf(() => solve({ ...base, branch: 'best' as never }))).toBe('branch');
      expect(parameterOf(() => solve({ ...base, weights: 'spherical', branch: 'perfect' }))).toBe('branch');
    }
    expect(parameterOf(() => perceptronHighTemperature({ ...base, tau: 0 }))).toBe('tau');
  });

  it('refuses τ = 0 with label noise (no error-free student exists at large α)', () => {
    expect(parameterOf(() => perceptronReplica({ ...base, tau: 0, noise: 0.1 }))).toBe('noise');
    expect(parameterOf(() => perceptronPhaseLines({ tau: 0, noise: 0.1 }))).toBe('noise');
  });

  it('refuses the poor branch beyond its spinodal and unsorted or invalid loads', () => {
    expect(parameterOf(() => perceptronReplica({ weights: 'ising', alpha: 2, tau: 0, branch: 'poor' }))).toBe('branch');
    expect(parameterOf(() => perceptronAnnealed({ weights: 'ising', alpha: 3, tau: 0, branch: 'poor' }))).toBe('branch');
    expect(parameterOf(() => perceptronCurve({ weights: 'ising', tau: 0.5, alphas: [1, 0.5] }))).toBe('alphas[1]');
    expect(parameterOf(() => perceptronCurve({ weights: 'ising', tau: 0.5, alphas: [1, -2] }))).toBe('alphas[1]');
    expect(parameterOf(() => perceptronCurve({ weights: 'ising', tau: 0.5, alphas: [1], method: 'exact' as never }))).toBe('method');
  });
});
