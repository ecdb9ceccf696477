import { describe, expect, it } from 'vitest';
import { elementVariance, resolveWignerParams, wignerEigenvalues, wignerEntryScale, wignerLargestEigenvalues, wignerMatrix } from '../../../src/core/ensembles/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { semicircleCdf, twCurve, wignerEdge } from '../../../src/core/theory/index.js';
import { ksCritical, ksDistance, meanSe } from '../../../src/core/stats/sample.js';

describe('wignerMatrix', () => {
  it('is the GOE: symmetric, off-diagonal variance 1/N and diagonal 2/N', () => {
    const n = 400;
    const H = wignerMatrix({ n, seed: 1 });
    const off: number[] = [];
    const diag: number[] = [];
    let asymmetric = 0;
    for (let i = 0; i < n; i++) {
      diag.push(H.data[i * n + i]);
      for (let j = i + 1; j < n; j++) {
        if (H.data[j * n + i] !== H.data[i * n + j]) asymmetric++;
        off.push(H.data[i * n + j]);
      }
    }
    expect(asymmetric).toBe(0);
    const v = (xs: number[]) => xs.reduce((a, x) => a + x * x, 0) / xs.length;
    // Sample variances of 79 800 and 400 Gaussians: relative SE √(2/k), 0.5% and 7%; allow 4 SE.
    expect(Math.abs(v(off) * n - 1)).toBeLessThan(4 * Math.sqrt(2 / off.length));
    expect(Math.abs((v(diag) * n) / 2 - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it('gives the same matrix for the same seed, and another for another seed', () => {
    expect(wignerMatrix({ n: 30, seed: 'x' }).data).toEqual(wignerMatrix({ n: 30, seed: 'x' }).data);
    expect(wignerMatrix({ n: 30, seed: 'y' }).data[1]).not.toBe(wignerMatrix({ n: 30, seed: 'x' }).data[1]);
  });

  it('scales heavy tails by N^(−1/μ) below μ = 2 and to unit variance above', () => {
    expect(wignerEntryScale(1000, 'pareto', 1.5)).toBeCloseTo(1000 ** (-1 / 1.5), 15);
    expect(wignerEntryScale(1000, 'pareto', 3)).toBeCloseTo(1 / Math.sqrt(3 * 1000), 15); // variance μ/(μ − 2)
    expect(wignerEntryScale(1000, 'stable', 2)).toBeCloseTo(1 / Math.sqrt(2 * 1000), 15); // N(0, 2)
    expect(wignerEntryScale(1000, null, null)).toBeCloseTo(1 / Math.sqrt(1000), 15);
    // Student-t with ν = 5 has variance 5/3: the scaled matrix's off-diagonal variance is 1/N.
    expect(elementVariance('student-t', 5, 1)).toBeCloseTo(5 / 3, 15);
  });
});

describe('wignerEigenvalues', () => {
  it('a dense GOE spectrum at N = 1000 passes a KS test against the semicircle', () => {
    const values = wignerEigenvalues({ n: 1000, seed: 3 });
    // Rigid spectrum: sup|F_N − F| = O(log N/N), inside the iid 1% critical value 1.628/√N = 0.051.
    const d = ksDistance(values, (x) => semicircleCdf(x));
    expect(d).toBeLessThan(ksCritical(1000));
    expect(d).toBeLessThan((5 * Math.log(1000)) / 1000);
  });

  it('dense GOE λ_max follows TW₁ after the Wigner scaling (300 draws at N = 200)', () => {
    const n = 200;
    const { center, scale } = wignerEdge(n);
    const s: number[] = [];
    for (let r = 0; r < 300; r++) {
      const v = wignerEigenvalues({ n, seed: `goe-edge-${r}` });
      s.push((v[n - 1] - center) / scale);
    }
    const sorted = Float64Array.from(s).sort();
    const cdf = twCurve(sorted, 1).cdf;
    let d = 0;
    for (let i = 0; i < s.length; i++) d = Math.max(d, (i + 1) / s.length - cdf[i], cdf[i] - i / s.length);
    // 1% critical value 0.094 for 300 draws; the O(N^(−2/3)) finite-size shift at N = 200 is below 0.04 in CDF.
    expect(d).toBeLessThan(ksCritical(300));
  });

  it('the tridiagonal top k equals the top of the full tridiagonal spectrum', () => {
    const full = wignerEigenvalues({ n: 2000, beta: 2, seed: 5 });
    const top = wignerLargestEigenvalues({ n: 2000, beta: 2, seed: 5, k: 4 });
    for (let i = 0; i < 4; i++) expect(Math.abs(top[i] - full[1996 + i])).toBeLessThan(1e-13);
    expect(meanSe(Array.from(full)).mean).toBeLessThan(0.1);
  });

  it.each([
    [{ n: 10, seed: 1, method: 'dense' as const, beta: 2 }, 'beta'],
    [{ n: 10, seed: 1, method: 'tridiagonal' as const, tail: 'pareto' as const, mu: 1 }, 'tail'],
    [{ n: 10, seed: 1, tail: 'lomax' as 'pareto', mu: 1 }, 'tail'],
    [{ n: 10, seed: 1, tail: 'stable' as const, mu: 3 }, 'mu'],
    [{ n: 10, seed: 1, tail: 'pareto' as const }, 'mu'],
    [{ n: 10, seed: 1, mu: 1 }, 'mu'],
    [{ n: 10_001, seed: 1 }, 'n'],
    [{ n: 100_001, beta: 2, seed: 1 }, 'n'],
    [{ n: 10, seed: 1, beta: -1 }, 'beta'],
  ])('refuses %j, naming %s, before allocating', (params, name) => {
    expect(() => resolveWignerParams(params)).toThrow(ParameterError);
    expect(() => resolveWignerParams(params)).toThrow(`invalid ${name}`);
  });
});
