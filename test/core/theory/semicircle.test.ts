import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { semicircleCdf, semicircleDensity, semicircleMoment, semicircleQuantile, wignerEdge } from '../../../src/core/theory/index.js';
import { gaussLegendre } from '../../../src/core/theory/special/quadrature.js';

/** 40-digit mpmath values (test/fixtures/semicircle/make-reference.py): CDF by quadrature, not the closed form. */
const REF = JSON.parse(readFileSync(new URL('../../fixtures/semicircle/reference.json', import.meta.url), 'utf8')) as {
  points: { x: number; density: string; cdf: string }[];
  quantiles: { p: number; quantile: string }[];
};

describe('semicircle law', () => {
  it('density and CDF agree with 40-digit references to 1e-12 (relative for the density near the edges)', () => {
    for (const r of REF.points) {
      const d = Number(r.density);
      expect(Math.abs(semicircleDensity(r.x) - d)).toBeLessThanOrEqual(1e-14 * d + 1e-300);
      expect(Math.abs(semicircleCdf(r.x) - Number(r.cdf))).toBeLessThanOrEqual(1e-15);
    }
  });

  it('keeps relative accuracy in the lower tail of the CDF', () => {
    // F(−2 + ε) = (2/(3π))·ε^(3/2)·(1 − 3ε/40 + O(ε²)): the closed form must not cancel to 0.
    for (const x of [-2 + 1e-6, -2 + 1e-12, -2 + 1e-15]) {
      const eps = x + 2; // exact (Sterbenz): the distance to the edge of the double x
      const expected = ((2 / (3 * Math.PI)) * eps ** 1.5) * (1 - (3 * eps) / 40);
      expect(Math.abs(semicircleCdf(x) / expected - 1)).toBeLessThan(1e-11);
    }
    expect(semicircleCdf(-2 + 2 ** -51)).toBeGreaterThan(0); // the first double above −2
  });

  it('quantiles invert the CDF (40-digit references, and round trips)', () => {
    for (const r of REF.quantiles) {
      const q = Number(r.quantile);
      // An error δp in p moves the quantile by δp/ρ(q): near the edges ρ is small, so compare in probability too.
      expect(Math.abs(semicircleQuantile(r.p) - q), `p = ${r.p}: ${semicircleQuantile(r.p)} vs ${q}`).toBeLessThanOrEqual(1e-12);
    }
    for (let p = 0.001; p < 1; p += 0.0371) expect(Math.abs(semicircleCdf(semicircleQuantile(p)) - p)).toBeLessThan(1e-15);
    expect(semicircleQuantile(0)).toBe(-2);
    expect(semicircleQuantile(1)).toBe(2);
  });

  it('integrates to one, has Catalan moments and scales with σ', () => {
    const rule = gaussLegendre(200);
    const moment = (k: number) => {
      // x = 2cos θ removes the square-root edges: ∫ x^k ρ dx = ∫₀^π (2cos θ)^k (2/π) sin²θ dθ.
      let s = 0;
      for (let i = 0; i < rule.nodes.length; i++) {
        const theta = (Math.PI / 2) * (rule.nodes[i] + 1);
        s += (Math.PI / 2) * rule.weights[i] * (2 * Math.cos(theta)) ** k * (2 / Math.PI) * Math.sin(theta) ** 2;
      }
      return s;
    };
    for (const [k, catalan] of [[0, 1], [2, 1], [4, 2], [6, 5], [8, 14], [10, 42]]) {
      expect(moment(k)).toBeCloseTo(catalan, 12);
      expect(semicircleMoment(k)).toBe(catalan);
    }
    expect(semicircleMoment(3)).toBe(0);
    expect(semicircleMoment(4, 1.5)).toBeCloseTo(2 * 1.5 ** 4, 12);
    expect(semicircleDensity(0.3, 1.5)).toBeCloseTo(semicircleDensity(0.2) / 1.5, 15);
    expect(semicircleCdf(0.3, 1.5)).toBeCloseTo(semicircleCdf(0.2), 15);
    expect(semicircleQuantile(0.7, 1.5)).toBeCloseTo(1.5 * semicircleQuantile(0.7), 14);
  });

  it('refuses bad arguments with ParameterError', () => {
    expect(() => semicircleDensity(Number.NaN)).toThrow(ParameterError);
    expect(() => semicircleCdf(0, 0)).toThrow(ParameterError);
    expect(() => semicircleQuantile(1.5)).toThrow(ParameterError);
    expect(() => semicircleMoment(-1)).toThrow(ParameterError);
  });
});

describe('wignerEdge', () => {
  it('centres at 2 with scale N^(−2/3), and 2^(−1/6)·N^(−2/3) for β = 4', () => {
    expect(wignerEdge(1000).center).toBe(2);
    expect(wignerEdge(1000).scale).toBeCloseTo(0.01, 16);
    expect(wignerEdge(1000, { beta: 2 }).scale).toBeCloseTo(0.01, 16);
    expect(wignerEdge(1000, { beta: 4 }).scale).toBeCloseTo(0.01 * 2 ** (-1 / 6), 16);
    expect(() => wignerEdge(10, { beta: 3 as 1 })).toThrow(ParameterError);
    expect(() => wignerEdge(0)).toThrow(ParameterError);
  });
});

describe('semicircle quantile next to the centre', () => {
  it('is exactly 0 at the median and accurate to 1e-15·σ (and relatively next to 0)', () => {
    // The median is 0 by symmetry; the lower-half formula −2 + 4 sin²(u/4) cancelled there to −1.6e-15
    // (−4.7e-15 for σ = 3). References: mpmath findroot of the closed-form CDF at 50 digits, for the double p.
    expect(Object.is(semicircleQuantile(0.5), 0)).toBe(true);
    expect(Object.is(semicircleQuantile(0.5, 3), 0)).toBe(true);
    const refs: [number, number][] = [
      [0.4999999999, -3.141592913526334924511861e-10],
      [0.49, -0.03141721867133997511379402],
      [0.45, -0.1572417748364557738393724],
      [0.4, -0.3154723876000315338808602],
      [0.3, -0.6393830195810077815665903],
      [0.26, -0.7737413961067470528347936],
      [0.25, -0.8079455065990344186379235],
      [0.2, -0.9837236655274198114358583],
      [0.1, -1.374097652265081091691813],
    ];
    for (const [p, q] of refs) {
      for (const sigma of [1, 3]) {
        const x = semicircleQuantile(p, sigma);
        // Absolute 1e-15·σ (README), and relative 1e-15 (a few ulp): x ≈ π(p − ½) is small near the centre.
        expect(Math.abs(x - sigma * q), `p = ${p}, σ = ${sigma}`).toBeLessThanOrEqual(1e-15 * sigma * Math.min(1, 4 * Math.abs(q)));
        expect(semicircleQuantile(1 - p, sigma)).toBe(-semicircleQuantile(1 - (1 - p), sigma));
      }
    }
  });
});

describe('semicircle at extreme σ', () => {
  it('refuses a σ whose edges or density leave float64, instead of ±Infinity', () => {
    expect(() => semicircleQuantile(0, 1e308)).toThrow(/invalid sigma: 1e\+308 \(the edges/);
    expect(() => semicircleDensity(0, 1e-310)).toThrow(/invalid sigma/);
    expect(() => semicircleCdf(0, 5e-324)).toThrow(ParameterError);
    expect(semicircleQuantile(0, 8e307)).toBe(-1.6e308);
    expect(Number.isFinite(semicircleDensity(0, 2.3e-308))).toBe(true);
  });
});
