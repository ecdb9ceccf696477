import { describe, expect, it } from 'vitest';
import { symmetricEigenvalues, type Matrix } from '../../../src/core/linalg/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { jacobiEigenvalues, maxAbs, maxAbsDiff, randomSymmetric, withSpectrum } from './reference.js';

// Target accuracy: eigenvalues within 1e-12 of λ_max (the backward-stable bound is ~n·eps·‖A‖ ≈ 1e-13 here).
const TOL = 1e-12;

function relativeError(got: Float64Array, want: ArrayLike<number>): number {
  return maxAbsDiff(got, want) / maxAbs(want);
}

function scaled(a: Matrix, c: number): Matrix {
  return { ...a, data: a.data.map((x) => x * c) };
}

describe('symmetricEigenvalues: known spectra', () => {
  it('recovers spread, clustered, repeated and zero eigenvalues of Q·D·Qᵀ', () => {
    const values: number[] = [];
    for (let i = 0; i < 60; i++) values.push(-5 + i * 0.2); // spread
    for (let i = 0; i < 30; i++) values.push(1 + i * 1e-11); // cluster
    for (let i = 0; i < 20; i++) values.push(7); // multiplicity 20
    for (let i = 0; i < 25; i++) values.push(0); // null space
    for (let i = 0; i < 15; i++) values.push(-2.5); // negative repeated
    const a = withSpectrum('known', values);
    const want = Float64Array.from(values).sort();
    expect(relativeError(symmetricEigenvalues(a), want)).toBeLessThan(TOL);
  });

  it('handles sizes that exercise both SIMD tails (n = 3, 4, 5, 33)', () => {
    for (const n of [3, 4, 5, 33]) {
      const values = Array.from({ length: n }, (_, i) => Math.cos(i) * 3);
      const a = withSpectrum(`tails-${n}`, values);
      expect(relativeError(symmetricEigenvalues(a), Float64Array.from(values).sort())).toBeLessThan(TOL);
    }
  });

  it('gives 1×1 and the closed-form 2×2', () => {
    expect(Array.from(symmetricEigenvalues({ rows: 1, cols: 1, data: new Float64Array([-4.5]) }))).toEqual([-4.5]);
    const [a, b, c] = [2, -3, 0.5];
    const mid = (a + c) / 2;
    const r = Math.hypot((a - c) / 2, b);
    const got = symmetricEigenvalues({ rows: 2, cols: 2, data: new Float64Array([a, b, b, c]) });
    expect(relativeError(got, [mid - r, mid + r])).toBeLessThan(1e-15);
  });
});

describe('symmetricEigenvalues versus cyclic Jacobi', () => {
  it.each([50, 120, 200])('random symmetric n = %i', (n) => {
    const a = randomSymmetric(`jacobi-${n}`, n);
    expect(relativeError(symmetricEigenvalues(a), jacobiEigenvalues(a.data, n))).toBeLessThan(TOL);
  });

  it('tiny (1e-150) and huge (1e150) scales, without overflow or underflow', () => {
    const a = randomSymmetric('scales', 60);
    const want = jacobiEigenvalues(a.data, 60);
    for (const c of [1e-150, 1e150, 1e-300, 1e300]) {
      const got = symmetricEigenvalues(scaled(a, c));
      expect(got.every(Number.isFinite)).toBe(true);
      expect(relativeError(got, want.map((x) => x * c))).toBeLessThan(TOL);
    }
  });
});

describe('symmetricEigenvalues: invariances and input handling', () => {
  it('scales with A and reverses under negation', () => {
    const a = randomSymmetric('invariance', 80);
    const base = symmetricEigenvalues(a);
    expect(relativeError(symmetricEigenvalues(scaled(a, 3)), base.map((x) => 3 * x))).toBeLessThan(TOL);
    expect(relativeError(symmetricEigenvalues(scaled(a, -1)), base.map((x) => -x).reverse())).toBeLessThan(TOL);
  });

  it('is invariant under a symmetric permutation P·A·Pᵀ', () => {
    const n = 90;
    const a = randomSymmetric('permutation', n);
    const perm = Array.from({ length: n }, (_, i) => (i * 37 + 11) % n); // 37 is coprime with 90
    const p = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) p[i * n + j] = a.data[perm[i] * n + perm[j]];
    const want = symmetricEigenvalues(a);
    expect(relativeError(symmetricEigenvalues({ rows: n, cols: n, data: p }), want)).toBeLessThan(TOL);
  });

  it('does not modify its input', () => {
    const a = randomSymmetric('untouched', 40);
    const copy = Float64Array.from(a.data);
    symmetricEigenvalues(a);
    expect(a.data).toEqual(copy);
  });

  it('rejects NaN, Infinity, non-square and non-symmetric input', () => {
    const a = randomSymmetric('reject', 5);
    for (const bad of [NaN, Infinity, -Infinity]) {
      const data = Float64Array.from(a.data);
      data[7] = bad;
      expect(() => symmetricEigenvalues({ rows: 5, cols: 5, data })).toThrow(ParameterError);
      expect(() => symmetricEigenvalues({ rows: 5, cols: 5, data })).toThrow(/A\[1\]\[2\]/);
    }
    expect(() => symmetricEigenvalues({ rows: 2, cols: 3, data: new Float64Array(6) })).toThrow(ParameterError);
    expect(() => symmetricEigenvalues({ rows: 2, cols: 2, data: new Float64Array([1, 2, 3, 4]) })).toThrow(
      /symmetric/,
    );
    expect(() => symmetricEigenvalues({ rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(ParameterError);
  });
});

describe('symmetricEigenvalues: spectra beyond float64', () => {
  it('refuses a spectrum above 1.8e308 (entries that fit, eigenvalues that do not), naming A and the size', () => {
    const full = (x: number): Matrix => ({ rows: 2, cols: 2, data: Float64Array.from([x, x, x, x]) });
    for (const x of [1e308, -1e308]) {
      expect(() => symmetricEigenvalues(full(x))).toThrow(ParameterError);
      expect(() => symmetricEigenvalues(full(x))).toThrow(/invalid A: "entries up to .*max \|λ\| would be about 2e308/);
    }
    // Just inside: eigenvalues 0 and 2·8e307 = 1.6e308, returned as they are.
    expect(Array.from(symmetricEigenvalues(full(8e307)))).toEqual([0, 1.6e308]);
  });
});
