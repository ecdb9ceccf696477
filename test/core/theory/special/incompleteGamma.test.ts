import { describe, expect, it } from 'vitest';
import { oracle } from '../../../helpers/oracle.js';
import { findPython } from '../../../helpers/python.js';
import { chiSquare1Survival, erfc, lnGamma as logGamma, logErfc, logUpperGamma, upperGamma } from '../../../../src/core/theory/special/index.js';

function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

/** A Python with mpmath, which evaluates Γ(s, x) at 30 digits for any real s: an independent reference. */
const pythonWithMpmath = findPython('mpmath');

describe('special functions', () => {
  it('ln Γ matches factorials and Γ(½) = √π', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(relErr(logGamma(11), Math.log(3628800))).toBeLessThan(1e-14);
    expect(relErr(logGamma(101), 363.73937555556347)).toBeLessThan(1e-14);
  });

  it('Γ(s, x) matches closed forms at integer and half-integer s', () => {
    // Γ(0, 1) = E1(1); Γ(−1, 1) = e^(−1) − E1(1); Γ(n, x) = (n−1)! e^(−x) Σ_{k<n} x^k/k!; Γ(½, x) = √π erfc(√x)
    const e1 = 0.21938393439552027;
    expect(relErr(upperGamma(0, 1), e1)).toBeLessThan(1e-14);
    expect(relErr(upperGamma(-1, 1), Math.exp(-1) - e1)).toBeLessThan(1e-14);
    expect(relErr(upperGamma(3, 2.5), 2 * Math.exp(-2.5) * (1 + 2.5 + 2.5 ** 2 / 2))).toBeLessThan(1e-14);
    expect(relErr(upperGamma(0.5, 1), Math.sqrt(Math.PI) * 0.15729920705028513)).toBeLessThan(1e-14);
    expect(relErr(erfc(1), 0.15729920705028513)).toBeLessThan(1e-14);
    expect(relErr(erfc(-1), 1.8427007929497148)).toBeLessThan(1e-15);
    expect(relErr(erfc(0.1), 0.8875370839817152)).toBeLessThan(1e-14);
    // erfc(10) = 2.088487583762545e-45: far below where 1 − erf would give anything
    expect(relErr(logErfc(10), Math.log(2.088487583762545e-45))).toBeLessThan(1e-14);
    expect(chiSquare1Survival(3.841458820694124)).toBeCloseTo(0.05, 14);
  });

  it('Γ(s, x) satisfies Γ(s+1, x) = sΓ(s, x) + x^s e^(−x) across branches', () => {
    for (const s of [-7.3, -2.5, -1.000001, -0.999999, -0.3, 0.2, 0.7, 1.5, 4.2]) {
      for (const x of [1e-9, 1e-3, 0.4, 0.999, 1, 2.7, 15, 80]) {
        const lhs = upperGamma(s + 1, x);
        const rhs = s * upperGamma(s, x) + x ** s * Math.exp(-x);
        // For s < 0 the right side subtracts: the check is only as good as its cancellation allows.
        const scale = Math.abs(s * upperGamma(s, x)) + x ** s * Math.exp(-x);
        expect(Math.abs(lhs - rhs)).toBeLessThan(1e-13 * scale);
      }
    }
  });

  it('ln Γ(s, x) agrees with mpmath to 1e-13 relative for s in [−20, 20]', () => {
    const points: [number, number][] = [];
    for (const s of [-20, -9.5, -3, -2.0001, -1, -0.5, -1e-6, 0, 1e-6, 0.5, 1, 2.5, 7, 20]) {
      for (const x of [1e-10, 1e-4, 0.05, 0.5, 0.99, 1, 1.5, 5, 19, 21, 60, 300]) points.push([s, x]);
    }
    const script = `import json, mpmath
mpmath.mp.dps = 30
print(json.dumps([float(mpmath.log(mpmath.gammainc(s, x))) for s, x in ${JSON.stringify(points)}]))`;
    for (const { result: reference } of oracle<number[]>('log-upper-gamma-mpmath', script, pythonWithMpmath)) {
      points.forEach(([s, x], k) => {
        const got = logUpperGamma(s, x);
        expect(Math.abs(got - reference[k]), `s = ${s}, x = ${x}`).toBeLessThan(1e-13 * Math.max(1, Math.abs(reference[k])));
      });
    }
  });
});
