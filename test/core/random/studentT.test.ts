import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { createStream } from '../../../src/core/random/stream.js';
import { fillStudentT, sampleStudentT } from '../../../src/core/random/studentT.js';
import { hillEstimate, ksStatistic, ksThreshold, studentTCdf } from './statistics.js';

const N = 100_000;

describe('Student-t sampler', () => {
  it('ν = 1 is Cauchy and ν = 2 has CDF ½ + t/(2√(2 + t²)) (KS, reject at D > 1.95/√n)', () => {
    const cauchy = fillStudentT(createStream('t', 1), new Float64Array(N), 1, 3);
    expect(ksStatistic(cauchy, (t) => 0.5 + Math.atan(t / 3) / Math.PI)).toBeLessThan(ksThreshold(N));
    const two = fillStudentT(createStream('t', 2), new Float64Array(N), 2);
    expect(ksStatistic(two, (t) => 0.5 + t / (2 * Math.sqrt(2 + t * t)))).toBeLessThan(ksThreshold(N));
  });

  for (const nu of [0.05, 0.5, 3, 7.5, 40]) {
    it(`ν = ${nu}: KS against the incomplete-beta CDF`, () => {
      const t = fillStudentT(createStream('t', String(nu)), new Float64Array(N), nu);
      expect(ksStatistic(t, (x) => studentTCdf(x, nu))).toBeLessThan(ksThreshold(N));
    });
  }

  it('ν = 3: Hill tail index ≈ 3', () => {
    const n = 500_000;
    const k = 1000;
    const t = fillStudentT(createStream('t hill'), new Float64Array(n), 3);
    // SE = ν/√k ≈ 0.095; the second-order bias at k/n = 2e−3 is ~(k/n)^(2/ν) ≈ 1.6 %, well inside 4 SE.
    expect(Math.abs(hillEstimate(t, k) - 3)).toBeLessThan((4 * 3) / Math.sqrt(k));
  });

  it('stays finite for tiny ν where χ² underflows, and keeps the right law', () => {
    const n = 20_000;
    const t = fillStudentT(createStream('t tiny'), new Float64Array(n), 0.02);
    expect(t.every((x) => !Number.isNaN(x))).toBe(true);
    // P(|t| > 1.8e308) = I_x(ν/2, ½) ≈ x^(ν/2)/((ν/2)·B(ν/2, ½)) ≈ 6.5e−7 with x = ν/1.8e308²: the expected number
    // of infinities is 0.013, so more than 2 (Poisson probability ≈ 4e−7) means an overflow bug.
    expect(t.filter((x) => !Number.isFinite(x)).length).toBeLessThanOrEqual(2);
    // The reference CDF loses ≈ P(|t| > 1e154) ≈ 1e−3 where t² overflows, far below the KS threshold 0.0138.
    expect(ksStatistic(t, (x) => studentTCdf(x, 0.02))).toBeLessThan(ksThreshold(n));
  });

  it('repeats the scalar form and validates ν and scale', () => {
    const bulk = fillStudentT(createStream('ts'), new Float64Array(300), 4.5, 2);
    const s = createStream('ts');
    for (let i = 0; i < 300; i++) expect(sampleStudentT(s, 4.5, 2)).toBe(bulk[i]);
    for (const bad of [0, -1, NaN, Infinity]) {
      expect(() => sampleStudentT(s, bad)).toThrow(ParameterError);
      expect(() => fillStudentT(s, new Float64Array(1), 3, bad)).toThrow(ParameterError);
    }
  });
});
