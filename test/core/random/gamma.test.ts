import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { fillChi, fillGamma, sampleChi, sampleGamma } from '../../../src/core/random/gamma.js';
import { createStream } from '../../../src/core/random/stream.js';
import { erf, ksStatistic, ksThreshold, logGamma, mean, variance } from './statistics.js';

const N_KS = 200_000;

describe('gamma sampler (Marsaglia–Tsang)', () => {
  it('shape 1 is exponential (KS, reject at D > 1.95/√n, p < 1e−3)', () => {
    const g = fillGamma(createStream('gamma', 1), new Float64Array(N_KS), 1);
    expect(ksStatistic(g, (x) => 1 - Math.exp(-x))).toBeLessThan(ksThreshold(N_KS));
  });

  it('shape ½ (boost path) is Z²/2: CDF erf(√x)', () => {
    const g = fillGamma(createStream('gamma', 'shape 0.5'), new Float64Array(N_KS), 0.5);
    expect(ksStatistic(g, (x) => erf(Math.sqrt(x)))).toBeLessThan(ksThreshold(N_KS));
  });

  it('shape 3/2: CDF erf(√x) − 2√(x/π)·e^(−x)', () => {
    const g = fillGamma(createStream('gamma', 'shape 1.5'), new Float64Array(N_KS), 1.5);
    const cdf = (x: number) => erf(Math.sqrt(x)) - 2 * Math.sqrt(x / Math.PI) * Math.exp(-x);
    expect(ksStatistic(g, cdf)).toBeLessThan(ksThreshold(N_KS));
  });

  it('has mean k and variance k for small, moderate and large shapes', () => {
    const n = 200_000;
    for (const k of [0.01, 0.1, 2.5, 10]) {
      const g = fillGamma(createStream('gamma moments', String(k)), new Float64Array(n), k);
      // SE(mean) = √(k/n); SE(variance) = √((μ4 − σ⁴)/n) = √((2k² + 6k)/n). Tolerance 4 SE.
      expect(Math.abs(mean(g) - k)).toBeLessThan(4 * Math.sqrt(k / n));
      expect(Math.abs(variance(g) - k)).toBeLessThan(4 * Math.sqrt((2 * k * k + 6 * k) / n));
    }
  });

  it('multiplies by scale, and the bulk form repeats the scalar one', () => {
    const scaled = fillGamma(createStream('scale'), new Float64Array(500), 2, 3);
    const plain = fillGamma(createStream('scale'), new Float64Array(500), 2);
    const s = createStream('scale');
    for (let i = 0; i < 500; i++) {
      expect(scaled[i]).toBe(3 * plain[i]!);
      expect(sampleGamma(s, 2)).toBe(plain[i]);
    }
  });

  it('validates shape and scale', () => {
    const s = createStream(1);
    for (const bad of [0, -1, NaN, Infinity]) {
      expect(() => sampleGamma(s, bad)).toThrow(ParameterError);
      expect(() => fillGamma(s, new Float64Array(1), 1, bad)).toThrow(ParameterError);
    }
  });
});

describe('chi sampler', () => {
  it('k = 1 is |Z|: CDF erf(x/√2) (KS)', () => {
    const c = fillChi(createStream('chi', 1), new Float64Array(N_KS), 1);
    expect(ksStatistic(c, (x) => erf(x / Math.SQRT2))).toBeLessThan(ksThreshold(N_KS));
  });

  it('k = 3 is Maxwell: CDF erf(x/√2) − √(2/π)·x·e^(−x²/2) (KS)', () => {
    const c = fillChi(createStream('chi', 3), new Float64Array(N_KS), 3);
    const cdf = (x: number) => erf(x / Math.SQRT2) - Math.sqrt(2 / Math.PI) * x * Math.exp(-0.5 * x * x);
    expect(ksStatistic(c, cdf)).toBeLessThan(ksThreshold(N_KS));
  });

  it('real k = 2.7: E[χ] = √2·Γ((k+1)/2)/Γ(k/2), E[χ²] = k, Var[χ²] = 2k', () => {
    const n = 200_000;
    const k = 2.7;
    const c = fillChi(createStream('chi', String(k)), new Float64Array(n), k);
    const expectedMean = Math.SQRT2 * Math.exp(logGamma((k + 1) / 2) - logGamma(k / 2));
    const squares = c.map((x) => x * x);
    // SE(mean χ) = √((k − E[χ]²)/n); SE(mean χ²) = √(2k/n); SE(var χ²) = √((12k² + 48k − 4k²)/n). 4 SE.
    expect(Math.abs(mean(c) - expectedMean)).toBeLessThan(4 * Math.sqrt((k - expectedMean ** 2) / n));
    expect(Math.abs(mean(squares) - k)).toBeLessThan(4 * Math.sqrt((2 * k) / n));
    expect(Math.abs(variance(squares) - 2 * k)).toBeLessThan(4 * Math.sqrt((8 * k * k + 48 * k) / n));
  });

  it('sampleChi repeats fillChi and validates k', () => {
    const bulk = fillChi(createStream('chi scalar'), new Float64Array(200), 4.5);
    const s = createStream('chi scalar');
    for (let i = 0; i < 200; i++) expect(sampleChi(s, 4.5)).toBe(bulk[i]);
    expect(() => sampleChi(s, 0)).toThrow(ParameterError);
    expect(() => fillChi(s, new Float64Array(1), -2)).toThrow(ParameterError);
  });

  it('tiny k = 0.01: chi is 0 only below e^(−745), not wherever 2·Gamma(k/2) underflows', () => {
    // a = k/2 = 0.005: P(Gamma(a) ≤ t) ≈ t^a/Γ(1 + a) for small t. χ = √(2G) is 0 in float64 when
    // ½(ln 2 + ln G) < −745.13, i.e. ln G < −1490.96: P = e^(−7.455)/0.99714 = 5.8e-4, 58 of 10⁵ (SD 7.6); had G
    // itself been formed (0 below e^(−744.4)), P = e^(−3.72) = 2.4 %, 2400 zeros. 5 SD: 20 … 96.
    const n = 100_000;
    const c = fillChi(createStream('chi tiny'), new Float64Array(n), 0.01);
    const zeros = c.filter((x) => x === 0).length;
    expect(zeros).toBeGreaterThanOrEqual(20);
    expect(zeros).toBeLessThanOrEqual(96);
    // Below 1e-154 (G below 5e-309, where its own digits were lost): P = (5e-309)^0.005/0.99714 = 2.88 %.
    const deep = c.filter((x) => x > 0 && x < 1e-154).length / n;
    expect(Math.abs(deep - 0.0288)).toBeLessThan(5 * Math.sqrt((0.0288 * 0.9712) / n));
  });
});
