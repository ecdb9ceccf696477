import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { createStream, fillNormal } from '../../../src/core/random/index.js';
import { johnstone } from '../../../src/core/theory/johnstone.js';
import { gramOf, jacobiEigenvalues } from './helpers/jacobi.js';

describe('Johnstone edge scaling', () => {
  it('closed forms for β = 1 (n − 1) and β = 2 (n), normalizations and σ', () => {
    const n = 100;
    const m = 50;
    const r1 = Math.sqrt(99) + Math.sqrt(50);
    const real = johnstone(n, m, { normalization: 'none' });
    expect(real.center).toBeCloseTo(r1 * r1, 11);
    expect(real.scale).toBeCloseTo(r1 * Math.cbrt(1 / Math.sqrt(99) + 1 / Math.sqrt(50)), 12);
    const r2 = Math.sqrt(100) + Math.sqrt(50);
    const complex = johnstone(n, m, { beta: 2, normalization: 'none' });
    expect(complex.center).toBeCloseTo(r2 * r2, 11);
    const scaled = johnstone(n, m, { sigma: 2 });
    expect(scaled.center).toBeCloseTo((4 * r1 * r1) / n, 12);
    expect(scaled.scale).toBeCloseTo((4 * real.scale) / n, 12);
    // 1/N centre tends to the MP edge (1 + 1/√Q)² and the scale shrinks like M^(−2/3).
    expect(johnstone(1e6, 5e5).center).toBeCloseTo((1 + Math.SQRT1_2) ** 2, 5);
  });

  it('rejects invalid parameters', () => {
    expect(() => johnstone(10, 20)).toThrow(ParameterError);
    expect(() => johnstone(1, 1)).toThrow(ParameterError);
    expect(() => johnstone(10, 5, { beta: 4 as 1 })).toThrow(ParameterError);
    expect(() => johnstone(10, 5, { sigma: 0 })).toThrow(ParameterError);
    expect(() => johnstone(10.5, 5)).toThrow(ParameterError);
  });

  it('rescaled λ_max of real Wishart matrices (N = 100, M = 50, 400 draws) follows TW1', () => {
    const n = 100;
    const m = 50;
    const draws = 400;
    const { center, scale } = johnstone(n, m);
    const stream = createStream('theory-johnstone');
    const w = new Float64Array(n * m);
    const values: number[] = [];
    for (let d = 0; d < draws; d++) {
      fillNormal(stream, w);
      const eig = jacobiEigenvalues(gramOf(w, n, m, n), m);
      values.push((eig[m - 1] - center) / scale);
    }
    const mean = values.reduce((a, b) => a + b, 0) / draws;
    const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws - 1);
    // TW1: mean −1.2065, variance 1.6078. Standard error of the mean √(1.6078/400) = 0.063; of the variance
    // ≈ 1.6078·√((2 + κ₄)/400) with excess kurtosis κ₄ = 0.165: 0.118. Finite-size allowance (Johnstone 2001
    // reports the approximation is good already at n, p ~ 10–50): 0.1 on the mean, 0.2 on the variance.
    expect(Math.abs(mean - -1.2065335746)).toBeLessThan(3 * 0.063 + 0.1);
    expect(Math.abs(variance - 1.6077810346)).toBeLessThan(3 * 0.118 + 0.2);
  });
});

describe('Johnstone beyond float64', () => {
  it('a σ whose centre exceeds float64 is refused, naming sigma', () => {
    expect(() => johnstone(1000, 500, { sigma: 1e200 })).toThrow(/invalid sigma: 1e\+200 \(centre would be about 2\.9e400/);
    expect(() => johnstone(1000, 500, { sigma: 1e154, normalization: 'none' })).toThrow(ParameterError);
    expect(Number.isFinite(johnstone(1000, 500, { sigma: 1e153 }).center)).toBe(true);
  });
});
