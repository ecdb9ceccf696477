import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { hermiteEigenvalues, hermiteHistogram, hermiteLargestEigenvalues, tridiagonalEigenvalues } from '../../../src/core/linalg/index.js';
import { createStream } from '../../../src/core/random/index.js';
import { semicircleCdf, twCurve, twMoments, wignerEdge, type TracyWidomBeta } from '../../../src/core/theory/index.js';
import { ksCritical, ksDistance, meanSe } from '../../../src/core/stats/index.js';

describe('hermiteEigenvalues (β-Hermite model, Wigner scale)', () => {
  // Exact moments of one draw: tr H = Σ d_i/√(βn) with d_i ~ N(0, 2), so E m1 = 0 and sd(m1) = √(2/β)/n;
  // E tr H² = (2n + βn(n−1))/(βn), so E m2 = (n − 1)/n + 2/(βn) (the semicircle's 1 as n → ∞).
  it.each([1, 2, 4, 0.5])('β = %s: first two moments against their exact finite-n values', (beta) => {
    const [n, draws] = [200, 60];
    const stream = createStream('hermite-moments', String(beta));
    const m1: number[] = [];
    const m2: number[] = [];
    for (let r = 0; r < draws; r++) {
      const x = hermiteEigenvalues(stream, { n, beta });
      m1.push(x.reduce((a, v) => a + v, 0) / n);
      m2.push(x.reduce((a, v) => a + v * v, 0) / n);
    }
    const a = meanSe(m1);
    const b = meanSe(m2);
    // 4 SE of the mean over 60 draws; the SE of m1 is also known exactly.
    expect(Math.abs(a.mean)).toBeLessThan((4 * Math.sqrt(2 / beta)) / n / Math.sqrt(draws));
    expect(Math.abs(b.mean - ((n - 1) / n + 2 / (beta * n)))).toBeLessThan(4 * b.se);
  });

  it('one GOE and one GUE spectrum at n = 2000 pass a KS test against the semicircle', () => {
    // A Wigner spectrum is rigid: sup|F_n − F| = O(log n / n), far inside the iid 1% critical value 1.628/√n.
    for (const beta of [1, 2]) {
      const x = hermiteEigenvalues(createStream('hermite-ks', beta), { n: 2000, beta });
      const d = ksDistance(x, (v) => semicircleCdf(v));
      expect(d).toBeLessThan(ksCritical(2000));
      expect(d).toBeLessThan((5 * Math.log(2000)) / 2000);
    }
  });

  it('equals the dense eigenvalues of the same tridiagonal matrix', () => {
    // The same draw through the general tridiagonal solver: the stream gives d₀, e₀, d₁, … (see hermite.ts).
    const values = hermiteEigenvalues(createStream(9, 'same'), { n: 300, beta: 2 });
    expect(values.length).toBe(300);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
    expect(tridiagonalEigenvalues(Float64Array.of(1), new Float64Array(0))[0]).toBe(1);
  });
});

describe('hermiteLargestEigenvalues', () => {
  it.each([1, 2, 4])('β = %i: the leading block gives the full model\'s top k to rounding (n = 3000, k ≤ 100)', (beta) => {
    const n = 3000;
    const full = hermiteEigenvalues(createStream(3, beta), { n, beta });
    for (const k of [1, 10, 100]) {
      const top = hermiteLargestEigenvalues(createStream(3, beta), { n, beta, k });
      for (let i = 0; i < k; i++) expect(Math.abs(top[i] - full[n - k + i])).toBeLessThan(2e-13);
    }
  });

  it.each([1, 2, 4] as TracyWidomBeta[])('β = %i: λ_max at n = 5000 follows TW_β after the Wigner scaling', (beta) => {
    const n = 5000;
    const draws = 2000;
    const { center, scale } = wignerEdge(n, { beta });
    const s: number[] = [];
    for (let r = 0; r < draws; r++) s.push((hermiteLargestEigenvalues(createStream('tw', beta, r), { n, beta, k: 1 })[0] - center) / scale);
    const sorted = Float64Array.from(s).sort();
    const cdf = twCurve(sorted, beta).cdf;
    let d = 0;
    for (let i = 0; i < draws; i++) d = Math.max(d, (i + 1) / draws - cdf[i], cdf[i] - i / draws);
    // Kolmogorov's 1% critical value for 2000 draws is 0.036. The finite-size error of the scaling is O(n^(−2/3))
    // in s: measured with 6000 draws at n = 10⁴, KS distances of 0.009 (β = 4) and mean shifts of ~0.04 (β = 1).
    // Without the factor 2^(−1/6) in the β = 4 scale the mean is off by 0.26 (measured at n = 10⁴).
    expect(d).toBeLessThan(ksCritical(draws));
    const m = meanSe(s);
    expect(Math.abs(m.mean - twMoments(beta).mean)).toBeLessThan(4 * m.se + 0.05);
  });

  it('reaches sizes no full solve could: the top 3 at n = 10⁶ from a block of 1324 rows', () => {
    const top = hermiteLargestEigenvalues(createStream(1), { n: 1e6, beta: 1, k: 3 });
    // (λ − 2)·n^(2/3) is O(1): the three largest sit within a few TW scales of 2.
    for (const v of top) expect(Math.abs((v - 2) * 1e4)).toBeLessThan(10);
  });
});

describe('hermiteHistogram', () => {
  it('counts exactly the eigenvalues of the same draw', () => {
    const values = hermiteEigenvalues(createStream(5, 'h'), { n: 1500, beta: 4 });
    const edges = Array.from({ length: 31 }, (_, j) => -2.2 + (j * 4.4) / 30 + 1e-7 * Math.PI);
    const h = hermiteHistogram(createStream(5, 'h'), { n: 1500, beta: 4, edges });
    const expected = new Float64Array(30);
    let [below, above] = [0, 0];
    for (const v of values) {
      if (v < edges[0]) below++;
      else if (v >= edges[30]) above++;
      else expected[edges.filter((x) => x <= v).length - 1]++;
    }
    expect(Array.from(h.counts)).toEqual(Array.from(expected));
    expect([h.below, h.above]).toEqual([below, above]);
  });

  it('gives the semicircle at n = 10⁶', () => {
    const n = 1_000_000;
    const edges = Array.from({ length: 101 }, (_, j) => -2 + (4 * j) / 100);
    const h = hermiteHistogram(createStream(1, 'big'), { n, edges });
    // Counts are rigid (fluctuations O(√log n) eigenvalues) and the bias of the bulk CDF is O(1/n): each bin
    // fraction is within ~1e-5 of the semicircle; allow 1e-4.
    for (let j = 0; j < 100; j++) {
      const theory = semicircleCdf(edges[j + 1]) - semicircleCdf(edges[j]);
      expect(Math.abs(h.counts[j] / n - theory)).toBeLessThan(1e-4);
    }
    expect(h.below + h.above).toBeLessThan(20);
  });

  it('refuses bad sizes, β and edges', () => {
    const s = createStream(1);
    expect(() => hermiteEigenvalues(s, { n: 0 })).toThrow(ParameterError);
    expect(() => hermiteEigenvalues(s, { n: 10, beta: 0 })).toThrow(ParameterError);
    expect(() => hermiteEigenvalues(s, { n: 1e9 })).toThrow(ParameterError);
    expect(() => hermiteLargestEigenvalues(s, { n: 10, k: 11 })).toThrow(ParameterError);
    expect(() => hermiteHistogram(s, { n: 10, edges: [1, 0] })).toThrow(ParameterError);
  });
});
