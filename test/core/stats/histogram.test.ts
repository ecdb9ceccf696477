import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { grid, histogram, linearEdges, logEdges, meanSe, quantileSorted, steppedGrid, triangularKde } from '../../../src/core/stats/index.js';

describe('histogram', () => {
  it('is a density that integrates to the fraction inside the range, with Poisson errors', () => {
    const h = histogram([0.1, 0.2, 0.6, 0.9, 1.5, -1], linearEdges(0, 1, 4));
    expect(Array.from(h.counts)).toEqual([2, 0, 1, 1]);
    expect([h.below, h.above]).toEqual([1, 1]);
    expect(Array.from(h.centres)).toEqual([0.125, 0.375, 0.625, 0.875]);
    const mass = h.density.reduce((a, d) => a + d * 0.25, 0);
    expect(mass).toBeCloseTo(4 / 6, 12);
    expect(h.se[0]).toBeCloseTo(Math.sqrt(2) / (6 * 0.25), 12);
  });

  it('puts a value on an inner edge in the bin above, and the right edge in the last bin', () => {
    const h = histogram([0.5, 1], linearEdges(0, 1, 2));
    expect(Array.from(h.counts)).toEqual([0, 2]);
  });

  it('takes logarithmic edges, exact at both ends', () => {
    const edges = logEdges(1e-3, 10, 4);
    expect(edges[0]).toBe(1e-3);
    expect(edges[4]).toBe(10);
    for (let j = 1; j < 4; j++) expect(edges[j + 1] / edges[j]).toBeCloseTo(10, 10);
    expect(Array.from(histogram([0.005, 0.05, 5, 10], edges).counts)).toEqual([1, 1, 0, 2]);
  });

  it('refuses edges that do not bound a bin', () => {
    expect(() => histogram([1], new Float64Array([1]))).toThrow(ParameterError);
    expect(() => histogram([1], new Float64Array([2, 1]))).toThrow(ParameterError);
  });

  it('lays a histogram out as steps', () => {
    const { x, y } = steppedGrid(histogram([0.1, 0.6, 0.7], linearEdges(0, 1, 2)), 2);
    expect(Array.from(x)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(Array.from(y)).toEqual([2 / 3, 2 / 3, 4 / 3, 4 / 3, 4 / 3]);
  });
});

describe('grid, quantile, mean and standard error', () => {
  it('grids are even or geometric', () => {
    expect(grid(0, 1, 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(grid(1, 100, 3, true)).toEqual([1, 10, 100]);
    expect(grid(2, 3, 1)).toEqual([2]);
  });

  it('quantiles by nearest rank', () => {
    const sorted = [1, 2, 3, 4, 5];
    expect([0, 0.25, 0.5, 0.9, 1].map((p) => quantileSorted(sorted, p))).toEqual([1, 2, 3, 5, 5]);
    // No values has no quantile, and p is a probability: both refused (they were NaN, and p = 2 was accepted).
    expect(() => quantileSorted([], 0.5)).toThrow(ParameterError);
    for (const p of [2, -0.1, NaN]) expect(() => quantileSorted(sorted, p)).toThrow(ParameterError);
  });

  it('mean and SE with n − 1, NaN spread for one value, an error for none', () => {
    const r = meanSe([1, 2, 3, 4]);
    expect(r.mean).toBe(2.5);
    expect(r.sd).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(r.se).toBeCloseTo(Math.sqrt(5 / 3) / 2, 14);
    expect(meanSe([7]).sd).toBeNaN();
    expect(() => meanSe([])).toThrow(ParameterError);
  });
});

describe('edges, grids, KDE and mean at the limits of their input', () => {
  it('refuses edges and grids that would hold NaN or repeated edges, naming the argument', () => {
    const refused = (f: () => unknown, parameter: string) => {
      let error: unknown;
      try {
        f();
      } catch (e) {
        error = e;
      }
      expect(error, parameter).toBeInstanceOf(ParameterError);
      expect((error as ParameterError).parameter).toBe(parameter);
    };
    refused(() => logEdges(0, 1, 3), 'lo');
    refused(() => logEdges(-1, 1, 3), 'lo');
    refused(() => grid(-1, 2, 3, true), 'lo');
    refused(() => grid(1, 0, 3, true), 'hi');
    refused(() => linearEdges(1, 1, 3), 'hi');
    refused(() => linearEdges(2, 1, 3), 'hi');
    refused(() => linearEdges(0, NaN, 3), 'hi');
    refused(() => linearEdges(0, 1, 0), 'bins');
    refused(() => linearEdges(0, 1, 2.5), 'bins');
    refused(() => linearEdges(1, 1 + Number.EPSILON, 4), 'bins'); // 1 and 1 + ε have no doubles between them
    refused(() => grid(0, 1, 0), 'n');
  });

  it('spans ranges wider than the largest double', () => {
    // (−1e308, 1e308) in 4 bins: the edges are −1e308, −5e307, 0, 5e307, 1e308 (hi − lo = 2e308 overflows, its
    // half does not); the histogram's centres and densities stay finite too.
    const e = linearEdges(-1e308, 1e308, 4);
    expect(Array.from(e)).toEqual([-1e308, -5e307, 0, 5e307, 1e308]);
    const h = histogram([-7e307, 1e307, 2e307], linearEdges(-1e308, 1e308, 1));
    expect(h.centres[0]).toBe(0);
    // 3 of 3 values in one bin of width 2e308: density 1/2e308 = 5e-309, a subnormal (1e-6 relative is ~1000 of its ulp).
    expect(Math.abs(h.density[0] / 5e-309 - 1)).toBeLessThan(1e-6);
    const upper = histogram([1.5e308], linearEdges(1e308, 1.7e308, 2));
    expect(Math.abs(upper.centres[1] / 1.525e308 - 1)).toBeLessThan(1e-15);
    // A log grid over 600 decades: hi/lo overflows, the logarithms do not; the middle point is 1 (to rounding).
    const g = grid(1e-300, 1e300, 3, true);
    expect(g[0]).toBe(1e-300);
    expect(g[2]).toBe(1e300);
    expect(Math.abs(g[1] - 1)).toBeLessThan(1e-12); // exp of a sum of logs of size 690: ~690·ε relative
  });

  it('triangularKde refuses an empty sample and a NaN point', () => {
    expect(() => triangularKde([], 0.5, [0])).toThrow(ParameterError);
    expect(() => triangularKde([1], 0.5, [NaN])).toThrow(ParameterError);
    expect(Array.from(triangularKde([0], 0.5, [0, 0.25, Infinity]))).toEqual([2, 1, 0]);
  });

  it('meanSe does not overflow for values near ±1.8e308', () => {
    // Mean 1e308/3 and SD √((2·(2/3)² + (4/3)²)/2)·1e308 = (2/√3)·1e308 (mpmath: 1.1547005383792515417e308); the
    // sums overflowed to NaN. Two values ±1.7e308 have SD 2.4e308, beyond the doubles: refused.
    const r = meanSe([1e308, 1e308, -1e308]);
    expect(Math.abs(r.mean / 3.3333333333333333699e307 - 1)).toBeLessThan(1e-15);
    expect(Math.abs(r.sd / 1.1547005383792515417e308 - 1)).toBeLessThan(1e-15);
    expect(Math.abs(r.se / 6.6666666666666667399e307 - 1)).toBeLessThan(1e-15);
    expect(() => meanSe([1.7e308, -1.7e308])).toThrow(ParameterError);
    // Ordinary values round exactly as before (the scaling is by a power of two).
    expect(meanSe([0.1, 0.2, 0.3]).mean).toBe((0.1 + 0.2 + 0.3) / 3);
  });
});
