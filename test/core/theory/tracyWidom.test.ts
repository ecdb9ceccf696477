import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { createStream } from '../../../src/core/random/index.js';
import { gaussLegendre } from '../../../src/core/theory/special/quadrature.js';
import {
  twCdf,
  twCurve,
  twMoments,
  twPdf,
  twQuantile,
  twSample,
  type TracyWidomBeta,
} from '../../../src/core/theory/tracyWidom/distribution.js';
import { defaultNodeCount, tracyWidomNystrom } from '../../../src/core/theory/tracyWidom/nystrom.js';
import { oracle } from '../../helpers/oracle.js';
import { pythonWithScipy } from '../../helpers/python.js';

const BETAS: TracyWidomBeta[] = [1, 2, 4];

/**
 * Published moments: Tracy & Widom (2000), Prähofer & Spohn (2000), Bornemann (2010, Table 5) — mean, variance,
 * skewness, excess kurtosis. β = 4 in the convention F4(s) = ½[det(I − A_{√2 s}) + det(I + A_{√2 s})].
 */
const MOMENTS: Record<TracyWidomBeta, [number, number, number, number]> = {
  1: [-1.2065335745820, 1.607781034581, 0.29346452408, 0.1652429384],
  2: [-1.7710868074116, 0.8131947928329, 0.224084203610, 0.0934480876],
  4: [-2.306884893241, 0.5177237207726, 0.16550949435, 0.0491951565],
};

describe('Tracy–Widom distributions', () => {
  it('CDF matches the reference values of docs/theory.md', () => {
    expect(Math.abs(twCdf(0, 1) - 0.8319080662)).toBeLessThan(1e-10);
    expect(Math.abs(twCdf(0, 2) - 0.9693728284)).toBeLessThan(1e-10);
  });

  it('two quadrature sizes agree to 1e-13 on [−8, 6] (CDF and density)', () => {
    for (const beta of BETAS) {
      for (let s = -8; s <= 6; s += 0.5) {
        const t = beta === 4 ? Math.SQRT2 * s : s;
        const m = defaultNodeCount(t);
        const a = tracyWidomNystrom(s, beta, m);
        const b = tracyWidomNystrom(s, beta, m + 24);
        expect(Math.abs(a.cdf - b.cdf)).toBeLessThan(1e-13);
        expect(Math.abs(a.pdf - b.pdf)).toBeLessThan(1e-13);
      }
    }
  });

  it(
    'F2 equals det(I − K_Ai) with the Airy kernel, computed independently with scipy (1e-12)',
    () => {
      // An independent route: the original Airy-kernel determinant on (s, ∞), scipy's Airy functions and LU.
      const ss = [-6, -4, -3, -2, -1, 0, 1, 2, 3];
      const script = `
import json, numpy as np
from numpy.polynomial.legendre import leggauss
from scipy.special import airy
def F2(s, m=80):
    t, w = leggauss(m); t = (t + 1) / 2; w = w / 2
    x = s + 10 * np.tan(np.pi * t / 2); w = w * 10 * np.pi / 2 / np.cos(np.pi * t / 2) ** 2
    ai, aip, _, _ = airy(x)
    X, Y = np.meshgrid(x, x, indexing='ij')
    with np.errstate(divide='ignore', invalid='ignore'):
        K = (np.outer(ai, aip) - np.outer(aip, ai)) / (X - Y)
    K[np.diag_indices(m)] = aip ** 2 - x * ai ** 2
    r = np.sqrt(w)
    return float(np.linalg.det(np.eye(m) - r[:, None] * K * r[None, :]))
print(json.dumps([F2(s) for s in ${JSON.stringify(ss)}]))`;
      for (const { result: ref } of oracle<number[]>('tw-f2-airy-kernel', script, pythonWithScipy)) {
        ss.forEach((s, i) => expect(Math.abs(twCdf(s, 2) - ref[i])).toBeLessThan(1e-12));
      }
    },
  );

  it('density is the derivative of the CDF (5-point finite differences)', () => {
    const h = 1e-3;
    for (const beta of BETAS) {
      for (const s of [-4, -2.5, -1, 0, 0.7, 2]) {
        const fd = (-twCdf(s + 2 * h, beta) + 8 * twCdf(s + h, beta) - 8 * twCdf(s - h, beta) + twCdf(s - 2 * h, beta)) / (12 * h);
        // Truncation error h⁴·f⁽⁵⁾/30 ≲ 1e−12, rounding 1e−15/h ≈ 1e−12.
        expect(Math.abs(twPdf(s, beta) - fd)).toBeLessThan(1e-10);
      }
    }
  });

  it('density integrates to 1 and reproduces the published moments', () => {
    const rule = gaussLegendre(40);
    for (const beta of BETAS) {
      // Direct density, 40-point Gauss–Legendre on unit intervals of [−9, 9]: independent of the table.
      const raw = [0, 0, 0, 0, 0];
      for (let a = -9; a < 9; a += 1.5) {
        for (let i = 0; i < 40; i++) {
          const s = a + 0.75 * (rule.nodes[i] + 1);
          const w = 0.75 * rule.weights[i] * twPdf(s, beta);
          for (let k = 0; k < 5; k++) raw[k] += w * s ** k;
        }
      }
      const [mean, variance, skewness, kurtosis] = MOMENTS[beta];
      // Outside [−9, 9] the mass is < 1e−12 (right tail of TW1 at 9: exp(−⅔·9^(3/2)) ≈ 1.5e−8 × tiny prefactor).
      expect(Math.abs(raw[0] - 1)).toBeLessThan(beta === 1 ? 1e-8 : 1e-12);
      expect(Math.abs(raw[1] / raw[0] - mean)).toBeLessThan(beta === 1 ? 1e-7 : 1e-11);
      const m = twMoments(beta);
      expect(Math.abs(m.mean - mean)).toBeLessThan(1e-11);
      expect(Math.abs(m.variance - variance)).toBeLessThan(1e-11);
      expect(Math.abs(m.skewness - skewness)).toBeLessThan(1e-9);
      expect(Math.abs(m.kurtosis - kurtosis)).toBeLessThan(1e-9);
    }
  });

  it('the cached table agrees with direct evaluation, and a 400-point curve is fast', () => {
    for (const beta of BETAS) {
      const s = Array.from({ length: 400 }, (_, i) => -8 + (14 * i) / 399);
      twCurve([0], beta); // builds the table
      const t0 = performance.now();
      const curve = twCurve(s, beta);
      const elapsed = performance.now() - t0;
      expect(elapsed).toBeLessThan(50);
      for (let i = 0; i < 400; i += 9) {
        expect(Math.abs(curve.cdf[i] - twCdf(s[i], beta))).toBeLessThan(1e-14);
        expect(Math.abs(curve.pdf[i] - twPdf(s[i], beta))).toBeLessThan(1e-14);
      }
    }
  });

  it('quantile inverts the CDF', () => {
    for (const beta of BETAS) {
      for (const p of [1e-12, 1e-6, 0.01, 0.3, 0.5, 0.9, 0.999999]) {
        expect(Math.abs(twCdf(twQuantile(p, beta), beta) - p)).toBeLessThan(1e-14 + 1e-12 * p);
      }
      expect(twQuantile(0, beta)).toBe(-Infinity);
      expect(twQuantile(1, beta)).toBe(Infinity);
    }
  });

  it('samples from seeded uniforms have the TW2 mean and variance', () => {
    const stream = createStream('theory-tw-sample');
    const n = 20000;
    const u = new Float64Array(n);
    stream.fill(u);
    const x = twSample(u, 2);
    const mean = x.reduce((a, b) => a + b, 0) / n;
    const variance = x.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
    // SE of the mean √(0.8132/20000) = 0.0064; of the variance 0.8132·√((2 + 0.093)/20000) = 0.0083. 4 SE.
    expect(Math.abs(mean - MOMENTS[2][0])).toBeLessThan(4 * 0.0064);
    expect(Math.abs(variance - MOMENTS[2][1])).toBeLessThan(4 * 0.0083);
    // The transform itself: each sample solves CDF(s) = u.
    for (let i = 0; i < 50; i++) expect(Math.abs(twCdf(x[i], 2) - u[i])).toBeLessThan(1e-13);
  });

  it('rejects invalid parameters', () => {
    expect(() => twCdf(0, 3 as TracyWidomBeta)).toThrow(ParameterError);
    expect(() => twCdf(NaN, 1)).toThrow(ParameterError);
    expect(() => twQuantile(-0.1, 2)).toThrow(ParameterError);
    expect(() => twSample([0.5, 1.5], 2)).toThrow(ParameterError);
  });
});
