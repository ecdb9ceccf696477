import { describe, expect, it } from 'vitest';
import { tridiagonalEigenvalues } from '../../../src/core/linalg/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { createStream, fillNormal } from '../../../src/core/random/index.js';
import { jacobiEigenvalues, maxAbsDiff } from './reference.js';

function laplacian(n: number, scale: number): { d: Float64Array; e: Float64Array; exact: Float64Array } {
  const d = new Float64Array(n).fill(2 * scale);
  const e = new Float64Array(n - 1).fill(-scale);
  // Eigenvalues of the 1-D Dirichlet Laplacian: 2 − 2cos(kπ/(n+1)).
  const exact = Float64Array.from({ length: n }, (_, k) => 2 - 2 * Math.cos(((k + 1) * Math.PI) / (n + 1)));
  exact.forEach((x, k) => (exact[k] = x * scale));
  return { d, e, exact: exact.sort() };
}

describe('tridiagonalEigenvalues', () => {
  it('matches the closed-form spectrum of the discrete Laplacian', () => {
    const { d, e, exact } = laplacian(300, 1);
    // λmax ≈ 4; a backward-stable QL errs by a few ulps of it.
    expect(maxAbsDiff(tridiagonalEigenvalues(d, e), exact)).toBeLessThan(1e-14 * 4);
  });

  it('rescales blocks near overflow and underflow (1e300 and 1e-300)', () => {
    for (const scale of [1e300, 1e-300, 1e-310]) {
      const { d, e, exact } = laplacian(50, scale);
      const got = tridiagonalEigenvalues(d, e);
      expect(got.every(Number.isFinite)).toBe(true);
      expect(maxAbsDiff(got, exact) / (4 * scale)).toBeLessThan(scale < 1e-305 ? 1e-9 : 1e-14);
    }
  });

  it("reproduces Wilkinson's W21+ (largest pair 10.7461941829033…)", () => {
    const d = Float64Array.from({ length: 21 }, (_, i) => Math.abs(10 - i));
    const e = new Float64Array(20).fill(1);
    const got = tridiagonalEigenvalues(d, e);
    expect(got[20]).toBeCloseTo(10.746194182903393, 13);
    expect(got[19]).toBeCloseTo(10.746194182903322, 13);
  });

  it('agrees with Jacobi on random tridiagonals, including split (zero) couplings', () => {
    const n = 120;
    const s = createStream('tridiagonal', 'jacobi');
    const d = fillNormal(s, new Float64Array(n));
    const e = fillNormal(s, new Float64Array(n - 1));
    for (let i = 0; i < n - 1; i += 17) e[i] = 0;
    const dense = new Float64Array(n * n);
    for (let i = 0; i < n; i++) dense[i * n + i] = d[i];
    for (let i = 0; i < n - 1; i++) dense[i * n + i + 1] = dense[(i + 1) * n + i] = e[i];
    const want = jacobiEigenvalues(dense, n);
    expect(maxAbsDiff(tridiagonalEigenvalues(d, e), want)).toBeLessThan(1e-13 * Math.max(...want.map(Math.abs)));
  });

  it('handles 1×1, 2×2 and a diagonal matrix, and leaves inputs alone', () => {
    expect(Array.from(tridiagonalEigenvalues(new Float64Array([-3]), new Float64Array(0)))).toEqual([-3]);
    const two = tridiagonalEigenvalues(new Float64Array([1, 3]), new Float64Array([2]));
    expect(two[0]).toBeCloseTo(2 - Math.sqrt(5), 15);
    expect(two[1]).toBeCloseTo(2 + Math.sqrt(5), 14);
    const d = new Float64Array([3, -1, 2, 0]);
    const e = new Float64Array(3);
    expect(Array.from(tridiagonalEigenvalues(d, e))).toEqual([-1, 0, 2, 3]);
    expect(Array.from(d)).toEqual([3, -1, 2, 0]);
  });

  it('rejects mismatched lengths and non-finite entries', () => {
    expect(() => tridiagonalEigenvalues(new Float64Array(0), new Float64Array(0))).toThrow(ParameterError);
    expect(() => tridiagonalEigenvalues(new Float64Array(3), new Float64Array(3))).toThrow(ParameterError);
    expect(() => tridiagonalEigenvalues(new Float64Array([1, NaN]), new Float64Array(1))).toThrow(ParameterError);
    expect(() => tridiagonalEigenvalues(new Float64Array(2), new Float64Array([Infinity]))).toThrow(/e\[0\]/);
  });
});
