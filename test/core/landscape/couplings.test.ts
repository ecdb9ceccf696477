import { describe, expect, it } from 'vitest';
import { symmetricMatrix, symmetricScale } from '../../../src/core/ensembles/index.js';
import { drawInstance, overlap, resolveLandscape, type CouplingLaw } from '../../../src/core/landscape/index.js';
import { createStream } from '../../../src/core/random/index.js';

function upper(J: Float64Array, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out.push(J[i * n + j]);
  return out;
}

function draw(couplings: CouplingLaw, n: number, mu?: number, planted = 0, seed: number | string = 1) {
  return drawInstance(resolveLandscape({ couplings, mu, n, planted, seed, method: 'quench' }), 0);
}

describe('coupling matrices', () => {
  it('are symmetric with a zero diagonal and reproducible from the seed', () => {
    for (const law of ['gaussian', 'pareto', 'student-t', 'stable'] as const) {
      const mu = law === 'gaussian' ? undefined : 1.5;
      const { J, n } = draw(law, 50, mu);
      for (let i = 0; i < n; i++) {
        expect(J[i * n + i]).toBe(0);
        for (let j = 0; j < i; j++) expect(J[i * n + j]).toBe(J[j * n + i]);
      }
      expect(draw(law, 50, mu).J).toEqual(J);
      expect(draw(law, 50, mu, 0, 2).J).not.toEqual(J);
    }
  });

  it('have off-diagonal variance 1/N when the law has a finite variance (SK normalisation)', () => {
    // m = N(N−1)/2 entries; the sample variance has SE σ²√((κ − 1)/m), κ the kurtosis (3 Gaussian, 6 for
    // Student-t with ν = 6, 3 for stable μ = 2 which is Gaussian): 4 SE.
    const n = 400;
    const m = (n * (n - 1)) / 2;
    for (const [law, mu, kurtosis] of [['gaussian', undefined, 3], ['student-t', 6, 6], ['stable', 2, 3]] as const) {
      const x = upper(draw(law, n, mu).J, n);
      const variance = x.reduce((s, v) => s + v * v, 0) / m;
      expect(variance * n, law).toBeCloseTo(1, 1);
      expect(Math.abs(variance * n - 1)).toBeLessThan(4 * Math.sqrt((kurtosis - 1) / m));
    }
  });

  it('scale heavy tails by N^(−1/μ) when the variance is infinite (Cizeau–Bouchaud)', () => {
    // Symmetric Pareto-I: P(|x| > t) = t^(−μ) for t ≥ 1, so P(|J_ij|·N^(1/μ) > 2) = 2^(−μ); binomial SE, 4 SE.
    const n = 300;
    const mu = 1.5;
    const x = upper(draw('pareto', n, mu).J, n).map((v) => Math.abs(v) * n ** (1 / mu));
    expect(Math.min(...x)).toBeGreaterThanOrEqual(1 - 1e-12);
    const p = 2 ** -mu;
    const frac = x.filter((v) => v > 2).length / x.length;
    expect(Math.abs(frac - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / x.length));
    expect(symmetricScale('pareto', 1.5, 100)).toBeCloseTo(100 ** (-1 / 1.5), 15);
    expect(symmetricScale('pareto', 3, 100)).toBeCloseTo(1 / Math.sqrt(3 * 100), 15); // variance μ/(μ−2) = 3
    expect(symmetricScale('student-t', 2, 100)).toBeCloseTo(0.1, 15); // ν = 2: infinite variance, N^(−1/2)
  });

  it('add the planted pattern (λ/N)ξξᵀ to the same base couplings', () => {
    const n = 40;
    const base = draw('gaussian', n);
    const planted = draw('gaussian', n, undefined, 2);
    expect(base.planted).toBeNull();
    const xi = planted.planted!;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const expected = i === j ? 0 : base.J[i * n + j] + (2 / n) * xi[i] * xi[j];
        expect(planted.J[i * n + j]).toBeCloseTo(expected, 14);
      }
    }
    expect(overlap(xi, xi)).toBe(1);
  });

  it('can draw the diagonal too (the Wigner convention) from the same stream', () => {
    const a = symmetricMatrix(createStream(5), { law: 'gaussian', n: 6, diagonal: 'iid' });
    const b = symmetricMatrix(createStream(5), { law: 'gaussian', n: 6, diagonal: 'zero' });
    for (let i = 0; i < 6; i++) expect(a.data[i * 6 + i]).not.toBe(0);
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) if (i !== j) expect(a.data[i * 6 + j]).toBe(b.data[i * 6 + j]);
  });

  it('refuses laws and tail exponents that do not fit', () => {
    expect(() => symmetricMatrix(createStream(1), { law: 'lomax' as never, n: 4, diagonal: 'zero' })).toThrow(/law/);
    expect(() => symmetricMatrix(createStream(1), { law: 'stable', mu: 2.5, n: 4, diagonal: 'zero' })).toThrow(/mu/);
    expect(() => symmetricMatrix(createStream(1), { law: 'pareto', n: 4, diagonal: 'zero' })).toThrow(/mu/);
    expect(() => symmetricMatrix(createStream(1), { law: 'gaussian', n: 0, diagonal: 'zero' })).toThrow(/n/);
    // Tiny μ: entries beyond float64, or a scale N^(−1/μ) that underflows to 0 (a matrix of zeros).
    expect(() => symmetricMatrix(createStream(1), { law: 'pareto', mu: 0.01, n: 100, diagonal: 'iid' })).toThrow(/invalid mu.*beyond float64/);
    expect(() => symmetricScale('pareto', 0.001, 100)).toThrow(/invalid mu/);
  });
});
