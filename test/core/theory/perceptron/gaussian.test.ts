import { describe, expect, it } from 'vitest';
import {
  erfcx,
  gaussTail,
  inverseMills,
  logGaussTail,
} from '../../../../src/core/theory/perceptron/gaussian.js';
import { oracle } from '../../../helpers/oracle.js';
import { pythonWithScipy } from '../../../helpers/python.js';

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('erfcx', () => {
  it('matches published values of erfc (Abramowitz & Stegun table 7.1)', () => {
    // erfc(0.5) = 0.4795001221869535, erfc(1) = 0.1572992070502851, erfc(2) = 0.004677734981047266
    expect(rel(erfcx(0.5) * Math.exp(-0.25), 0.4795001221869535)).toBeLessThan(3e-15);
    expect(rel(erfcx(1) * Math.exp(-1), 0.1572992070502851)).toBeLessThan(3e-15);
    expect(rel(erfcx(2) * Math.exp(-4), 0.004677734981047266)).toBeLessThan(3e-15);
    expect(Math.abs(erfcx(0) - 1)).toBeLessThan(2e-15);
  });

  it('follows its asymptotic series far out and its reflection formula for x < 0', () => {
    for (const x of [50, 300, 1e4, 1e9]) {
      const y = 1 / (2 * x * x);
      const series = (1 / (x * Math.sqrt(Math.PI))) * (1 - y + 3 * y * y - 15 * y ** 3 + 105 * y ** 4);
      expect(rel(erfcx(x), series)).toBeLessThan(1e-14);
    }
    for (const x of [0.3, 1.7, 4]) expect(rel(erfcx(-x), 2 * Math.exp(x * x) - erfcx(x))).toBeLessThan(1e-15);
    expect(erfcx(-30)).toBe(Infinity);
  });

  it('agrees with scipy.special.erfcx across the real line', () => {
    const xs: number[] = [];
    for (let i = -200; i <= 400; i++) xs.push(i / 20);
    xs.push(27, 100, 1e3, 1e5);
    const script = `import json, scipy.special as s\nprint(json.dumps([float(s.erfcx(x)) for x in ${JSON.stringify(xs)}]))`;
    for (const { result: ref } of oracle<number[]>('erfcx-line', script, pythonWithScipy)) {
      let worst = 0;
      xs.forEach((x, i) => (worst = Math.max(worst, rel(erfcx(x), ref[i]))));
      // For x < 0, erfcx(x) ≈ 2·exp(x²): rounding x² alone costs a relative 2x²·ε ≈ 4e-15 at x = −10.
      expect(worst).toBeLessThan(1e-14);
    }
  });
});

describe('Gaussian tail H and ln H', () => {
  it('H(0) = 1/2, H(x) + H(−x) = 1, and the lower tail keeps its relative precision', () => {
    expect(Math.abs(gaussTail(0) - 0.5)).toBeLessThan(1e-15);
    for (const x of [0.1, 1, 3, 7]) expect(Math.abs(gaussTail(x) + gaussTail(-x) - 1)).toBeLessThan(2e-16);
    // H(10) = 7.61985302416047e-24 (A&S 26.2.?; also scipy.stats.norm.sf(10))
    expect(rel(gaussTail(10), 7.61985302416047e-24)).toBeLessThan(1e-13);
  });

  it('ln H is finite and accurate deep in both tails', () => {
    // ln H(x) = −x²/2 − ln(x√(2π)) + ln(1 − 1/x² + 3/x⁴ − …) for large x
    for (const x of [40, 200]) {
      const asym = -0.5 * x * x - Math.log(x * Math.sqrt(2 * Math.PI)) + Math.log1p(-1 / x ** 2 + 3 / x ** 4 - 15 / x ** 6 + 105 / x ** 8);
      expect(rel(logGaussTail(x), asym)).toBeLessThan(1e-14);
    }
    // ln H(−x) ≈ −H(x) for large x: no cancellation in 1 − H(x)
    expect(rel(logGaussTail(-10), -7.61985302416047e-24)).toBeLessThan(1e-13);
  });

  it('the inverse Mills ratio φ/H tends to x above and to 0 below', () => {
    for (const x of [100, 1e3]) expect(rel(inverseMills(x), x + 1 / x - 2 / x ** 3 + 10 / x ** 5)).toBeLessThan(1e-13);
    expect(inverseMills(-40)).toBeLessThan(1e-300);
    expect(rel(inverseMills(0), Math.sqrt(2 / Math.PI))).toBeLessThan(1e-15);
  });

  it('agrees with scipy.special.log_ndtr in both tails', () => {
    const xs = [-30, -10, -3, -0.5, 0, 0.5, 3, 10, 38, 100]; // ln H(−38) ≈ −3e-316 is subnormal
    const script = `import json, scipy.special as s\nprint(json.dumps([float(s.log_ndtr(-x)) for x in ${JSON.stringify(xs)}]))`;
    for (const { result: ref } of oracle<number[]>('log-ndtr-tails', script, pythonWithScipy)) {
      xs.forEach((x, i) => expect(rel(logGaussTail(x), ref[i])).toBeLessThan(1e-13));
    }
  });
});
