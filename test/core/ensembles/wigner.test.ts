import { describe, expect, it } from 'vitest';
import { LAWS, symmetricScale, resolveWignerParams, wignerEigenvalues, wignerHistogram, wignerLargestEigenvalues, wignerMatrix } from '../../../src/core/ensembles/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { semicircleCdf } from '../../../src/core/theory/index.js';
import { ksCritical, ksDistance, meanSe } from '../../../src/core/stats/index.js';

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
    expect(symmetricScale('pareto', 1.5, 1000)).toBeCloseTo(1000 ** (-1 / 1.5), 15);
    expect(symmetricScale('pareto', 3, 1000)).toBeCloseTo(1 / Math.sqrt(3 * 1000), 15); // variance μ/(μ − 2)
    expect(symmetricScale('stable', 2, 1000)).toBeCloseTo(1 / Math.sqrt(2 * 1000), 15); // N(0, 2)
    expect(symmetricScale('gaussian', null, 1000)).toBeCloseTo(1 / Math.sqrt(1000), 15);
    // Student-t with ν = 5 has variance 5/3: the scaled matrix's off-diagonal variance is 1/N.
    expect(LAWS['student-t'].variance(5, 1)).toBeCloseTo(5 / 3, 15);
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

  it('dense GOE λ_max has the law of the β = 1 tridiagonal model (300 against 4000 draws at N = 200)', () => {
    // Dumitriu–Edelman: the β = 1 Hermite model has exactly the GOE eigenvalue law at every N, so the comparison
    // has no finite-size bias (against TW₁ it would: the mean of N^(2/3)(λ_max − 2) at N = 200 is about −1.45,
    // measured, against TW₁'s −1.21; TW at large N is checked on the tridiagonal model in hermite.test.ts).
    const n = 200;
    const reference = Float64Array.from({ length: 4000 }, (_, r) => wignerLargestEigenvalues({ n, beta: 1, k: 1, seed: `goe-ref-${r}` })[0]).sort();
    const empirical = (x: number) => {
      let lo = 0;
      let hi = reference.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (reference[mid] <= x) lo = mid + 1;
        else hi = mid;
      }
      return lo / reference.length;
    };
    const dense = Array.from({ length: 300 }, (_, r) => wignerEigenvalues({ n, seed: `goe-edge-${r}` })[n - 1]);
    // Two-sample KS at 1%: 1.628·√(1/300 + 1/4000).
    expect(ksDistance(dense, empirical)).toBeLessThan(ksCritical(300) * Math.sqrt(1 + 300 / 4000));
    // The test has power: the same draws scaled by 1.02 (the edge moved by 0.04, 1.4 TW units at N = 200) fail it.
    expect(ksDistance(dense.map((x) => 1.02 * x), empirical)).toBeGreaterThan(ksCritical(300) * Math.sqrt(1 + 300 / 4000));
  });

  it('the tridiagonal top k equals the top of the full tridiagonal spectrum', () => {
    const full = wignerEigenvalues({ n: 2000, beta: 2, seed: 5 });
    const top = wignerLargestEigenvalues({ n: 2000, beta: 2, seed: 5, k: 4 });
    for (let i = 0; i < 4; i++) expect(Math.abs(top[i] - full[1996 + i])).toBeLessThan(1e-13);
    expect(meanSe(Array.from(full)).mean).toBeLessThan(0.1);
  });

  it('β = 1: the top k are those of the tridiagonal spectrum (method: "tridiagonal"), not of the default dense draw', () => {
    const p = { n: 500, seed: 'top-k', beta: 1 };
    const top = wignerLargestEigenvalues({ ...p, k: 3 });
    const tridiagonal = wignerEigenvalues({ ...p, method: 'tridiagonal' });
    for (let i = 0; i < 3; i++) expect(Math.abs(top[i] - tridiagonal[497 + i])).toBeLessThan(1e-13);
    // The default for β = 1 is the dense GOE H: another random matrix of the same law, with another λ_max.
    const dense = wignerEigenvalues(p);
    expect(Math.abs(top[2] - dense[499])).toBeGreaterThan(1e-6);
    // The histogram counts the same tridiagonal spectrum.
    const edges = [-3, -1, 0, 1, 3];
    const h = wignerHistogram({ ...p, edges });
    const count = (lo: number, hi: number) => tridiagonal.filter((x) => x >= lo && x < hi).length;
    expect(Array.from(h.counts)).toEqual([count(-3, -1), count(-1, 0), count(0, 1), count(1, 3)]);
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

describe('resolveWignerParams at extreme β', () => {
  it('refuses a β whose β·N overflows with the largest β allowed at that N', () => {
    expect(() => resolveWignerParams({ n: 200, beta: 1.7e308, seed: 1 })).toThrow(/invalid beta: 1\.7e\+308 .*allowed: a number 0 < β ≤ 8\.98e\+305 at N = 200/);
    expect(resolveWignerParams({ n: 200, beta: 8.98e305, seed: 1 }).beta).toBe(8.98e305);
    expect(() => resolveWignerParams({ n: 200, beta: 0, seed: 1 })).toThrow('allowed: a number β > 0 (1 with the dense method)');
    expect(() => resolveWignerParams({ n: 200, beta: Infinity, seed: 1 })).toThrow(ParameterError);
  });
});
