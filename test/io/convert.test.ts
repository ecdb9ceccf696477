import { describe, expect, it } from 'vitest';
import { FormatError, ParameterError } from '../../src/core/errors.js';
import { asMatrix, asVector, toFloat64 } from '../../src/io/convert.js';
import type { NdArray } from '../../src/io/ndarray.js';
import { readNpy } from '../../src/io/npy.js';
import { fixture, formulaValue, toHex } from './fixtures.js';

const formula = (code: string, n: number): number[] => Array.from({ length: n }, (_, k) => Number(formulaValue(code, k)));

describe('toFloat64', () => {
  it('returns C-order values for every fixture layout and type that fits float64', () => {
    const files: [string, string, number][] = [
      ['f8-le-f-3d.npy', 'f8', 24],
      ['i4-be-c-3d.npy', 'i4', 24],
      ['f4-be-f.npy', 'f4', 6],
      ['u4-be-f.npy', 'u4', 6],
      ['i1-c.npy', 'i1', 6],
      ['b1-f.npy', 'b1', 6],
      ['f8-0d.npy', 'f8', 1],
      ['i2-be-empty-2d.npy', 'i2', 0],
    ];
    for (const [file, code, n] of files) expect(Array.from(toFloat64(readNpy(fixture(file)))), file).toEqual(formula(code, n));
  });

  it('converts 64-bit integers up to ±2^53 and refuses beyond', () => {
    const arr = (values: bigint[]): NdArray => ({ shape: [values.length], dtype: '<i8', fortranOrder: false, data: new BigInt64Array(values) });
    expect(Array.from(toFloat64(arr([2n ** 53n, -(2n ** 53n), 0n])))).toEqual([2 ** 53, -(2 ** 53), 0]);
    expect(() => toFloat64(arr([1n, 2n ** 53n + 1n]), 'w.npy')).toThrow(/w\.npy.*9007199254740993 at flat index 1/);
    expect(() => toFloat64(readNpy(fixture('i8-le-c.npy')))).toThrow(FormatError);
    const unsigned: NdArray = { shape: [1], dtype: '<u8', fortranOrder: false, data: new BigUint64Array([2n ** 64n - 1n]) };
    expect(() => toFloat64(unsigned)).toThrow(FormatError);
  });

  it('moves float64 bits unchanged when reordering Fortran data (NaN payloads, -0)', () => {
    const bits = new BigUint64Array([0x7ff8000000000001n, 0x8000000000000000n, 0xfff4000000000abcn, 1n, 2n, 3n]);
    const arr: NdArray = { shape: [2, 3], dtype: '<f8', fortranOrder: true, data: new Float64Array(bits.buffer) };
    const expected = new BigUint64Array([bits[0], bits[2], bits[4], bits[1], bits[3], bits[5]]);
    expect(toHex(toFloat64(arr))).toBe(toHex(expected));
  });

  it('returns a copy, never the array it was given', () => {
    const arr = readNpy(fixture('f8-le-c.npy'));
    const values = toFloat64(arr);
    values[0] = 99;
    expect(arr.data[0]).toBe(-2 / 3);
  });

  it('with copy: false returns float64 C-order data itself, and still converts everything else', () => {
    const arr = readNpy(fixture('f8-le-c.npy'));
    expect(toFloat64(arr, 'f8', { copy: false })).toBe(arr.data);
    expect(asMatrix(arr, 'f8', { copy: false }).data).toBe(arr.data);
    expect(() => toFloat64(arr, 'f8', { copy: 'no' as never })).toThrow(/invalid copy: "no".*allowed: true or false/);
    const fortran = readNpy(fixture('f8-be-f.npy'));
    expect(Array.from(toFloat64(fortran, 'f8', { copy: false }))).toEqual(Array.from(toFloat64(fortran)));
    const ints = readNpy(fixture('i4-le-c.npy'));
    expect(toFloat64(ints, 'i4', { copy: false })).toBeInstanceOf(Float64Array);
  });

  it('rejects an NdArray whose shape does not match its data', () => {
    expect(() => toFloat64({ shape: [2, 2], dtype: '<f8', fortranOrder: false, data: new Float64Array(3) })).toThrow(ParameterError);
  });
});

describe('asMatrix', () => {
  it('gives the same row-major matrix for C- and Fortran-ordered files', () => {
    for (const file of ['f8-le-c.npy', 'f8-be-f.npy', 'f8-be-f-v3.npy']) {
      const m = asMatrix(readNpy(fixture(file)));
      expect(m.rows).toBe(2);
      expect(m.cols).toBe(3);
      expect(Array.from(m.data)).toEqual(formula('f8', 6)); // entry (i, j) = formula at k = 3i + j
    }
  });

  it('names the shape of a non-2-D array', () => {
    expect(() => asMatrix(readNpy(fixture('f8-le-f-3d.npy')), 'W.npy')).toThrow(/cannot read W\.npy: expected a 2-D array, got shape \(2, 3, 4\)/);
    expect(() => asMatrix(readNpy(fixture('f8-1d.npy')))).toThrow(/shape \(5,\)/);
    expect(() => asMatrix(readNpy(fixture('f8-0d.npy')))).toThrow(/shape \(\)/);
  });
});

describe('asVector', () => {
  it('accepts 1-D arrays and single rows or columns', () => {
    expect(Array.from(asVector(readNpy(fixture('f8-1d.npy'))))).toEqual(formula('f8', 5));
    const column: NdArray = { shape: [3, 1], dtype: '<f4', fortranOrder: true, data: new Float32Array([1, 2, 3]) };
    expect(Array.from(asVector(column))).toEqual([1, 2, 3]);
    const row: NdArray = { shape: [1, 2], dtype: '|u1', fortranOrder: false, data: new Uint8Array([4, 5]) };
    expect(Array.from(asVector(row))).toEqual([4, 5]);
  });

  it('refuses matrices and scalars with a FormatError naming the shape', () => {
    expect(() => asVector(readNpy(fixture('f8-le-c.npy')), 'eigs.npy')).toThrow(/eigs\.npy: expected a 1-D array.*got shape \(2, 3\)/);
    expect(() => asVector(readNpy(fixture('f8-0d.npy')))).toThrow(FormatError);
  });
});
