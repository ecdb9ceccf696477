import { describe, expect, it } from 'vitest';
import { createStream, fillNormal } from '../../../src/core/random/index.js';
import { integratedAutocorrelation, meanSe, summarizeSeries } from '../../../src/core/stats/index.js';

function ar1(phi: number, length: number, seed: string): Float64Array {
  const noise = fillNormal(createStream(seed), new Float64Array(length));
  const x = new Float64Array(length);
  x[0] = noise[0]! / Math.sqrt(1 - phi * phi);
  for (let t = 1; t < length; t++) x[t] = phi * x[t - 1]! + noise[t]!;
  return x;
}

describe('integratedAutocorrelation (Sokal window)', () => {
  it('gives ½ for white noise', () => {
    // Sokal's variance of the estimate: 2(2W + 1)/n · τ² with W ≈ 6·½ → SE ≈ 0.01 for n = 10^5.
    const { tau, reliable } = integratedAutocorrelation(ar1(0, 100_000, 'white'));
    expect(reliable).toBe(true);
    expect(Math.abs(tau - 0.5)).toBeLessThan(0.04);
  });

  it('gives (1 + φ)/(2(1 − φ)) for an AR(1) series', () => {
    // φ = 0.8: τ_int = 4.5; W ≈ 27, SE ≈ τ·√(2(2W + 1)/n) = 4.5·√(110/10^5) ≈ 0.15; tolerance 3 SE. The window
    // truncation biases τ down by about τ·φ^W/(1 − φ) ≈ 10^−2, negligible.
    const { tau } = integratedAutocorrelation(ar1(0.8, 100_000, 'ar1'));
    expect(Math.abs(tau - 4.5)).toBeLessThan(0.45);
  });

  it('handles constant and short series', () => {
    expect(integratedAutocorrelation(new Float64Array(50).fill(3)).tau).toBe(0.5);
    expect(integratedAutocorrelation([1]).reliable).toBe(false);
  });

  it('corrects the standard error of the mean for correlations', () => {
    // For φ = 0.8 the naive SE is too small by √(2τ) = 3; the corrected one matches the spread of 40 means of
    // independent series (relative SE of that spread: 1/√(2·39) ≈ 11 %; tolerance 35 %).
    const means: number[] = [];
    const ses: number[] = [];
    for (let k = 0; k < 40; k++) {
      const s = summarizeSeries(ar1(0.8, 5000, `spread-${k}`));
      means.push(s.mean);
      ses.push(s.se);
    }
    const spread = meanSe(means).se * Math.sqrt(40);
    const typical = ses.reduce((a, b) => a + b, 0) / 40;
    expect(Math.abs(typical / spread - 1)).toBeLessThan(0.35);
  });
});
