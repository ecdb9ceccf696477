import { describe, expect, it } from 'vitest';
import { ConvergenceError } from '../../../../src/core/errors.js';
import {
  GAUSS7_WEIGHTS,
  KRONROD_NODES,
  KRONROD_WEIGHTS,
  breakpoints,
  geometricPoints,
  integrateVector,
} from '../../../../src/core/theory/perceptron/quadrature.js';
import { gaussTail } from '../../../../src/core/theory/perceptron/gaussian.js';

const phi = (x: number): number => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

describe('Gauss–Kronrod 7/15 constants', () => {
  it('the 15-point rule integrates x^k exactly up to k = 22 and the 7-point rule up to k = 13', () => {
    for (let k = 0; k <= 22; k += 2) {
      const exact = 2 / (k + 1);
      let kronrod = KRONROD_WEIGHTS[7] * (k === 0 ? 1 : 0);
      let gauss = GAUSS7_WEIGHTS[3] * (k === 0 ? 1 : 0);
      for (let i = 0; i < 7; i++) {
        kronrod += 2 * KRONROD_WEIGHTS[i] * KRONROD_NODES[i] ** k;
        if (i % 2 === 1) gauss += 2 * GAUSS7_WEIGHTS[(i - 1) / 2] * KRONROD_NODES[i] ** k;
      }
      expect(Math.abs(kronrod - exact)).toBeLessThan(1e-15);
      if (k <= 13) expect(Math.abs(gauss - exact)).toBeLessThan(1e-15);
      else expect(Math.abs(gauss - exact)).toBeGreaterThan(1e-8); // and no further: the constants are the right ones
    }
  });
});

describe('integrateVector', () => {
  it('integrates Gaussian moments to the requested tolerance', () => {
    const out = new Float64Array(3);
    integrateVector(
      (x, v) => {
        v[0] = phi(x);
        v[1] = x * x * phi(x);
        v[2] = x ** 4 * phi(x);
      },
      3,
      breakpoints(11, [0, -2, 2]),
      out,
    );
    expect(Math.abs(out[0] - 1)).toBeLessThan(1e-13);
    expect(Math.abs(out[1] - 1)).toBeLessThan(1e-13);
    expect(Math.abs(out[2] - 3)).toBeLessThan(1e-12);
  });

  it('resolves a step far narrower than the Gaussian: ∫Dt H(at + c) = H(c/√(1 + a²))', () => {
    // The identity holds for every a; with a = 1e5 the integrand is a step of width 1e-5 at t = −c/a.
    for (const [a, c] of [
      [1e5, 0.3],
      [300, -1.2],
      [2, 0.5],
    ]) {
      const out = new Float64Array(1);
      const points = geometricPoints(-c / a, 1 / a, 11).concat([0, -2, 2]);
      integrateVector((t, v) => (v[0] = phi(t) * gaussTail(a * t + c)), 1, breakpoints(11, points), out);
      expect(Math.abs(out[0] - gaussTail(c / Math.sqrt(1 + a * a)))).toBeLessThan(1e-12);
    }
  });

  it('throws ConvergenceError rather than returning a wrong number', () => {
    const out = new Float64Array(1);
    expect(() => integrateVector((x, v) => (v[0] = Math.sin(1 / x)), 1, [-1, 1], out, { maxPanels: 30 })).toThrow(ConvergenceError);
    expect(() => integrateVector((x, v) => (v[0] = NaN), 1, [0, 1], out, { maxPanels: 5 })).toThrow(ConvergenceError);
  });
});
