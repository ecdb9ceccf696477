import { describe, expect, it } from 'vitest';
import { esd, esdInput, gram } from '../../../src/core/linalg/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { gaussian, jacobiEigenvalues, maxAbs, maxAbsDiff } from './reference.js';

const TOL = 1e-12; // relative to λ_max

function rel(got: Float64Array, want: ArrayLike<number>): number {
  return maxAbsDiff(got, want) / maxAbs(want);
}

describe('esd', () => {
  it('equals the Jacobi eigenvalues of WᵀW/N and of WᵀW', () => {
    const w = gaussian('esd', 150, 70);
    const want = jacobiEigenvalues(gram(w, 1 / 150).data, 70);
    expect(rel(esd(w), want)).toBeLessThan(TOL);
    expect(rel(esd(w, 'none'), want.map((x) => x * 150))).toBeLessThan(TOL);
  });

  it('finds the zeros of a rank-deficient WᵀW (N ≥ M, rank 12 < M = 40)', () => {
    const u = gaussian('rank-u', 60, 12);
    const v = gaussian('rank-v', 12, 40);
    const data = new Float64Array(60 * 40);
    for (let i = 0; i < 60; i++)
      for (let j = 0; j < 40; j++) {
        let s = 0;
        for (let k = 0; k < 12; k++) s += u.data[i * 12 + k] * v.data[k * 40 + j];
        data[i * 40 + j] = s;
      }
    const values = esd({ rows: 60, cols: 40, data });
    const top = values[39];
    for (let i = 0; i < 28; i++) expect(Math.abs(values[i])).toBeLessThan(TOL * top);
    expect(values[28]).toBeGreaterThan(1e-3 * top);
    expect(rel(values, jacobiEigenvalues(gram({ rows: 60, cols: 40, data }, 1 / 60).data, 40))).toBeLessThan(TOL);
  });

  it('works for square W (Q = 1), a single column and a 1×1 matrix', () => {
    const w = gaussian('square', 50, 50);
    expect(rel(esd(w), jacobiEigenvalues(gram(w, 1 / 50).data, 50))).toBeLessThan(TOL);
    const col = gaussian('column', 9, 1);
    let s = 0;
    for (const x of col.data) s += x * x;
    expect(esd(col)[0]).toBeCloseTo(s / 9, 14);
    expect(Array.from(esd({ rows: 1, cols: 1, data: new Float64Array([-3]) }))).toEqual([9]);
  });

  it('scales as c² under W → cW, even at 1e±150', () => {
    const w = gaussian('scale', 80, 30);
    const base = esd(w);
    for (const c of [1e-150, 1e150, 3]) {
      const got = esd({ ...w, data: w.data.map((x) => x * c) });
      expect(got.every(Number.isFinite)).toBe(true);
      expect(rel(got, base.map((x) => x * c * c))).toBeLessThan(TOL);
    }
  });

  it('is invariant under permutations of the rows and of the columns of W', () => {
    const [n, m] = [64, 24];
    const w = gaussian('perm', n, m);
    const p = new Float64Array(n * m);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) p[i * m + j] = w.data[((i * 13 + 5) % n) * m + ((j * 7 + 3) % m)];
    expect(rel(esd({ rows: n, cols: m, data: p }), esd(w))).toBeLessThan(TOL);
  });

  it('rejects N < M naming the convention, non-finite entries and unknown normalizations', () => {
    const wide = gaussian('wide', 3, 5);
    expect(() => esd(wide)).toThrow(ParameterError);
    expect(() => esd(wide)).toThrow(/N ≥ M/);
    const w = gaussian('nan', 6, 2);
    w.data[3] = Infinity;
    expect(() => esd(w)).toThrow(ParameterError);
    expect(() => esd(gaussian('ok', 6, 2), 'sqrt' as never)).toThrow(ParameterError);
  });

  it('names the first NaN or infinite entry by row and column, wherever the largest entry is', () => {
    const w = gaussian('bad-entry', 37, 9);
    w.data[5 * 9 + 7] = Number.NaN;
    expect(() => esd(w)).toThrow('W[5][7]');
    w.data[5 * 9 + 7] = 0;
    w.data[36 * 9 + 8] = -Infinity; // the last entry: past the kernel's blocks of four
    expect(() => esd(w)).toThrow('W[36][8]');
  });
});

describe('esdInput', () => {
  it('gives the place where esd reads W: filled there, the same eigenvalues bit for bit', () => {
    const w = gaussian('staged', 301, 173);
    const want = esd(w);
    const staged = esdInput(301, 173);
    staged.data.set(w.data);
    const got = esd(staged);
    expect(got.every((x, i) => Object.is(x, want[i]))).toBe(true);
    // A matrix anywhere else is copied as before.
    expect(esd({ ...w, data: w.data.slice() }).every((x, i) => Object.is(x, want[i]))).toBe(true);
  });

  it('still refuses non-finite entries of a staged W, naming the entry', () => {
    const staged = esdInput(20, 4);
    staged.data.set(gaussian('staged-nan', 20, 4).data);
    staged.data[13 * 4 + 2] = Number.NaN;
    expect(() => esd(staged)).toThrow('W[13][2]');
  });

  it('refuses shapes esd refuses', () => {
    expect(() => esdInput(3, 5)).toThrow(/N ≥ M/);
    expect(() => esdInput(0, 5)).toThrow(ParameterError);
    expect(() => esdInput(2.5, 1)).toThrow(ParameterError);
  });
});
