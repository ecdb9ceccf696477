import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { mpCdf, mpDensity, mpEdges, mpMoment, mpQuantile } from '../../../src/core/theory/mp.js';
import { gaussLegendre } from '../../../src/core/theory/special/quadrature.js';

/** ∫_a^b f by Gauss–Legendre after t = a + (b−a)·(1−cos θ)/2-free substitution x = a + (b−a)·((1+u)/2)²… kept simple:
 * the square-root edges are removed by x = a + (b − a)·sin²(φ), φ ∈ [0, π/2], which makes the integrand smooth. */
function integrateOverBulk(f: (x: number) => number, a: number, b: number, n = 80): number {
  const { nodes, weights } = gaussLegendre(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const phi = (Math.PI / 4) * (nodes[i] + 1);
    const x = a + (b - a) * Math.sin(phi) ** 2;
    sum += (Math.PI / 4) * weights[i] * f(x) * (b - a) * 2 * Math.sin(phi) * Math.cos(phi);
  }
  return sum;
}

describe('Marchenko–Pastur', () => {
  it('matches the reference values of docs/theory.md (Q = 2, σ = 1)', () => {
    const { lambdaMinus, lambdaPlus } = mpEdges(2);
    expect(lambdaMinus).toBeCloseTo(0.085786437627, 12);
    expect(lambdaPlus).toBeCloseTo(2.914213562373, 12);
    expect(mpDensity(1, 2)).toBeCloseTo(0.4210843993, 10);
    expect(mpCdf(1, 2)).toBeCloseTo(0.5760042151, 10);
  });

  it('CDF at large Q: off by no more than one rounding of λ (mpmath at 50 digits, frozen)', () => {
    // [Q, λ, F(λ), density at λ]: F by mpmath's quadrature at 50 digits of (2/π)∫ sin²φ/(1 + γ − 2√γ cos φ) dφ
    // (the density in the angle of λ = 1 + γ − 2√γ cos φ) up to λ's angle, for λ as given here in float64, at
    // fractions 0.001, 0.25, 0.5, 0.9, 0.99999 of the bulk. The bulk is 4/√Q wide around 1, so one rounding of λ
    // (ε·λ) moves F by ε·λ·density, up to 3e-10 at Q = 1e14: the bound allows that and a few roundings of F.
    const table = [
    [16, 0.5635, 9.5308825367956264e-5, 0.142833],
    [16, 0.8125, 0.27783393684241871, 1.35712],
    [16, 1.0625, 0.6035525890746228, 1.19834],
    [16, 1.4625, 0.96535959973348098, 0.522355],
    [16, 1.56249, 0.99999996564189568, 0.00515372],
    [100, 0.8104, 6.6237641306816482e-5, 0.248292],
    [100, 0.9100000000000001, 0.22518230387198369, 3.02928],
    [100, 1.0100000000000002, 0.54227263621310406, 3.15158],
    [100, 1.1700000000000002, 0.95611998647828191, 1.63236],
    [100, 1.2099960000000003, 0.99999995563269559, 0.0166377],
    [10000, 0.98014, 5.4756729523811366e-5, 2.05293],
    [10000, 0.9901, 0.19827848322281506, 27.8421],
    [10000, 1.0001, 0.50424396206142357, 31.8278],
    [10000, 1.0161, 0.94886181571901382, 18.796],
    [10000, 1.0200996, 0.99999994737344918, 0.197349],
    [1e+06, 0.998005, 5.3775753363733159e-5, 20.1618],
    [1e+06, 0.9990009999999999, 0.19577698072897293, 275.94],
    [1e+06, 1.000001, 0.50042441301178704, 318.31],
    [1e+06, 1.0016009999999997, 0.94804754401242416, 190.681],
    [1e+06, 1.0020009599999997, 0.99999994642287412, 2.00914],
    [1e+10, 0.9999800401000001, 5.3669456939716143e-5, 2012.2],
    [1e+10, 0.9999900001000002, 0.1955038661475805, 27566.7],
    [1e+10, 1.0000000001, 0.50000424413207898, 31831.0],
    [1e+10, 1.0000160001, 0.94795689739102121, 19098.3],
    [1e+10, 1.0000199997, 0.99999994631676318, 201.312],
    [1e+14, 0.9999998004000101, 5.3668421640776508e-5, 201216.0],
    [1e+14, 0.9999999000000102, 0.19550113747344557, 2.75664e+6],
    [1e+14, 1.0000000000000102, 0.50000004312266628, 3.1831e+6],
    [1e+14, 1.0000001600000101, 0.94795599008437603, 1.90986e+6],
    [1e+14, 1.0000001999960102, 0.99999994631965014, 20131.1],
    ];
    for (const [q, x, want, density] of table) {
      expect(Math.abs(mpCdf(x, q) - want), `Q = ${q}, λ = ${x}`).toBeLessThanOrEqual(8 * Number.EPSILON * (want + x * density));
    }
  });

  it('quantiles at large Q invert the CDF to one rounding of λ', () => {
    for (const q of [1e6, 1e10, 1e14]) {
      for (const p of [0.001, 0.5, 0.999]) {
        const x = mpQuantile(p, q);
        expect(Math.abs(mpCdf(x, q) - p)).toBeLessThanOrEqual(8 * Number.EPSILON * (p + x * mpDensity(x, q)));
      }
    }
  });

  it('CDF equals the integral of the density (independent quadrature)', () => {
    for (const q of [1, 1.5, 2, 4, 10]) {
      const { lambdaMinus: a, lambdaPlus: b } = mpEdges(q);
      for (const frac of [0.01, 0.2, 0.5, 0.77, 0.999]) {
        const x = a + frac * (b - a);
        // Quadrature over [a, x] with the sin² substitution at a; at x the density is smooth (or √ at b).
        const integral = integrateOverBulk((t) => mpDensity(t, q), a, x, 200);
        expect(Math.abs(mpCdf(x, q) - integral)).toBeLessThan(q === 1 ? 1e-9 : 1e-12);
      }
      expect(mpCdf(b, q)).toBe(1);
      expect(mpCdf(a, q)).toBe(0);
    }
  });

  it('moments from Narayana polynomials equal ∫ λ^k ρ', () => {
    for (const q of [1, 2, 5]) {
      const { lambdaMinus: a, lambdaPlus: b } = mpEdges(q, 1.3);
      for (let k = 0; k <= 6; k++) {
        const integral = integrateOverBulk((t) => t ** k * mpDensity(t, q, 1.3), a, b, 200);
        const m = mpMoment(k, q, 1.3);
        // Q = 1: the λ^(−1/2) singularity at 0 is removed by the substitution; still slightly less accurate.
        expect(Math.abs(m - integral) / m).toBeLessThan(q === 1 ? 1e-8 : 1e-12);
      }
    }
    expect(mpMoment(1, 3, 2)).toBeCloseTo(4, 14); // mean σ²
    expect(mpMoment(2, 3, 1)).toBeCloseTo(1 + 1 / 3, 14); // σ⁴(1 + 1/Q)
    expect(mpMoment(3, 2, 1)).toBeCloseTo(1 + 3 * 0.5 + 0.25, 14); // 1 + 3γ + γ²
  });

  it('quantile inverts the CDF, Q = 1 included', () => {
    for (const q of [1, 1.01, 2, 8]) {
      for (const p of [1e-9, 1e-4, 0.1, 0.5, 0.9, 1 - 1e-6]) {
        const x = mpQuantile(p, q, 0.7);
        expect(Math.abs(mpCdf(x, q, 0.7) - p)).toBeLessThan(1e-13);
      }
      expect(mpQuantile(0, q)).toBe(mpEdges(q).lambdaMinus);
      expect(mpQuantile(1, q)).toBe(mpEdges(q).lambdaPlus);
    }
  });

  it('Q = 1: lower edge 0, density diverges like λ^(−1/2), CDF ~ (2/π)√λ', () => {
    expect(mpEdges(1).lambdaMinus).toBe(0);
    expect(mpEdges(1).lambdaPlus).toBe(4);
    const x = 1e-10;
    expect(mpDensity(x, 1) * Math.sqrt(x)).toBeCloseTo(1 / Math.PI, 6);
    expect(mpCdf(x, 1) / Math.sqrt(x)).toBeCloseTo(2 / Math.PI, 6);
  });

  it('σ scales the support and the density', () => {
    expect(mpDensity(2 * 0.9, 3, Math.SQRT2)).toBeCloseTo(mpDensity(0.9, 3) / 2, 14);
    expect(mpCdf(2 * 0.9, 3, Math.SQRT2)).toBeCloseTo(mpCdf(0.9, 3), 14);
    expect(mpDensity(5, 2)).toBe(0);
    expect(mpDensity(0.01, 2)).toBe(0);
  });

  it('rejects invalid parameters', () => {
    expect(() => mpEdges(0.5)).toThrow(ParameterError);
    expect(() => mpDensity(1, NaN)).toThrow(ParameterError);
    expect(() => mpCdf(1, 2, 0)).toThrow(ParameterError);
    expect(() => mpCdf(NaN, 2)).toThrow(ParameterError);
    expect(() => mpQuantile(1.1, 2)).toThrow(ParameterError);
    expect(() => mpMoment(1.5, 2)).toThrow(ParameterError);
  });

  it('a 400-point curve is fast', () => {
    const t0 = performance.now();
    for (let i = 0; i < 400; i++) {
      mpDensity(3 * (i / 399), 2);
      mpCdf(3 * (i / 399), 2);
    }
    expect(performance.now() - t0).toBeLessThan(50);
  });
});

/** The error a call throws (or undefined). */
function refusal(call: () => unknown): ParameterError | undefined {
  try {
    call();
  } catch (err) {
    return err as ParameterError;
  }
  return undefined;
}

describe('Marchenko–Pastur at extreme σ', () => {

  it.each([
    ['mpDensity(1, 2, 1e-170)', () => mpDensity(1, 2, 1e-170), 1e-170],
    ['mpCdf(0, 2, 1e-170)', () => mpCdf(0, 2, 1e-170), 1e-170],
    ['mpDensity(0, 2, 1e-200)', () => mpDensity(0, 2, 1e-200), 1e-200],
    ['mpEdges(2, 1e200)', () => mpEdges(2, 1e200), 1e200],
    ['mpQuantile(0.5, 1, 1e155)', () => mpQuantile(0.5, 1, 1e155), 1e155],
    ['mpMoment(2, 4, 1e-160)', () => mpMoment(2, 4, 1e-160), 1e-160],
  ])('%s is refused, naming sigma with its value, instead of NaN or Infinity', (_, call, sigma) => {
    const err = refusal(call);
    expect(err).toBeInstanceOf(ParameterError);
    expect(err?.parameter).toBe('sigma');
    expect(err?.value).toBe(sigma);
    expect(err?.message).toContain(`invalid sigma: ${sigma} (σ²`);
  });

  it('works to rounding just inside the range: every quantity is σ² times its unit-variance value', () => {
    for (const sigma of [2e-154, 1e-100, 1e100, 6.7e153]) {
      const s2 = sigma * sigma;
      const unit = mpEdges(2);
      const e = mpEdges(2, sigma);
      expect(Math.abs(e.lambdaPlus / (s2 * unit.lambdaPlus) - 1)).toBeLessThan(1e-15);
      expect(Number.isFinite(e.lambdaPlus)).toBe(true);
      expect(Math.abs(mpDensity(s2, 2, sigma) * s2 / mpDensity(1, 2) - 1)).toBeLessThan(1e-14);
      expect(Math.abs(mpCdf(s2, 2, sigma) - mpCdf(1, 2))).toBeLessThan(1e-15);
    }
  });
});

describe('Marchenko–Pastur beyond float64', () => {

  it('Q = 1: density and CDF at the smallest λ > 0, with and without σ (mpmath, 40 digits)', () => {
    // ρ(λ) = √((4σ² − λ)λ)/(2πσ²λ) and F = ∫₀^λ ρ at λ = 2^−1074: λ/σ² is below float64 for σ = 2.
    expect(Math.abs(mpDensity(5e-324, 1) / 1.4320487378917306502e161 - 1)).toBeLessThan(4e-15);
    expect(Math.abs(mpCdf(5e-324, 1) / 1.4150521691252419443e-162 - 1)).toBeLessThan(4e-15);
    expect(Math.abs(mpDensity(5e-324, 1, 2) / 7.160243689458653250888e160 - 1)).toBeLessThan(4e-15);
    expect(Math.abs(mpCdf(5e-324, 1, 2) / 7.07526084562620972165e-163 - 1)).toBeLessThan(4e-15);
    expect(mpDensity(0, 1)).toBe(0);
    expect(mpCdf(0, 1, 2)).toBe(0);
  });

  it('Q = 1: tiny quantiles converge ((πp/2)²σ²), and one below the normal range is refused naming p', () => {
    for (const p of [1e-20, 1e-100, 1e-150, 1e-154]) {
      const x = mpQuantile(p, 1);
      expect(Math.abs(x / ((Math.PI * p) / 2) ** 2 - 1), `p = ${p}`).toBeLessThan(1e-14);
      expect(Math.abs(mpCdf(x, 1) / p - 1)).toBeLessThan(1e-14);
    }
    expect(Math.abs(mpQuantile(1e-100, 1, 3) / (9 * ((Math.PI * 1e-100) / 2) ** 2) - 1)).toBeLessThan(1e-14);
    const err = refusal(() => mpQuantile(1e-200, 1));
    expect(err).toBeInstanceOf(ParameterError);
    expect(err?.parameter).toBe('p');
    expect(err?.message).toContain('quantile would be about 2.5e-400');
  });

  it('a density beyond float64 is refused naming lambda; a moment beyond it is Infinity, never NaN', () => {
    const d = refusal(() => mpDensity(1e-320, 1, 1.5e-154));
    expect(d?.parameter).toBe('lambda');
    expect(d?.message).toContain('density would be about');
    expect(Number.isFinite(mpMoment(672, 2))).toBe(true);
    expect(mpMoment(673, 2)).toBe(Infinity);
  });
});
