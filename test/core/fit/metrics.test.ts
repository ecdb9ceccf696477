import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { spectralMetrics } from '../../../src/core/fit/index.js';

describe('spectralMetrics: definitions on hand-checkable spectra', () => {
  it('matches the formulas on λ = 1, 2, 3, 4 with α = 2', () => {
    const m = spectralMetrics([3, 1, 4, 2], 2);
    expect(m.log_norm).toBeCloseTo(Math.log10(10), 14);
    expect(m.log_spectral_norm).toBeCloseTo(Math.log10(4), 14);
    expect(m.alpha_weighted).toBeCloseTo(2 * Math.log10(4), 14);
    expect(m.log_alpha_norm).toBeCloseTo(Math.log10(1 + 4 + 9 + 16), 14);
    expect(m.stable_rank).toBeCloseTo(2.5, 14);
    const h = -[0.1, 0.2, 0.3, 0.4].reduce((a, p) => a + p * Math.log(p), 0) / Math.log(4);
    expect(m.entropy).toBeCloseTo(h, 14);
    expect(m.rank_loss).toBe(0);
    expect(m.zero_fraction).toBe(0);
  });

  it('counts zero eigenvalues in the rank and the entropy normalisation', () => {
    const m = spectralMetrics([0, 1e-20, 5, 5], 3);
    expect(m.rank_loss).toBe(2);
    expect(m.zero_fraction).toBe(0.5);
    expect(m.entropy).toBeCloseTo(1, 14); // uniform over the two nonzero eigenvalues
    expect(spectralMetrics([0, 0, 7], 2).entropy).toBe(0); // rank one: fully concentrated
  });

  it('is invariant under permutation and shifts the norms by log10 c under scaling by c', () => {
    const x = [0.3, 2.5, 1.1, 7.9, 0.05];
    const a = spectralMetrics(x, 2.7);
    const b = spectralMetrics([...x].reverse(), 2.7);
    // Summation order differs: equal up to rounding.
    for (const key of Object.keys(a) as (keyof typeof a)[]) expect(b[key]).toBeCloseTo(a[key], 13);
    const c = 1e3;
    const s = spectralMetrics(x.map((v) => v * c), 2.7);
    expect(s.log_norm - a.log_norm).toBeCloseTo(3, 12);
    expect(s.log_spectral_norm - a.log_spectral_norm).toBeCloseTo(3, 12);
    expect(s.log_alpha_norm - a.log_alpha_norm).toBeCloseTo(3 * 2.7, 11);
    expect(s.stable_rank).toBeCloseTo(a.stable_rank, 12);
    expect(s.entropy).toBeCloseTo(a.entropy, 12);
  });

  it('does not overflow for a large α and large eigenvalues', () => {
    const m = spectralMetrics([1e200, 2e200], 5);
    expect(m.log_alpha_norm).toBeCloseTo(Math.log10(1 + 32) + 5 * 200, 10);
  });

  it('gives NaN α-metrics without α and rejects bad spectra', () => {
    const m = spectralMetrics([1, 2], NaN);
    expect(m.alpha_weighted).toBeNaN();
    expect(m.log_alpha_norm).toBeNaN();
    expect(() => spectralMetrics([], 2)).toThrow(ParameterError);
    expect(() => spectralMetrics([0, 0], 2)).toThrow(ParameterError);
    expect(() => spectralMetrics([1, NaN], 2)).toThrow(ParameterError);
    expect(() => spectralMetrics([1, -1], 2)).toThrow(ParameterError);
  });
});

describe('spectralMetrics near the overflow threshold', () => {
  it('rescales by λ_max: Σλ = 4.2e308 overflowed to log_norm ∞ and entropy NaN', () => {
    // mpmath (50 digits) on the doubles 1e308, 1.5e308, 1.7e308: log10 Σλ = 308.62324929039790046,
    // entropy −Σp ln p/ln 3 = 0.97895997303225175392, Σλ/λ_max = 2.4705882352941177161,
    // log10 Σλ² = 616.78816837114116767. Tolerances: a few ulp of each (log10 of a value near 1e308 ~ 1e-16 relative).
    const m = spectralMetrics([1e308, 1.5e308, 1.7e308], 2);
    expect(Math.abs(m.log_norm - 308.62324929039790046)).toBeLessThan(1e-12);
    expect(Math.abs(m.entropy - 0.97895997303225175392)).toBeLessThan(1e-15);
    expect(Math.abs(m.stable_rank - 2.4705882352941177161)).toBeLessThan(1e-15);
    expect(Math.abs(m.log_alpha_norm - 616.78816837114116767)).toBeLessThan(1e-12);
  });
});
