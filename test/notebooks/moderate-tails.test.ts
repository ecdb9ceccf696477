import { describe, expect, it } from 'vitest';
import { tCritical } from '../../notebooks/13-moderate-tails.js';

describe('notebook 13: tCritical', () => {
  // scipy.stats.t.ppf(0.975, df) (SciPy 1.x), the two-sided 95% critical values.
  it.each([
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [3, 3.1824463052837078],
    [4, 2.7764451051977934],
    [5, 2.5705818356363146],
    [6, 2.4469118511449786],
    [11, 2.200985160091639],
  ])('matches SciPy at df = %i', (df, expected) => {
    expect(Math.abs(tCritical(0.95, df) - expected) / expected).toBeLessThan(1e-12);
  });

  it('tends to the normal quantile as df grows, and is the Cauchy quantile at df = 1', () => {
    expect(tCritical(0.95, 10_000)).toBeCloseTo(1.959963984540054, 3);
    expect(tCritical(0.5, 1)).toBeCloseTo(1, 12); // P(|T1| ≤ 1) = 1/2: tan(π/4)
  });

  it('refuses a level outside (0, 1) or a df that is not a positive integer', () => {
    expect(() => tCritical(1, 3)).toThrow(RangeError);
    expect(() => tCritical(0.95, 0)).toThrow(RangeError);
    expect(() => tCritical(0.95, 2.5)).toThrow(RangeError);
  });
});
