import { describe, expect, it } from 'vitest';
import { erfc, HAS_SCIPY, incompleteBeta, logGamma, runPython, studentTCdf } from './statistics.js';

// The reference functions used by the sampler tests are themselves checked against published values.
describe('test reference functions', () => {
  it('erfc matches tabulated values (Abramowitz & Stegun 7.1; values to 16 digits)', () => {
    const table: [number, number][] = [
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [2, 0.004677734981047266],
      [3, 2.2090496998585441e-5],
      [5, 1.5374597944280349e-12],
    ];
    for (const [x, value] of table) expect(Math.abs(erfc(x) - value) / value).toBeLessThan(1e-13);
    expect(erfc(-1)).toBeCloseTo(2 - 0.15729920705028513, 15);
  });

  it('logGamma matches Γ at integers and Γ(½) = √π', () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(0.1)).toBeCloseTo(Math.log(9.513507698668732), 12);
  });

  it('Student-t CDF equals the closed forms for ν = 1 and ν = 2', () => {
    for (const t of [-30, -2.5, -0.3, 0, 0.7, 4, 100]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 13);
    }
    expect(incompleteBeta(0.3, 2.5, 4)).toBeCloseTo(1 - incompleteBeta(0.7, 4, 2.5), 14);
  });

  it.skipIf(!HAS_SCIPY)('Student-t CDF agrees with scipy.stats.t for fractional ν', () => {
    const cases = [0.2, 0.5, 3, 7.5].flatMap((nu) => [-50, -3, -0.4, 0.9, 6].map((t) => [t, nu]));
    const script = `import json\nfrom scipy.stats import t\ncases = ${JSON.stringify(cases)}`;
    const reference = runPython(`${script}\nprint(json.dumps([float(t.cdf(x, nu)) for x, nu in cases]))`) as number[];
    cases.forEach(([t, nu], i) => expect(studentTCdf(t!, nu!)).toBeCloseTo(reference[i]!, 12));
  });
});
