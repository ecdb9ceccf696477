import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { fillStableSymmetric, sampleStableSymmetric } from '../../../src/core/random/stable.js';
import { createStream } from '../../../src/core/random/stream.js';
import { hillEstimate, ksStatistic, ksThreshold, normalCdf } from './statistics.js';

const N = 200_000;

describe('symmetric α-stable sampler (Chambers–Mallows–Stuck)', () => {
  it('α = 1 is Cauchy with the given scale (KS, reject at D > 1.95/√n)', () => {
    const x = fillStableSymmetric(createStream('stable', 1), new Float64Array(N), 1, 2);
    expect(ksStatistic(x, (t) => 0.5 + Math.atan(t / 2) / Math.PI)).toBeLessThan(ksThreshold(N));
  });

  it('α = 2 is N(0, 2·scale²) (KS)', () => {
    const scale = 0.7;
    const x = fillStableSymmetric(createStream('stable', 2), new Float64Array(N), 2, scale);
    expect(ksStatistic(x, (t) => normalCdf(t, 0, Math.SQRT2 * scale))).toBeLessThan(ksThreshold(N));
  });

  for (const alpha of [0.5, 1.5, 1.9]) {
    it(`α = ${alpha}: empirical characteristic function equals exp(−|scale·t|^α)`, () => {
      const scale = 1.3;
      const x = fillStableSymmetric(createStream('stable cf', String(alpha)), new Float64Array(N), alpha, scale);
      const phi = (t: number) => Math.exp(-Math.pow(Math.abs(scale * t), alpha));
      for (const t of [0.2, 0.7, 1.5]) {
        let sum = 0;
        for (const v of x) sum += Math.cos(t * v);
        // Var[cos(tX)] = (1 + φ(2t))/2 − φ(t)², so SE = √(that/n) (≤ 1.6e−3); tolerance 4 SE.
        const se = Math.sqrt(((1 + phi(2 * t)) / 2 - phi(t) ** 2) / N);
        expect(Math.abs(sum / N - phi(t))).toBeLessThan(4 * se);
      }
    });
  }

  for (const alpha of [0.5, 1.5]) {
    it(`α = ${alpha}: Hill tail index ≈ α`, () => {
      const n = 1_000_000;
      const k = 2000;
      const x = fillStableSymmetric(createStream('stable hill', String(alpha)), new Float64Array(n), alpha);
      // SE = α/√k; the second-order term of the stable tail is O(x^(−α)) ≲ 1 % at k/n = 2e−3. Tolerance 4 SE.
      expect(Math.abs(hillEstimate(x, k) - alpha)).toBeLessThan((4 * alpha) / Math.sqrt(k));
    });
  }

  it('small α gives ±Infinity at worst, never NaN, and stays symmetric', () => {
    const n = 20_000;
    const x = fillStableSymmetric(createStream('stable small'), new Float64Array(n), 0.05);
    expect(x.every((v) => !Number.isNaN(v))).toBe(true);
    const positives = x.filter((v) => v > 0).length;
    // SE of the positive fraction ½/√n; tolerance 4 SE.
    expect(Math.abs(positives / n - 0.5)).toBeLessThan(4 * 0.5 / Math.sqrt(n));
  });

  it('repeats the scalar form and validates α and scale', () => {
    const bulk = fillStableSymmetric(createStream('st'), new Float64Array(300), 1.2, 2);
    const s = createStream('st');
    for (let i = 0; i < 300; i++) expect(sampleStableSymmetric(s, 1.2, 2)).toBe(bulk[i]);
    for (const bad of [0, -1, 2.0001, NaN]) expect(() => sampleStableSymmetric(s, bad)).toThrow(ParameterError);
    expect(() => fillStableSymmetric(s, new Float64Array(1), 1, 0)).toThrow(ParameterError);
  });
});
