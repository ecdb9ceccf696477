import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { generate } from '../../../src/core/ensembles/index.js';
import { fitMarchenkoPastur } from '../../../src/core/fit/index.js';
import { esd } from '../../../src/core/linalg/index.js';
import { johnstone, mpCdf, mpEdges, mpQuantile, twQuantile } from '../../../src/core/theory/index.js';

/** The exact MP quantiles at (i − ½)/M: an ESD with no randomness at all. */
function quantileSpectrum(m: number, q: number, sigma: number): Float64Array {
  return Float64Array.from({ length: m }, (_, i) => mpQuantile((i + 0.5) / m, q, sigma));
}

describe('fitMarchenkoPastur: closed forms', () => {
  it('recovers σ exactly from the MP quantile spectrum, with no spike', () => {
    const x = quantileSpectrum(300, 2, 1.3);
    const fit = fitMarchenkoPastur(x, { q: 2 });
    expect(fit.sigma_mp).toBeCloseTo(1.3, 10);
    expect(fit.num_spikes).toBe(0);
    expect(fit.lambda_plus).toBeCloseTo(mpEdges(2, 1.3).lambdaPlus, 10);
    expect(fit.mp_softrank).toBeCloseTo(fit.lambda_plus / x[299], 12);
    // Quantiles at (i − ½)/M: the KS distance to the exact CDF is 1/(2M).
    expect(fit.mp_ks).toBeCloseTo(1 / 600, 10);
  });

  it('excludes outliers: three huge values are the spikes and leave σ unchanged to O(k/M)', () => {
    const bulk = quantileSpectrum(297, 4, 1);
    const x = Float64Array.from([...bulk, 10, 20, 40]);
    const fit = fitMarchenkoPastur(x, { q: 4 });
    expect(fit.num_spikes).toBe(3);
    expect(fit.bulk_size).toBe(297);
    expect(fit.sigma_mp).toBeCloseTo(1, 10);
    expect(fit.mp_softrank).toBeCloseTo(mpEdges(4, 1).lambdaPlus / 40, 10);
  });

  it("'none' eigenvalues (WᵀW) give the same σ and N-times larger edges", () => {
    const x = quantileSpectrum(200, 2, 0.7);
    const n = 400;
    const a = fitMarchenkoPastur(x, { q: 2 });
    const b = fitMarchenkoPastur(x.map((v) => v * n), { q: 2, n, normalization: 'none' });
    expect(b.sigma_mp).toBeCloseTo(a.sigma_mp, 12);
    expect(b.lambda_plus / n).toBeCloseTo(a.lambda_plus, 12);
    expect(b.tw_scale / n).toBeCloseTo(a.tw_scale, 12);
    expect(b.num_spikes).toBe(a.num_spikes);
  });

  it('its KS distance is the bulk ECDF against mpCdf', () => {
    const x = quantileSpectrum(100, 3, 1).map((v, i) => v * (1 + 0.02 * Math.sin(i)));
    const fit = fitMarchenkoPastur(x, { q: 3 });
    const s = Float64Array.from(x).sort();
    let d = 0;
    for (let i = 0; i < fit.bulk_size; i++) {
      const f = mpCdf(s[i], 3, fit.sigma_mp);
      d = Math.max(d, Math.abs(f - i / fit.bulk_size), Math.abs(f - (i + 1) / fit.bulk_size));
    }
    expect(fit.mp_ks).toBeCloseTo(d, 14);
  });

  it('rejects bad input', () => {
    expect(() => fitMarchenkoPastur(new Float64Array(9).fill(1), { q: 2 })).toThrow(ParameterError);
    expect(() => fitMarchenkoPastur(Float64Array.from({ length: 20 }, (_, i) => (i === 3 ? NaN : i + 1)), { q: 2 })).toThrow(ParameterError);
    expect(() => fitMarchenkoPastur(Float64Array.from({ length: 20 }, (_, i) => i - 5), { q: 2 })).toThrow(ParameterError);
    expect(() => fitMarchenkoPastur(quantileSpectrum(50, 2, 1), { q: 0.5 })).toThrow(ParameterError);
    expect(() => fitMarchenkoPastur(new Float64Array(50), { q: 2 })).toThrow(/central/);
  });
});

describe('fitMarchenkoPastur: generated matrices', () => {
  it('recovers σ on Gaussian W (400×200) to 1 %', () => {
    // Bulk eigenvalues are rigid: over 20 draws the SD of σ̂ was 0.0025 (0.25 %); 0.01 is 4 SD.
    for (let seed = 0; seed < 5; seed++) {
      const { W } = generate({ ensemble: 'gaussian', n: 400, m: 200, sigma: 0.5, seed });
      expect(Math.abs(fitMarchenkoPastur(esd(W), { q: 2 }).sigma_mp / 0.5 - 1)).toBeLessThan(0.01);
    }
  });

  it('counts the detached BBP spikes and recovers σ of the bulk on spiked W', () => {
    // ℓ = 4 and 8 at Q = 2 put the outliers ~35 and ~130 TW scales above the edge: detection is certain, and a
    // spurious third spike has probability ≈ 1 % per draw (the test level), so 10 draws all give 2 with P ≈ 0.9;
    // the measured false-positive rate is lower (1 in 300 draws), P(all 10 exact) ≈ 0.97.
    for (let seed = 0; seed < 10; seed++) {
      const { W, truth } = generate({ ensemble: 'spiked', n: 400, m: 200, spikes: [4, 8], seed });
      const fit = fitMarchenkoPastur(esd(W), { q: 2 });
      expect(fit.num_spikes).toBe(truth.bbp.filter((b) => b.detached).length);
      // The spikes shift the bulk's ranks by k/M = 1 %: σ̂ is low by ≈ 0.5 % (measured −0.46 % ± 0.2 %).
      expect(Math.abs(fit.sigma_mp - 1)).toBeLessThan(0.015);
    }
  });

  it('has a false-positive rate near its 1 % level on pure Gaussian W', () => {
    // 200 draws at 200×100: at the nominal 1 % the count is Binomial(200, 0.01), P(count ≥ 7) = 0.5 %.
    // Johnstone's centring is conservative at this size (measured: 1 in 300).
    let positives = 0;
    for (let s = 0; s < 200; s++) {
      const { W } = generate({ ensemble: 'gaussian', n: 200, m: 100, seed: `fp/${s}` });
      if (fitMarchenkoPastur(esd(W), { q: 2 }).num_spikes > 0) positives++;
    }
    expect(positives).toBeLessThanOrEqual(6);
  });
});

describe('fitMarchenkoPastur: pooled matrices', () => {
  /** The eigenvalues of k independent Gaussian N×M matrices, pooled and sorted. */
  function pool(k: number, n: number, m: number, seed: string): Float64Array {
    const all: number[] = [];
    for (let i = 0; i < k; i++) all.push(...esd(generate({ ensemble: 'gaussian', n, m, seed: `${seed}/${i}` }).W));
    return Float64Array.from(all).sort();
  }

  it("uses one N×M matrix's Johnstone edge and tests the largest of k at the stated level", () => {
    const x = pool(9, 80, 40, 'pool');
    const fit = fitMarchenkoPastur(x, { q: 2, n: 80, matrices: 9 });
    expect(fit).toMatchObject({ M: 40, N: 80, matrices: 9 });
    const edge = johnstone(80, 40, { beta: 1, sigma: fit.sigma_mp });
    expect(fit.tw_center).toBeCloseTo(edge.center, 12);
    expect(fit.tw_scale).toBeCloseTo(edge.scale, 12);
    // P(max of 9 TW₁ ≤ z) = F(z)^9 = 0.99.
    expect(fit.spike_threshold).toBeCloseTo(edge.center + edge.scale * twQuantile(0.99 ** (1 / 9), 1), 9);
    // The bulk of 9 pooled matrices is one MP law: σ̂ within 1 % (the single-matrix SD at M = 40 is ≈ 1 %/3).
    expect(Math.abs(fit.sigma_mp - 1)).toBeLessThan(0.01);
  });

  it('keeps the false-positive rate of the whole pool near its 1 % level', () => {
    // 100 pools of 9 Gaussian 80×40 matrices: at the nominal 1 % the count is Binomial(100, 0.01), P(≥ 6) = 0.05 %.
    // Testing each matrix at 1 % instead would flag 1 − 0.99⁹ = 8.6 % of the pools (P(≤ 5 of 100) = 13 %).
    let positives = 0;
    for (let s = 0; s < 100; s++) {
      if (fitMarchenkoPastur(pool(9, 80, 40, `fp-pool/${s}`), { q: 2, n: 80, matrices: 9 }).num_spikes > 0) positives++;
    }
    expect(positives).toBeLessThanOrEqual(5);
  });

  it('refuses a pool size that does not divide the number of eigenvalues', () => {
    expect(() => fitMarchenkoPastur(quantileSpectrum(50, 2, 1), { q: 2, matrices: 3 })).toThrow(/matrices/);
    expect(() => fitMarchenkoPastur(quantileSpectrum(50, 2, 1), { q: 2, matrices: 0 })).toThrow(ParameterError);
  });
});
