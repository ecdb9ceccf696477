import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LAWS, wignerEigenvalues } from '../../../src/core/ensembles/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { levyCdf, levyCurve, levyDensity, levyFixedPoint, lnGamma } from '../../../src/core/theory/index.js';
import { meanSe } from '../../../src/core/stats/index.js';

/** 20-digit values from an independent mpmath solution (test/fixtures/levy/make-reference.py). */
const REF = JSON.parse(readFileSync(new URL('../../fixtures/levy/reference.json', import.meta.url), 'utf8')) as {
  rows: { mu: number; x: number; c_re: string; c_im: string; density: string }[];
};

describe('levyDensity (Cizeau–Bouchaud, Ben Arous–Guionnet form)', () => {
  it.each([0.5, 1, 1.5, 1.9])('μ = %s: c(0) and ρ(0) in closed form', (mu) => {
    // At x = 0 the fixed point is real: c² = Γ(1 − a)/Γ(1 + a), and ρ(0) = Γ(1 + 1/a)/(π·c^(1/a)), a = μ/2.
    const a = mu / 2;
    const c = Math.exp(0.5 * (lnGamma(1 - a) - lnGamma(1 + a)));
    expect(levyFixedPoint(0, mu).re / c - 1).toBeLessThan(1e-13);
    const rho0 = Math.exp(lnGamma(1 + 1 / a)) / (Math.PI * c ** (1 / a));
    expect(Math.abs(levyDensity(0, mu) / rho0 - 1)).toBeLessThan(1e-12);
  });

  it('matches the 20-digit references to 1e-11 (density relative, c absolute)', () => {
    for (const r of REF.rows) {
      const rho = Number(r.density);
      expect(Math.abs(levyDensity(r.x, r.mu) / rho - 1), `μ = ${r.mu}, x = ${r.x}`).toBeLessThan(1e-11);
      const c = levyFixedPoint(r.x, r.mu);
      expect(Math.hypot(c.re - Number(r.c_re), c.im - Number(r.c_im))).toBeLessThan(1e-11);
    }
  });

  it('is even, with c(−x) the conjugate of c(x), and scales with the tail constant', () => {
    expect(levyDensity(-2.5, 1.2)).toBe(levyDensity(2.5, 1.2));
    const c = levyFixedPoint(0.7, 1.2);
    expect(levyFixedPoint(-0.7, 1.2)).toEqual({ re: c.re, im: -c.im });
    // ρ_C(x) = ρ(x/s)/s with s = C^(1/μ).
    const s = 3 ** (1 / 1.2);
    expect(levyDensity(2, 1.2, { tailConstant: 3 })).toBeCloseTo(levyDensity(2 / s, 1.2) / s, 15);
  });

  it.each([0.5, 1, 1.5, 1.9])('μ = %s: the tail tends to the entries\' own, ρ(x) ~ (μ/2)·x^(−1−μ)', (mu) => {
    // The largest eigenvalues are ±|H_ij| of the largest entries. The relative correction is a series in x^(−μ)
    // (its first term vanishes at μ = 1): from x = 10³ to 10⁶ it must shrink at least by 10^(−3μ), up to 50%.
    const deviation = (x: number) => Math.abs(levyDensity(x, mu) / ((mu / 2) * x ** (-1 - mu)) - 1);
    const near = deviation(1e3);
    const far = deviation(1e6);
    expect(near).toBeLessThan(0.1);
    expect(far).toBeLessThan(1.5 * near * 1e3 ** -mu + 1e-13);
  });

  it('has a CDF that is symmetric, normalised and the integral of the density', () => {
    for (const mu of [0.5, 1, 1.9]) {
      const { cdf } = levyCurve([0, 0.8, -0.8], mu);
      expect(Math.abs(cdf[0] - 0.5)).toBeLessThan(5e-11); // T(0) = ½: the whole integral of the density
      expect(Math.abs(cdf[1] + cdf[2] - 1)).toBeLessThan(1e-14);
    }
    // dF/dx = ρ: a centred difference with h = 1e-3 has error ρ‴h²/6, far below 1e-6 here.
    const h = 1e-3;
    const { cdf, density } = levyCurve([2 - h, 2 + h, 2], 1.5);
    expect(Math.abs((cdf[1] - cdf[0]) / (2 * h) - density[2])).toBeLessThan(1e-6);
    expect(levyCdf(2, 1.5)).toBeCloseTo(cdf[2], 12);
  });

  it('refuses μ outside the tested range and non-finite x', () => {
    expect(() => levyDensity(0, 2)).toThrow(ParameterError);
    expect(() => levyDensity(0, 0.3)).toThrow(ParameterError);
    expect(() => levyDensity(Number.NaN, 1)).toThrow(ParameterError);
    expect(() => levyDensity(0, 1, { tailConstant: -1 })).toThrow(ParameterError);
  });
});

describe('levyDensity against simulated Lévy matrices', () => {
  // Eight 500×500 matrices per case. At each of nine points the empirical CDF, averaged over the matrices, is
  // compared with the theory: t = (mean − F)/SE with the SE over the 8 matrices (7 degrees of freedom). The
  // largest |t| of nine exceeds 5 with probability ≈ 1.4% if the theory is exact (P(|t₇| > 5) = 0.0016); 1e-3 more
  // allows for the steps of 1/N = 0.002 of an empirical CDF, which make the SE near x = 0 tiny.
  const grid = [-4, -2, -1, -0.4, 0, 0.4, 1, 2, 4];
  const cases = [
    { mu: 1, tail: 'pareto' as const },
    // Stable entries: sums of stable laws are stable, so there is no slow finite-size drift (Pareto-I at μ = 1.5
    // is off by ~0.01 in the CDF at N = 500–1000, shrinking slowly: notebook 11 shows it).
    { mu: 1.5, tail: 'stable' as const },
  ];
  it.each(cases)('μ = $mu with $tail entries: the CDF at nine points, within 5 SE', ({ mu, tail }) => {
    const theory = levyCurve(grid, mu, { tailConstant: LAWS[tail].tailConstant(mu, 1) as number }).cdf;
    const per: number[][] = grid.map(() => []);
    for (let r = 0; r < 8; r++) {
      const values = wignerEigenvalues({ n: 500, tail, mu, seed: `levy-test-${tail}-${r}` });
      grid.forEach((x, j) => per[j].push(values.filter((v) => v <= x).length / 500));
    }
    grid.forEach((x, j) => {
      const m = meanSe(per[j]);
      expect(Math.abs(m.mean - theory[j]), `x = ${x}: ${m.mean} vs ${theory[j]} (SE ${m.se})`).toBeLessThan(5 * m.se + 1e-3);
    });
  });
});
