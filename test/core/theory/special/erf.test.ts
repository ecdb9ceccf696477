import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../../src/core/errors.js';
import { erf, erfc, erfcx, H, lnH } from '../../../../src/core/theory/special/erf.js';
import { oracle } from '../../../helpers/oracle.js';
import { pythonWithScipy } from '../../../helpers/python.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

// Reference values: A&S Table 7.1 digits where they exist, all confirmed with mpmath at 30 digits.
const ERF: [number, number, number, number][] = [
  // x, erf, erfc, erfcx
  [0.5, 0.52049987781304653768, 0.47950012218695346232, 0.61569034419292587487],
  [1, 0.84270079294971486934, 0.15729920705028513066, 0.42758357615580700441],
  [3, 0.99997790950300141456, 2.2090496998585441373e-5, 0.17900115118138995042],
  [5, 0.99999999999846254021, 1.5374597944280348502e-12, 0.11070463773306862637],
  [10, 1, 2.088487583762544757e-45, 0.056140992743822585858],
  [-2, -0.99532226501895273416, 1.9953222650189527342, 108.94090438997797241],
];

describe('erf, erfc, erfcx', () => {
  it('match high-precision values to relative 1e-15', () => {
    for (const [x, e, c, cx] of ERF) {
      expect(rel(erf(x), e)).toBeLessThan(1e-15);
      expect(rel(erfc(x), c)).toBeLessThan(1e-15);
      expect(rel(erfcx(x), cx)).toBeLessThan(1e-15);
    }
    expect(rel(erfcx(30), 0.018795888861416751497)).toBeLessThan(1e-15);
    expect(rel(erfcx(1e4), 5.6418958072680841152e-5)).toBeLessThan(1e-15);
    expect(erfcx(0)).toBeCloseTo(1, 15);
    expect(erf(0)).toBe(0);
    expect(erf(Infinity)).toBe(1);
    expect(erfc(-Infinity)).toBe(2);
    expect(erfcx(Infinity)).toBe(0);
  });

  it('erf is odd and erf + erfc = 1', () => {
    for (const x of [1e-300, 1e-8, 0.3, 0.49999, 0.5, 0.99, 1.01, 2.5, 5.9, 6.1]) {
      expect(erf(-x)).toBe(-erf(x));
      expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThan(2.3e-16);
    }
  });

  // scipy's own erfc is off by up to ~1e−14 relative beyond x ≈ 4 (checked against mpmath, where this module
  // stays below 1e−15), hence the tolerance of this oracle.
  it('agree with scipy.special on a dense grid (relative 3e-14)', () => {
    const xs = Array.from({ length: 401 }, (_, i) => -8 + i * 0.05 + 0.0123);
    const script = `import json, scipy.special as s; xs=${JSON.stringify(xs)}; print(json.dumps([[float(s.erf(x)), float(s.erfc(x)), float(s.erfcx(x))] for x in xs]))`;
    for (const { result: out } of oracle<number[][]>('erf-grid', script, pythonWithScipy)) {
      xs.forEach((x, i) => {
        expect(rel(erf(x), out[i][0])).toBeLessThan(3e-14);
        if (out[i][1] > 1e-300) expect(rel(erfc(x), out[i][1])).toBeLessThan(3e-14);
        expect(rel(erfcx(x), out[i][2])).toBeLessThan(3e-14);
      });
    }
  });

  it('rejects NaN', () => {
    expect(() => erf(NaN)).toThrow(ParameterError);
    expect(() => erfcx(-Infinity)).toThrow(ParameterError);
  });
});

describe('Gaussian tail H and ln H', () => {
  it('H(x) = ½ erfc(x/√2) with relative accuracy in the upper tail', () => {
    expect(H(0)).toBe(0.5);
    expect(rel(H(5), 2.8665157187919391167e-7)).toBeLessThan(1e-15);
    expect(rel(H(-5), 1 - 2.8665157187919391167e-7)).toBeLessThan(1e-16);
    expect(rel(H(10), 7.6198530241605260659e-24)).toBeLessThan(1e-15);
  });

  it('ln H far into both tails matches the asymptotic series', () => {
    // ln H(x) = −x²/2 − ln(x√(2π)) + ln(1 − 1/x² + 3/x⁴ − 15/x⁶ + 105/x⁸ − …) for x → +∞.
    for (const x of [40, 1e3]) {
      const s = 1 - 1 / x ** 2 + 3 / x ** 4 - 15 / x ** 6 + 105 / x ** 8 - 945 / x ** 10;
      const expected = -0.5 * x * x - Math.log(x * Math.sqrt(2 * Math.PI)) + Math.log(s);
      expect(rel(lnH(x), expected)).toBeLessThan(1e-15);
    }
    expect(rel(lnH(40), -804.6084420137537881666068)).toBeLessThan(1e-15);
    expect(rel(lnH(1e3), -500007.8266948121843098062)).toBeLessThan(1e-15);
    // x → −∞: ln H(x) = ln(1 − H(|x|)) ≈ −H(|x|); at −5 this is −2.8665e−7, at −40 it underflows to 0.
    expect(rel(lnH(-5), -2.866516129637635933845962e-7)).toBeLessThan(1e-15);
    expect(lnH(-40)).toBe(-0);
    expect(lnH(-1e3)).toBe(-0);
    expect(lnH(Infinity)).toBe(-Infinity);
  });
});
