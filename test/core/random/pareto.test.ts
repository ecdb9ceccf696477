import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import {
  fillLomax,
  fillParetoSymmetric,
  sampleLomax,
  sampleParetoSymmetric,
} from '../../../src/core/random/pareto.js';
import { createStream } from '../../../src/core/random/stream.js';
import { hillEstimate, ksStatistic, ksThreshold, mean } from './statistics.js';

const N = 200_000;

describe('symmetric Pareto-I', () => {
  for (const [mu, scale] of [
    [2.5, 1.5],
    [0.5, 1],
    [4, 0.01],
  ] as const) {
    it(`μ = ${mu}, scale = ${scale}: exact signed CDF (KS), support, sign balance, Hill tail index`, () => {
      const x = fillParetoSymmetric(createStream('pareto', `${mu}/${scale}`), new Float64Array(N), mu, scale);
      const cdf = (t: number) =>
        t <= -scale ? 0.5 * Math.pow(-t / scale, -mu) : t >= scale ? 1 - 0.5 * Math.pow(t / scale, -mu) : 0.5;
      // KS: reject at D > 1.95/√n (p < 1e−3).
      expect(ksStatistic(x, cdf)).toBeLessThan(ksThreshold(N));
      let smallest = Infinity;
      let positives = 0;
      for (const v of x) {
        smallest = Math.min(smallest, Math.abs(v));
        if (v > 0) positives++;
      }
      expect(smallest).toBeGreaterThanOrEqual(scale);
      // Fraction of positive signs: SE ½/√n; tolerance 4 SE.
      expect(Math.abs(positives / N - 0.5)).toBeLessThan(4 * 0.5 / Math.sqrt(N));
      // Hill on the top k = 2000: exact Pareto tail, SE = μ/√k; tolerance 4 SE.
      const k = 2000;
      expect(Math.abs(hillEstimate(x, k) - mu)).toBeLessThan((4 * mu) / Math.sqrt(k));
    });
  }

  it('repeats the scalar form and validates μ and scale', () => {
    const bulk = fillParetoSymmetric(createStream('p'), new Float64Array(300), 3, 2);
    const s = createStream('p');
    for (let i = 0; i < 300; i++) expect(sampleParetoSymmetric(s, 3, 2)).toBe(bulk[i]);
    for (const bad of [0, -2, NaN, Infinity]) {
      expect(() => sampleParetoSymmetric(s, bad)).toThrow(ParameterError);
      expect(() => fillParetoSymmetric(s, new Float64Array(1), 2, bad)).toThrow(ParameterError);
    }
  });
});

describe('Lomax (numpy pareto)', () => {
  for (const [mu, scale] of [
    [3, 2],
    [1.2, 1],
  ] as const) {
    it(`μ = ${mu}, scale = ${scale}: exact CDF (KS), support, Hill tail index of x + scale`, () => {
      const x = fillLomax(createStream('lomax', `${mu}/${scale}`), new Float64Array(N), mu, scale);
      expect(ksStatistic(x, (t) => (t <= 0 ? 0 : 1 - Math.pow(1 + t / scale, -mu)))).toBeLessThan(ksThreshold(N));
      expect(Math.min(...x.subarray(0, 10_000))).toBeGreaterThanOrEqual(0);
      // x + scale is exactly Pareto-I(scale, μ): Hill with SE μ/√k, tolerance 4 SE.
      const k = 2000;
      expect(Math.abs(hillEstimate(x.map((v) => v + scale), k) - mu)).toBeLessThan((4 * mu) / Math.sqrt(k));
    });
  }

  it('μ = 3, scale = 2 has mean scale/(μ − 1) = 1', () => {
    const n = 400_000;
    const x = fillLomax(createStream('lomax mean'), new Float64Array(n), 3, 2);
    // Var = scale²μ/((μ − 1)²(μ − 2)) = 3, SE(mean) = √(3/n) ≈ 2.7e−3; tolerance 4 SE.
    expect(Math.abs(mean(x) - 1)).toBeLessThan(4 * Math.sqrt(3 / n));
  });

  it('keeps small values accurate (U near 1) and repeats the scalar form', () => {
    const bulk = fillLomax(createStream('l'), new Float64Array(300), 50, 1);
    const s = createStream('l');
    for (let i = 0; i < 300; i++) expect(sampleLomax(s, 50, 1)).toBe(bulk[i]);
    expect(() => sampleLomax(s, 0)).toThrow(ParameterError);
    expect(() => fillLomax(s, new Float64Array(1), 1, -1)).toThrow(ParameterError);
  });
});
