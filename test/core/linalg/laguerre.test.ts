import { describe, expect, it } from 'vitest';
import { esd, laguerreEigenvalues, laguerreHistogram, laguerreLargestEigenvalues } from '../../../src/core/linalg/index.js';
import { laguerreBlockRows } from '../../../src/core/linalg/laguerre.js';
import { meanSe } from '../../../src/core/stats/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { createStream } from '../../../src/core/random/index.js';
import { gaussian } from './reference.js';

function ksDistance(a: Float64Array, b: Float64Array): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let [i, j, d] = [0, 0, 0];
  while (i < x.length && j < y.length) {
    const t = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === t) i++;
    while (j < y.length && y[j] === t) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

function pooled(count: number, sample: (r: number) => Float64Array): Float64Array {
  const parts = Array.from({ length: count }, (_, r) => sample(r));
  const out = new Float64Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('laguerreEigenvalues: moments against exact Wishart moments', () => {
  // Exact finite-size moments of X = WᵀW/N: E m1 = σ²; E m2 = σ⁴(1 + (M+1)/N) (real), σ⁴(1 + M/N) (complex),
  // whose N → ∞ limit is Marchenko–Pastur's σ⁴(1 + 1/Q). sd(m1) = σ²·√(2/(βNM)) exactly.
  it.each([1, 2] as const)('beta = %i, sigma = 1.7, M = 100, Q = 2', (beta) => {
    const [n, m, sigma, replicates] = [200, 100, 1.7, 60];
    const stream = createStream('laguerre-moments', String(beta));
    const m1: number[] = [];
    const m2: number[] = [];
    for (let r = 0; r < replicates; r++) {
      const x = laguerreEigenvalues(stream, { n, m, beta, sigma });
      m1.push(x.reduce((a, v) => a + v, 0) / m);
      m2.push(x.reduce((a, v) => a + v * v, 0) / m);
    }
    const s2 = sigma * sigma;
    const first = meanSe(m1);
    // Expected SE of the mean of m1: σ²·√(2/(βNM))/√60 ≈ 0.0037 (β = 1); 4 SE.
    const sdTheory = s2 * Math.sqrt(2 / (beta * n * m));
    expect(Math.abs(first.mean - s2)).toBeLessThan((4 * sdTheory) / Math.sqrt(replicates));
    expect(first.sd / sdTheory).toBeGreaterThan(0.6); // sample sd of 60 draws: ±9% sd
    expect(first.sd / sdTheory).toBeLessThan(1.4);
    const second = meanSe(m2);
    const exact = s2 * s2 * (1 + (beta === 1 ? m + 1 : m) / n);
    // SE estimated from the replicates (≈ 0.02 here), 4 SE.
    expect(Math.abs(second.mean - exact)).toBeLessThan(4 * second.se);
  });

  it("'none' is N times '1/N' for the same draws, and the output is ascending", () => {
    const a = laguerreEigenvalues(createStream('norm'), { n: 50, m: 30, normalization: 'none' });
    const b = laguerreEigenvalues(createStream('norm'), { n: 50, m: 30 });
    for (let i = 0; i < 30; i++) expect(a[i]).toBeCloseTo(50 * b[i], 10);
    for (let i = 1; i < 30; i++) expect(b[i]).toBeGreaterThanOrEqual(b[i - 1]);
  });
});

describe('laguerreEigenvalues versus dense Gaussian W', () => {
  // Pooled eigenvalues of 10 matrices each (1000 values): the iid two-sample KS critical value at level 0.001 is
  // 1.95·√(2/1000) = 0.087; eigenvalues are more regular than iid draws, so this is conservative.
  const critical = 1.95 * Math.sqrt(2 / 1000);
  const dense = pooled(10, (r) => esd(gaussian(`dense-${r}`, 200, 100)));

  it('has the same law (two-sample KS)', () => {
    const stream = createStream('laguerre-ks');
    const model = pooled(10, () => laguerreEigenvalues(stream, { n: 200, m: 100 }));
    expect(ksDistance(model, dense)).toBeLessThan(critical);
  });

  it('and the KS check does detect a different aspect ratio (Q = 3 against Q = 2)', () => {
    const stream = createStream('laguerre-ks-wrong');
    const model = pooled(10, () => laguerreEigenvalues(stream, { n: 300, m: 100 }));
    expect(ksDistance(model, dense)).toBeGreaterThan(critical);
  });
});

describe('laguerreLargestEigenvalues', () => {
  it('equals the top k of the full model drawn from the same stream', () => {
    const [n, m] = [4000, 2000];
    const full = laguerreEigenvalues(createStream('top', 'same'), { n, m });
    for (const k of [1, 5, 20]) {
      const top = laguerreLargestEigenvalues(createStream('top', 'same'), { n, m, k });
      expect(top.length).toBe(k);
      // The full solve itself carries ~M·eps relative rounding; truncation error is far below it.
      for (let i = 0; i < k; i++) expect(Math.abs(top[i] - full[m - k + i])).toBeLessThan(1e-13 * full[m - 1]);
    }
    expect(laguerreBlockRows(2000, 1)).toBe(Math.ceil(10 * Math.cbrt(2000)));
  });

  // λ_max after Johnstone's centring and scaling (divided by N for the 1/N convention) → Tracy–Widom.
  // 3000 draws: SE of the mean = sd/√3000 ≈ 0.023 (TW1, sd 1.268) and 0.016 (TW2, sd 0.902).
  // Allowance: 4 SE plus a finite-size bias of 0.05 (corrections are O(M^(-2/3)); measured ≈ −0.03 for TW1 and
  // < 0.01 for TW2 at M = 400 with 4000 draws).
  it.each([
    [1, -1.2065335746, 1.268],
    [2, -1.7710868074, 0.902],
  ] as const)('beta = %i: mean of the scaled λ_max is the Tracy–Widom mean %f', (beta, twMean, twSd) => {
    const [n, m, draws, sigma] = [800, 400, 3000, 0.8];
    const shift = beta === 1 ? 1 : 0; // Johnstone's √(n−1) for real data, √n for complex (El Karoui)
    const a = Math.sqrt(n - shift);
    const b = Math.sqrt(m);
    const mu = ((a + b) ** 2 * sigma * sigma) / n;
    const scale = ((a + b) * (1 / a + 1 / b) ** (1 / 3) * sigma * sigma) / n;
    const stream = createStream('tracy-widom', String(beta));
    const xs: number[] = [];
    for (let r = 0; r < draws; r++) {
      xs.push((laguerreLargestEigenvalues(stream, { n, m, beta, sigma, k: 1 })[0] - mu) / scale);
    }
    const { mean, sd } = meanSe(xs);
    expect(Math.abs(mean - twMean)).toBeLessThan(0.05 + (4 * twSd) / Math.sqrt(draws));
    expect(Math.abs(sd - twSd)).toBeLessThan(0.1); // sd of a sample sd ≈ twSd·√(κ−1)/√(2·3000) ≈ 0.02
  });

  it('rejects invalid parameters', () => {
    const s = createStream('bad');
    expect(() => laguerreEigenvalues(s, { n: 5, m: 6 })).toThrow(/N ≥ M/);
    expect(() => laguerreEigenvalues(s, { n: 5, m: 0 })).toThrow(ParameterError);
    expect(() => laguerreEigenvalues(s, { n: 5.5, m: 2 })).toThrow(ParameterError);
    expect(() => laguerreEigenvalues(s, { n: 5, m: 2, beta: 3 as never })).toThrow(ParameterError);
    expect(() => laguerreEigenvalues(s, { n: 5, m: 2, sigma: 0 })).toThrow(ParameterError);
    expect(() => laguerreEigenvalues(s, { n: 5, m: 2, normalization: 'sqrt' as never })).toThrow(ParameterError);
    expect(() => laguerreLargestEigenvalues(s, { n: 5, m: 2, k: 3 })).toThrow(ParameterError);
    expect(() => laguerreLargestEigenvalues(s, { n: 5, m: 2, k: 0 })).toThrow(ParameterError);
  });

  it('handles M = 1 (a single χ² eigenvalue) and M = 2', () => {
    const one = laguerreEigenvalues(createStream('one'), { n: 3, m: 1 });
    expect(one.length).toBe(1);
    expect(one[0]).toBeGreaterThan(0);
    expect(laguerreLargestEigenvalues(createStream('one'), { n: 3, m: 1, k: 1 })[0]).toBe(one[0]);
    expect(laguerreEigenvalues(createStream('two'), { n: 2, m: 2 }).length).toBe(2);
  });
});

describe('the Laguerre model at extreme σ', () => {
  /** Scaling σ by 2^j scales every eigenvalue by 2^(2j) exactly, as long as it stays a normal float64. */
  const scaled = (values: Float64Array, j: number) => Array.from(values, (x) => x * 2 ** j * 2 ** j);

  it.each([
    [-520, 'none' as const, 2 ** 20, 'exact'], // σ² = 2^-1040 underflows; the eigenvalues, about N·σ², do not
    [-505, '1/N' as const, 2 ** 20, 'exact'], // σ²/(βN) underflows; the eigenvalues, about σ² = 2^-1010, do not
    [-100, '1/N' as const, 4, 'exact'], // the ordinary path, for reference
    [-520, '1/N' as const, 4, 'refused'], // eigenvalues about σ² = 2^-1040: below the normal range
    [520, '1/N' as const, 4, 'refused'], // eigenvalues about σ² = 2^1040: above 1.8e308
  ])('σ = 2^%i (%s, N = %i): the σ = 1 spectrum times σ², bit for bit, or %s', (j, normalization, n, outcome) => {
    const options = { n, m: 3, normalization, beta: 2 as const };
    const call = () => laguerreEigenvalues(createStream('extreme'), { ...options, sigma: 2 ** j });
    if (outcome === 'exact') {
      expect(Array.from(call())).toEqual(scaled(laguerreEigenvalues(createStream('extreme'), options), j));
      expect(Array.from(laguerreLargestEigenvalues(createStream('extreme'), { ...options, sigma: 2 ** j, k: 2 }))).toEqual(
        scaled(laguerreLargestEigenvalues(createStream('extreme'), { ...options, k: 2 }), j),
      );
    } else {
      expect(call).toThrow(ParameterError);
      expect(call).toThrow(new RegExp(`invalid sigma: ${String(2 ** j).replace(/[.+]/g, '\\$&')} \\(λ_max would be about \\d(\\.\\d)?e${j < 0 ? '-3' : '3'}\\d\\d; use σ = 1`));
    }
  });

  it('keeps full precision when σ²/(βN) alone is subnormal (σ = 1.1·2^-505, N = 2^20)', () => {
    const sigma = 1.1 * 2 ** -505;
    const options = { n: 2 ** 20, m: 3, beta: 2 as const };
    const unit = laguerreEigenvalues(createStream('subnormal'), options);
    const got = laguerreEigenvalues(createStream('subnormal'), { ...options, sigma });
    // σ² = 1.21·2^-1010 is normal; a factor σ²/(2·2^20) of 2^-1031 would keep only 43 bits (relative error ~1e-13).
    for (let i = 0; i < 3; i++) expect(Math.abs(got[i] / (unit[i] * 1.21 * 2 ** -1010) - 1)).toBeLessThan(1e-15);
  });

  it('refuses σ whose spectrum lies beyond float64 instead of returning Infinity or zeros', () => {
    const s = createStream(1);
    expect(() => laguerreEigenvalues(s, { n: 5, m: 3, sigma: 1e200 })).toThrow(/invalid sigma: 1e\+200 \(λ_max would be about \d(\.\d)?e400/);
    expect(() => laguerreEigenvalues(s, { n: 5, m: 3, sigma: 1e-200 })).toThrow(/invalid sigma: 1e-200 \(λ_max would be about \d(\.\d)?e-400/);
    expect(() => laguerreEigenvalues(s, { n: 5, m: 3, sigma: 1e154, normalization: 'none' })).toThrow(ParameterError);
    expect(() => laguerreLargestEigenvalues(s, { n: 5, m: 3, sigma: 1e200, k: 1 })).toThrow(ParameterError);
  });

  it('counts exactly at any σ: the histogram with edges times σ² is that of σ = 1', () => {
    const edges = [0, 0.5, 1, 2, 4, 8];
    const unit = laguerreHistogram(createStream('h-extreme'), { n: 40, m: 20, edges });
    for (const j of [-530, -520, -500]) {
      const h = laguerreHistogram(createStream('h-extreme'), { n: 40, m: 20, sigma: 2 ** j, edges: edges.map((x) => x * 2 ** j * 2 ** j) });
      expect(Array.from(h.counts)).toEqual(Array.from(unit.counts));
      expect([h.below, h.above]).toEqual([unit.below, unit.above]);
    }
    // σ = 2^520: every eigenvalue (about σ² = 2^1040) lies above any float64 edge, and is counted there.
    const huge = laguerreHistogram(createStream('h-extreme'), { n: 40, m: 20, sigma: 2 ** 520, edges: [0, 1, 1e308] });
    expect([huge.below, ...huge.counts, huge.above]).toEqual([0, 0, 0, 20]);
  });
});
