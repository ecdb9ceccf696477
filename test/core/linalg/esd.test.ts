import { describe, expect, it } from 'vitest';
import { esd, esdAsync, gram, rowsOf, type Matrix, type MatrixRows } from '../../../src/core/linalg/index.js';
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

  it('refuses a spectrum above 1.8e308 or below 2.2e-308 rather than return Infinity or zeros, saying how large', () => {
    const w = gaussian('beyond', 80, 30);
    const lambdaMax = esd(w)[29];
    // λ_max scales as c²: c = 1e160 puts it near 1e320, c = 1e-160 near 1e-320 (subnormal: digits lost).
    for (const [c, exponent] of [[1e160, 320], [1e-160, -320]] as const) {
      const scaledW = { ...w, data: w.data.map((x) => x * c) };
      const about = Math.floor(Math.log10(lambdaMax) + 2 * Math.log10(c));
      expect(Math.abs(about - exponent)).toBeLessThanOrEqual(1);
      expect(() => esd(scaledW)).toThrow(new RegExp(`invalid W: .*λ_max of WᵀW/N would be about [0-9.]+e${about};`));
    }
    // The spectrum of W = 0 is zero, not a refusal.
    expect(Array.from(esd({ rows: 3, cols: 2, data: new Float64Array(6) }))).toEqual([0, 0]);
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

describe('esd of MatrixRows', () => {
  /** W's rows as a reader that records what it was asked for. */
  function recorded(w: Matrix): { rows: MatrixRows; reads: [number, number][] } {
    const reads: [number, number][] = [];
    const inner = rowsOf(w);
    return { reads, rows: { rows: w.rows, cols: w.cols, read: (first, into) => (reads.push([first, into.length / w.cols]), inner.read(first, into)) } };
  }

  // M = 1100: blocks of 256 rows (4 MiB of W at most), so N = 1100 takes five, the last one short.
  const pass = [[0, 256], [256, 256], [512, 256], [768, 256], [1024, 76]];
  const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  /** W·2^k, exactly (no entry comes near underflow or overflow here). */
  const scaled = (w: Matrix, k: number): Matrix => ({ ...w, data: w.data.map((x) => x * 2 ** k) });

  it('gives the bits of esd on the matrix, reading every row once, in order, a block at a time', () => {
    const w = gaussian('rows', 1100, 1100);
    const want = esd(w);
    const { rows, reads } = recorded(w);
    expect(same(esd(rows, '1/N'), want)).toBe(true);
    expect(reads).toEqual(pass);
  });

  it('scales W by its first block: later blocks up to 2^64 times larger keep one pass and the bits of W/2^k', () => {
    // The first block's entries are below 1, a later block's reach 2^60: scaled by the first block's power of two,
    // the product is that of W's own scale times 2^120, exactly, so the eigenvalues are the same bits.
    const w = gaussian('rows-headroom', 1100, 1100);
    for (let j = 0; j < 1100; j++) w.data[700 * 1100 + j] *= 2 ** 60;
    const { rows, reads } = recorded(w);
    const got = esd(rows);
    expect(reads).toEqual(pass);
    const small = esd(scaled(w, -100));
    expect(same(got, small.map((x) => x * 2 ** 200))).toBe(true);
    expect(got.every(Number.isFinite)).toBe(true);
  });

  it('reads W again, at its own scale, when a later block is more than 2^64 times larger than the first', () => {
    const w = gaussian('rows-beyond-headroom', 1100, 1100);
    for (let j = 0; j < 1100; j++) w.data[900 * 1100 + j] *= 2 ** 300;
    const { rows, reads } = recorded(w);
    const got = esd(rows);
    expect(reads).toEqual([...pass, ...pass]);
    // The same bits as for W scaled down so that its largest entry lies where the first block's did.
    expect(same(got, esd(scaled(w, -300)).map((x) => x * 2 ** 600))).toBe(true);
  });

  it('takes the scale from the first block that is not all zeros', () => {
    const w = gaussian('rows-leading-zeros', 1100, 1100);
    w.data.fill(0, 0, 600 * 1100);
    const { rows, reads } = recorded(w);
    const got = esd(rows);
    expect(reads).toEqual(pass);
    // Entries of 1e-90 would lose their digits in the squares' products (1e-180 · 1e-180) without scaling.
    expect(same(esd(scaled(w, -300)), got.map((x) => x * 2 ** -600))).toBe(true);
    // Rank 500: 600 eigenvalues at rounding level.
    expect(Math.abs(got[599])).toBeLessThan(1e-13 * got[1099]);
    expect(got[600]).toBeGreaterThan(1e-3 * got[1099]);
  });

  it('reads a W that fits in one block only once', () => {
    const w = gaussian('rows-one-block', 301, 173);
    const { rows, reads } = recorded(w);
    expect(esd(rows).every((x, i) => Object.is(x, esd(w)[i]))).toBe(true);
    expect(reads).toEqual([[0, 301]]);
  });

  it('names a non-finite entry by its row in W, not in its block', () => {
    // M = 600: blocks of 768 rows; the NaN lies in the third.
    const w = gaussian('rows-nan', 2000, 600);
    w.data[1700 * 600 + 31] = Number.NaN;
    expect(() => esd(rowsOf(w))).toThrow('W[1700][31]');
  });

  it('passes on an error of the reader', () => {
    const w = gaussian('rows-fails', 1100, 1100);
    const failing: MatrixRows = {
      rows: 1100,
      cols: 1100,
      read(first, into) {
        if (first >= 512) throw new Error(`no rows from ${first}`);
        into.fill(1);
      },
    };
    expect(() => esd(failing)).toThrow('no rows from 512');
    // The kernels' memory is fine for the next spectrum.
    expect(esd(w)[0]).toBeGreaterThan(0);
  });

  it('esdAsync refuses options that are not what they say', async () => {
    const w = gaussian('options', 20, 10);
    await expect(esdAsync(w, '1/N', { signal: {} as AbortSignal })).rejects.toThrow(/invalid options\.signal/);
    await expect(esdAsync(w, '1/N', { onProgress: 3 as never })).rejects.toThrow(/invalid options\.onProgress/);
    await expect(esdAsync(w, '1/N', null as never)).rejects.toThrow(/invalid options/);
    expect(Array.from(await esdAsync(w, '1/N', { signal: new AbortController().signal, onProgress: () => undefined }))).toEqual(Array.from(esd(w)));
  });

  it('refuses shapes esd refuses', () => {
    const read = () => undefined;
    expect(() => esd({ rows: 3, cols: 5, read })).toThrow(/N ≥ M/);
    expect(() => esd({ rows: 0, cols: 5, read })).toThrow(ParameterError);
    expect(() => esd({ rows: 2.5, cols: 1, read })).toThrow(ParameterError);
  });
});
