import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { mpCdf, mpDensity, mpEdges, mpMoment, mpQuantile } from '../../../src/core/theory/mp.js';
import { gaussLegendre } from '../../../src/core/theory/special/quadrature.js';

/** ∫_a^b f by Gauss–Legendre after t = a + (b−a)·(1−cos θ)/2-free substitution x = a + (b−a)·((1+u)/2)²… kept simple:
 * the square-root edges are removed by x = a + (b − a)·sin²(φ), φ ∈ [0, π/2], which makes the integrand smooth. */
function integrateOverBulk(f: (x: number) => number, a: number, b: number, n = 80): number {
  const { nodes, weights } = gaussLegendre(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const phi = (Math.PI / 4) * (nodes[i] + 1);
    const x = a + (b - a) * Math.sin(phi) ** 2;
    sum += (Math.PI / 4) * weights[i] * f(x) * (b - a) * 2 * Math.sin(phi) * Math.cos(phi);
  }
  return sum;
}

describe('Marchenko–Pastur', () => {
  it('matches the reference values of docs/theory.md (Q = 2, σ = 1)', () => {
    const { lambdaMinus, lambdaPlus } = mpEdges(2);
    expect(lambdaMinus).toBeCloseTo(0.085786437627, 12);
    expect(lambdaPlus).toBeCloseTo(2.914213562373, 12);
    expect(mpDensity(1, 2)).toBeCloseTo(0.4210843993, 10);
    expect(mpCdf(1, 2)).toBeCloseTo(0.5760042151, 10);
  });

  it('CDF equals the integral of the density (independent quadrature)', () => {
    for (const q of [1, 1.5, 2, 4, 10]) {
      const { lambdaMinus: a, lambdaPlus: b } = mpEdges(q);
      for (const frac of [0.01, 0.2, 0.5, 0.77, 0.999]) {
        const x = a + frac * (b - a);
        // Quadrature over [a, x] with the sin² substitution at a; at x the density is smooth (or √ at b).
        const integral = integrateOverBulk((t) => mpDensity(t, q), a, x, 200);
        expect(Math.abs(mpCdf(x, q) - integral)).toBeLessThan(q === 1 ? 1e-9 : 1e-12);
      }
      expect(mpCdf(b, q)).toBe(1);
      expect(mpCdf(a, q)).toBe(0);
    }
  });

  it('moments from Narayana polynomials equal ∫ λ^k ρ', () => {
    for (const q of [1, 2, 5]) {
      const { lambdaMinus: a, lambdaPlus: b } = mpEdges(q, 1.3);
      for (let k = 0; k <= 6; k++) {
        const integral = integrateOverBulk((t) => t ** k * mpDensity(t, q, 1.3), a, b, 200);
        const m = mpMoment(k, q, 1.3);
        // Q = 1: the λ^(−1/2) singularity at 0 is removed by the substitution; still slightly less accurate.
        expect(Math.abs(m - integral) / m).toBeLessThan(q === 1 ? 1e-8 : 1e-12);
      }
    }
    expect(mpMoment(1, 3, 2)).toBeCloseTo(4, 14); // mean σ²
    expect(mpMoment(2, 3, 1)).toBeCloseTo(1 + 1 / 3, 14); // σ⁴(1 + 1/Q)
    expect(mpMoment(3, 2, 1)).toBeCloseTo(1 + 3 * 0.5 + 0.25, 14); // 1 + 3γ + γ²
  });

  it('quantile inverts the CDF, Q = 1 included', () => {
    for (const q of [1, 1.01, 2, 8]) {
      for (const p of [1e-9, 1e-4, 0.1, 0.5, 0.9, 1 - 1e-6]) {
        const x = mpQuantile(p, q, 0.7);
        expect(Math.abs(mpCdf(x, q, 0.7) - p)).toBeLessThan(1e-13);
      }
      expect(mpQuantile(0, q)).toBe(mpEdges(q).lambdaMinus);
      expect(mpQuantile(1, q)).toBe(mpEdges(q).lambdaPlus);
    }
  });

  it('Q = 1: lower edge 0, density diverges like λ^(−1/2), CDF ~ (2/π)√λ', () => {
    expect(mpEdges(1).lambdaMinus).toBe(0);
    expect(mpEdges(1).lambdaPlus).toBe(4);
    const x = 1e-10;
    expect(mpDensity(x, 1) * Math.sqrt(x)).toBeCloseTo(1 / Math.PI, 6);
    expect(mpCdf(x, 1) / Math.sqrt(x)).toBeCloseTo(2 / Math.PI, 6);
  });

  it('σ scales the support and the density', () => {
    expect(mpDensity(2 * 0.9, 3, Math.SQRT2)).toBeCloseTo(mpDensity(0.9, 3) / 2, 14);
    expect(mpCdf(2 * 0.9, 3, Math.SQRT2)).toBeCloseTo(mpCdf(0.9, 3), 14);
    expect(mpDensity(5, 2)).toBe(0);
    expect(mpDensity(0.01, 2)).toBe(0);
  });

  it('rejects invalid parameters', () => {
    expect(() => mpEdges(0.5)).toThrow(ParameterError);
    expect(() => mpDensity(1, NaN)).toThrow(ParameterError);
    expect(() => mpCdf(1, 2, 0)).toThrow(ParameterError);
    expect(() => mpCdf(NaN, 2)).toThrow(ParameterError);
    expect(() => mpQuantile(1.1, 2)).toThrow(ParameterError);
    expect(() => mpMoment(1.5, 2)).toThrow(ParameterError);
  });

  it('a 400-point curve is fast', () => {
    const t0 = performance.now();
    for (let i = 0; i < 400; i++) {
      mpDensity(3 * (i / 399), 2);
      mpCdf(3 * (i / 399), 2);
    }
    expect(performance.now() - t0).toBeLessThan(50);
  });
});
