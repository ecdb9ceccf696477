import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { createStream, fillParetoSymmetric } from '../../../src/core/random/index.js';
import { frechetCdf, frechetPdf, frechetQuantile, frechetScale } from '../../../src/core/theory/frechet.js';
import { gaussLegendre } from '../../../src/core/theory/special/quadrature.js';
import { gramOf, jacobiEigenvalues } from './helpers/jacobi.js';

describe('Fréchet law and heavy-tailed λ_max scale', () => {
  it('CDF, density and quantile are consistent', () => {
    for (const shape of [0.5, 1, 1.5, 3]) {
      for (const p of [1e-10, 0.01, 0.5, 0.99, 1 - 1e-9]) {
        const x = frechetQuantile(p, shape);
        expect(Math.abs(frechetCdf(x, shape) - p) / p).toBeLessThan(1e-13);
      }
      // ∫₀^x pdf = CDF(x): Gauss–Legendre in log x.
      const { nodes, weights } = gaussLegendre(80);
      const lo = Math.log(frechetQuantile(1e-14, shape));
      const hi = Math.log(2);
      let integral = 0;
      for (let i = 0; i < 80; i++) {
        const t = lo + ((hi - lo) * (nodes[i] + 1)) / 2;
        integral += ((hi - lo) / 2) * weights[i] * frechetPdf(Math.exp(t), shape) * Math.exp(t);
      }
      expect(Math.abs(integral - frechetCdf(2, shape))).toBeLessThan(1e-12);
    }
    expect(frechetCdf(0, 1)).toBe(0);
    expect(frechetCdf(-1, 1)).toBe(0);
    expect(frechetQuantile(1, 2)).toBe(Infinity);
  });

  it('scale is (N·M)^(2/μ), divided by N for X = WᵀW/N', () => {
    expect(frechetScale(40, 20, 1, { normalization: 'none' })).toBeCloseTo(800 ** 2, 6);
    expect(frechetScale(40, 20, 1)).toBeCloseTo(800 ** 2 / 40, 8);
    expect(frechetScale(40, 20, 3, { tailConstant: 2 })).toBeCloseTo(1600 ** (2 / 3) / 40, 12);
    expect(() => frechetScale(10, 20, 1)).toThrow(ParameterError);
    expect(() => frechetScale(10, 5, 0)).toThrow(ParameterError);
    expect(() => frechetCdf(1, -1)).toThrow(ParameterError);
    expect(() => frechetQuantile(2, 1)).toThrow(ParameterError);
  });

  it('λ_max of symmetric Pareto (μ = 1) matrices scaled by frechetScale follows Fréchet(½) (KS)', () => {
    const n = 40;
    const m = 20;
    const draws = 400;
    const mu = 1;
    const scale = frechetScale(n, m, mu);
    const stream = createStream('theory-frechet');
    const w = new Float64Array(n * m);
    const x: number[] = [];
    for (let d = 0; d < draws; d++) {
      fillParetoSymmetric(stream, w, mu);
      const eig = jacobiEigenvalues(gramOf(w, n, m, n), m);
      x.push(eig[m - 1] / scale);
    }
    x.sort((a, b) => a - b);
    let ks = 0;
    x.forEach((v, i) => {
      const f = frechetCdf(v, mu / 2);
      ks = Math.max(ks, Math.abs(f - i / draws), Math.abs(f - (i + 1) / draws));
    });
    // KS: 1% critical value 1.63/√400 = 0.081. Finite-size allowance 0.03: λ_max exceeds the largest squared entry
    // by the rest of its row and column, O(M²) against a² = (NM)² here.
    expect(ks).toBeLessThan(0.081 + 0.03);
  });
});

describe('Fréchet density where its factors leave the double range', () => {
  it('is 0, not NaN, where x^(−shape) overflows, and accurate where e^(−t) is subnormal', () => {
    // x = 1e-160, shape 2: t = 1e320 = ∞ and e^(−t) = 0; the true value is e^(−1e320)·… = 0 in doubles.
    expect(frechetPdf(1e-160, 2)).toBe(0);
    expect(frechetPdf(Number.MIN_VALUE, 0.5)).toBe(0);
    // t = 720: e^(−720) is subnormal (11 digits), the density 3.3167755392230748564e-308 (mpmath, 50 digits)
    // is normal; the log form is accurate to ~ε·708 ≈ 1e-13.
    const x = 0.9705370631766029; // e^(−ln 720/220) as a double
    expect(Math.abs(frechetPdf(x, 220) / 3.3167755392230748564e-308 - 1)).toBeLessThan(2e-13);
    // Ordinary arguments keep the direct product (mpmath references; a few ulp, 4e-15 where t = 123 amplifies
    // the rounding of t).
    const refs: [number, number, number][] = [[0.5, 2, 0.2930502222197468847], [1, 0.5, 0.1839397205857211608], [3, 1.5, 0.079379454529124915093], [0.3, 4, 3.9797062179603616914e-51]];
    for (const [xx, k, r] of refs) expect(Math.abs(frechetPdf(xx, k) / r - 1)).toBeLessThan(1e-14);
  });
});

describe('Fréchet values beyond float64', () => {
  it('a quantile beyond float64 is refused naming p; 0 and 1 stay the exact ends of the support', () => {
    expect(() => frechetQuantile(0.9999, 0.005)).toThrow(/invalid p: 0.9999 \(quantile would be about 9.9e799/);
    expect(() => frechetQuantile(1e-300, 0.005)).toThrow(/invalid p: 1e-300 \(quantile would be about .*e-568/);
    expect(frechetQuantile(0, 0.005)).toBe(0);
    expect(frechetQuantile(1, 0.005)).toBe(Infinity);
    expect(Math.abs(frechetQuantile(0.5, 0.005) / Math.LN2 ** -200 - 1)).toBeLessThan(1e-13);
  });

  it('the scale a²/N is finite when a² alone overflows', () => {
    // (N·M)^(2/μ) at μ = 0.0367, N = 1000, M = 500 is e^715, beyond float64; divided by N it is e^708.
    const s = frechetScale(1000, 500, 0.0367);
    expect(Number.isFinite(s)).toBe(true);
    expect(Math.abs(Math.log(s) - ((2 / 0.0367) * Math.log(5e5) - Math.log(1000)))).toBeLessThan(1e-12 * 708);
    expect(frechetScale(1000, 500, 0.0367, { normalization: 'none' })).toBe(Infinity);
  });
});
