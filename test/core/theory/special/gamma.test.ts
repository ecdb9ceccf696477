import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../../src/core/errors.js';
import { gammaP, gammaQ, lnGamma } from '../../../../src/core/theory/special/gamma.js';

describe('lnGamma and the regularized incomplete gamma functions', () => {
  it('lnGamma matches exact values and mpmath references', () => {
    expect(Math.abs(lnGamma(0.5) - 0.5 * Math.log(Math.PI))).toBeLessThan(1e-15);
    expect(Math.abs(lnGamma(3) - Math.LN2)).toBeLessThan(2e-15); // absolute accuracy near the zeros 1, 2
    expect(Math.abs(lnGamma(1))).toBeLessThan(5e-15);
    expect(Math.abs(lnGamma(10.5) - 13.940625219403763633) / 13.94).toBeLessThan(1e-15);
    expect(Math.abs(lnGamma(100) - 359.13420536957539878) / 359).toBeLessThan(1e-15);
    let factorial = 1;
    for (let n = 1; n < 25; n++) {
      factorial *= n;
      expect(Math.abs(lnGamma(n + 1) - Math.log(factorial))).toBeLessThan(1e-14 * Math.max(1, Math.log(factorial)));
    }
    expect(lnGamma(0)).toBe(Infinity);
    expect(() => lnGamma(NaN)).toThrow(ParameterError);
  });

  it('P and Q match mpmath references and P + Q = 1', () => {
    const cases: [number, number, number][] = [
      [0.5, 0.3, 0.56142197391900014495],
      [3, 2, 0.32332358381693654053],
      [10, 12, 0.75760783832948765132],
      [50, 45, 0.24680203440017027271],
    ];
    for (const [a, x, p] of cases) {
      expect(Math.abs(gammaP(a, x) - p) / p).toBeLessThan(1e-13);
      expect(Math.abs(gammaQ(a, x) - (1 - p)) / (1 - p)).toBeLessThan(1e-13);
    }
    // Closed forms: P(1, x) = 1 − e^(−x); P(½, x) = erf(√x) at x = 1: 0.8427007929497149.
    expect(Math.abs(gammaQ(1, 30) - Math.exp(-30)) / Math.exp(-30)).toBeLessThan(1e-14);
    expect(Math.abs(gammaP(0.5, 1) - 0.84270079294971486934)).toBeLessThan(1e-15);
    expect(() => gammaP(0, 1)).toThrow(ParameterError);
    expect(() => gammaQ(1, -1)).toThrow(ParameterError);
  });
});
