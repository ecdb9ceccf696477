import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../../src/core/errors.js';
import { gaussHermite, gaussHermiteNormal, gaussLegendre, gaussLegendreOn } from '../../../../src/core/theory/special/quadrature.js';

const doubleFactorial = (k: number) => {
  let r = 1;
  for (let i = k; i > 1; i -= 2) r *= i;
  return r;
};

describe('Gauss quadrature rules', () => {
  it('Legendre integrates x^k exactly on [−1, 1] up to degree 2n − 1', () => {
    for (const n of [1, 2, 3, 7, 20, 64]) {
      const { nodes, weights } = gaussLegendre(n);
      for (let k = 0; k <= 2 * n - 1; k++) {
        let sum = 0;
        for (let i = 0; i < n; i++) sum += weights[i] * nodes[i] ** k;
        const exact = k % 2 === 1 ? 0 : 2 / (k + 1);
        expect(Math.abs(sum - exact)).toBeLessThan(1e-14);
      }
      // Degree 2n is not integrated exactly: the rule is exactly Gauss, not better (visible for small n).
      if (n > 7) continue;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += weights[i] * nodes[i] ** (2 * n);
      expect(Math.abs(sum - 2 / (2 * n + 1))).toBeGreaterThan(1e-6);
    }
  });

  it('Hermite (e^(−x²)) and probabilists (N(0,1)) integrate moments exactly up to 2n − 1', () => {
    for (const n of [1, 2, 5, 12, 30]) {
      const h = gaussHermite(n);
      const he = gaussHermiteNormal(n);
      for (let k = 0; k <= Math.min(2 * n - 1, 24); k++) {
        let s1 = 0;
        let s2 = 0;
        for (let i = 0; i < n; i++) {
          s1 += h.weights[i] * h.nodes[i] ** k;
          s2 += he.weights[i] * he.nodes[i] ** k;
        }
        // ∫ x^k e^(−x²) = Γ((k+1)/2) = √π (k−1)!!/2^(k/2) for even k; E Z^k = (k − 1)!!.
        const physicists = k % 2 ? 0 : (Math.sqrt(Math.PI) * doubleFactorial(k - 1)) / 2 ** (k / 2);
        const normal = k % 2 ? 0 : doubleFactorial(k - 1);
        // Odd moments cancel terms of size ~E|Z|^k, so the tolerance scales with k!! for both parities.
        const scale = Math.max(1, doubleFactorial(k));
        expect(Math.abs(s1 - physicists)).toBeLessThan(1e-13 * scale);
        expect(Math.abs(s2 - normal)).toBeLessThan(1e-13 * scale);
      }
    }
  });

  it('mapped Legendre integrates a smooth function to machine precision', () => {
    const { nodes, weights } = gaussLegendreOn(30, 0, Math.PI);
    let s = 0;
    for (let i = 0; i < nodes.length; i++) s += weights[i] * Math.sin(nodes[i]);
    expect(Math.abs(s - 2)).toBeLessThan(1e-15);
    expect(() => gaussLegendre(0)).toThrow(ParameterError);
    expect(() => gaussHermite(2.5)).toThrow(ParameterError);
  });
});
