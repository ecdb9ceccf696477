import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { grid, histogram, linearEdges, logEdges, meanSe, quantileSorted, steppedGrid } from '../../../src/core/stats/index.js';

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
    expect(quantileSorted([], 0.5)).toBeNaN();
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
