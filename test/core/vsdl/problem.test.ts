import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { createProblem, numberKey, signedColumns } from '../../../src/core/vsdl/index.js';

describe('createProblem', () => {
  it('draws the teacher on the sphere or the hypercube and labels by its sign', () => {
    for (const teacher of ['spherical', 'ising'] as const) {
      const problem = createProblem({ n: 30, alpha: 2, teacher, seed: 1, sample: 0 });
      expect(problem.p).toBe(60);
      expect(problem.xi.length).toBe(60 * 30);
      const norm = problem.teacher.reduce((a, x) => a + x * x, 0);
      expect(norm).toBeCloseTo(30, 10);
      if (teacher === 'ising') expect(problem.teacher.every((t) => t === 1 || t === -1)).toBe(true);
      for (let mu = 0; mu < problem.p; mu++) {
        let field = 0;
        for (let i = 0; i < 30; i++) field += problem.teacher[i]! * problem.xi[mu * 30 + i]!;
        expect(problem.labels[mu]).toBe(field >= 0 ? 1 : -1);
      }
    }
  });

  it('rescales a given teacher and is prefix-consistent in α', () => {
    const given = Float64Array.from({ length: 20 }, (_, i) => i - 7.5);
    const small = createProblem({ n: 20, alpha: 1.5, teacher: given, seed: 'x', sample: 3 });
    const large = createProblem({ n: 20, alpha: 4, teacher: given, seed: 'x', sample: 3 });
    expect(small.teacher.reduce((a, x) => a + x * x, 0)).toBeCloseTo(20, 10);
    expect(large.xi.subarray(0, small.xi.length)).toEqual(small.xi);
    expect(large.labels.subarray(0, small.p)).toEqual(small.labels);
    const other = createProblem({ n: 20, alpha: 1.5, teacher: given, seed: 'x', sample: 4 });
    expect(other.xi).not.toEqual(small.xi);
  });

  it('flips each label with probability p', () => {
    // P = 4000, p = 0.2: flips ~ Binomial(4000, 0.2), SE = √(4000·0.16) ≈ 25.3; tolerance 4 SE.
    const clean = createProblem({ n: 40, alpha: 100, teacher: 'spherical', seed: 'noise', sample: 0 });
    const noisy = createProblem({ n: 40, alpha: 100, noise: 0.2, teacher: 'spherical', seed: 'noise', sample: 0 });
    let flips = 0;
    for (let mu = 0; mu < clean.p; mu++) if (clean.labels[mu] !== noisy.labels[mu]) flips++;
    expect(Math.abs(flips - 800)).toBeLessThan(4 * 25.3);
    expect(noisy.xi).toEqual(clean.xi);
  });

  it('stores label-signed inputs column by column', () => {
    const problem = createProblem({ n: 5, alpha: 2, teacher: 'ising', seed: 2, sample: 0 });
    const columns = signedColumns(problem);
    for (let mu = 0; mu < problem.p; mu++) {
      for (let i = 0; i < 5; i++) expect(columns[i * problem.p + mu]).toBe(problem.labels[mu]! * problem.xi[mu * 5 + i]!);
    }
  });

  it('rejects invalid parameters', () => {
    const base = { n: 10, alpha: 1, teacher: 'ising' as const, seed: 1, sample: 0 };
    expect(() => createProblem({ ...base, n: 0 })).toThrow(ParameterError);
    expect(() => createProblem({ ...base, alpha: -1 })).toThrow(ParameterError);
    expect(() => createProblem({ ...base, noise: 0.6 })).toThrow(ParameterError);
    expect(() => createProblem({ ...base, sample: 1.5 })).toThrow(ParameterError);
    expect(() => createProblem({ ...base, teacher: new Float64Array(9) })).toThrow(ParameterError);
    expect(() => createProblem({ ...base, teacher: new Float64Array(10) })).toThrow(/non-zero/);
  });

  it('names floats by their shortest exact text', () => {
    expect(numberKey(0.5)).toBe('0.5');
    expect(numberKey(1 / 2)).toBe(numberKey(0.5));
    expect(numberKey(0.1 + 0.2)).not.toBe(numberKey(0.3));
    expect(numberKey(-0)).toBe('0');
  });
});
