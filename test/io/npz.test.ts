import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError, ParameterError } from '../../src/core/errors.js';
import { toFloat64 } from '../../src/io/convert.js';
import { readNpz, writeNpz } from '../../src/io/npz.js';
import { readZip, writeZip } from '../../src/io/zip.js';
import { cIndexOfStored, expectFormatError, fixture, formulaValue, hasNumpy, python, tempDir, toHex, xorshift } from './fixtures.js';

const formula = (code: string, n: number): number[] => Array.from({ length: n }, (_, k) => Number(formulaValue(code, k)));

/** Offset of the n-th central directory record (signature PK\x01\x02). */
function centralRecord(bytes: Uint8Array, n = 0): number {
  let found = -1;
  for (let i = 0; i + 4 <= bytes.length; i++) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 1 && bytes[i + 3] === 2 && ++found === n) return i;
  }
  throw new Error('no central record');
}

describe('readNpz on numpy-written archives', () => {
  function checkCommon(arrays: Map<string, import('../../src/io/ndarray.js').NdArray>): void {
    const a = arrays.get('a')!;
    expect(a).toMatchObject({ shape: [2, 3], dtype: '<f8', fortranOrder: false });
    expect(Array.from(toFloat64(a))).toEqual(formula('f8', 6));
    const b = arrays.get('b')!;
    expect(b).toMatchObject({ shape: [4], dtype: '<i4' });
    expect(Array.from(b.data as Int32Array)).toEqual(formula('i4', 4));
    const c = arrays.get('c')!;
    expect(c).toMatchObject({ shape: [3, 2], dtype: '|b1', fortranOrder: true });
    expect(Array.from(c.data as Uint8Array)).toEqual([0, 1, 2, 3, 4, 5].map((p) => formulaValue('b1', cIndexOfStored(p, [3, 2], true))));
  }

  it('reads np.savez (stored entries, ZIP64 local headers)', () => {
    const arrays = readNpz(fixture('arrays.npz'));
    expect([...arrays.keys()]).toEqual(['a', 'b', 'c']);
    checkCommon(arrays);
  });

  it('reads np.savez_compressed (fixed and dynamic Huffman blocks)', () => {
    const arrays = readNpz(fixture('arrays-compressed.npz'));
    expect([...arrays.keys()].sort()).toEqual(['a', 'arr_0', 'b', 'c']);
    checkCommon(arrays);
    expect(arrays.get('arr_0')!.shape).toEqual([8, 8]);
    expect(Array.from(toFloat64(arrays.get('arr_0')!))).toEqual(formula('f8', 64));
  });

  it('turns every truncation into a FormatError', () => {
    for (const name of ['arrays.npz', 'arrays-compressed.npz']) {
      const bytes = fixture(name);
      for (let n = 0; n < bytes.length; n++) expectFormatError(() => readNpz(bytes.subarray(0, n)));
    }
  });

  it('throws only FormatError on random corruption, and catches changed data by CRC', () => {
    const next = xorshift(4242);
    for (const name of ['arrays.npz', 'arrays-compressed.npz']) {
      const original = fixture(name);
      for (let trial = 0; trial < 800; trial++) {
        const bytes = original.slice();
        for (let f = 1 + (next() % 2); f > 0; f--) bytes[next() % bytes.length] = next() & 0xff;
        try {
          readNpz(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(FormatError);
        }
      }
    }
    const bytes = fixture('arrays.npz').slice();
    const dataStart = 30 + bytes[26] + bytes[28]; // first entry's data follows its local header
    bytes[dataStart + 100] ^= 1;
    expectFormatError(() => readNpz(bytes), /entry "a\.npy".*CRC-32 mismatch/);
  });

  it('names unsupported compression methods, encryption and non-ZIP input', () => {
    const bzip = fixture('arrays.npz').slice();
    bzip[centralRecord(bzip) + 10] = 12;
    expectFormatError(() => readNpz(bzip), /compression bzip2 is not supported/);
    const encrypted = fixture('arrays.npz').slice();
    encrypted[centralRecord(encrypted) + 8] |= 1;
    expectFormatError(() => readNpz(encrypted), /encrypted/);
    expectFormatError(() => readNpz(fixture('f8-le-c.npy')), /not a ZIP archive/);
    expect(() => readNpz(null as unknown as Uint8Array)).toThrow(ParameterError);
  });

  it('skips entries that are not .npy files and refuses duplicates', () => {
    const npy = readZip(fixture('arrays.npz'), 'test')[0].data;
    const mixed = writeZip([
      { name: 'README.txt', data: new TextEncoder().encode('hello') },
      { name: 'dir/', data: new Uint8Array(0) },
      { name: 'x.npy', data: npy },
    ]);
    expect([...readNpz(mixed).keys()]).toEqual(['x']);
    expectFormatError(() => readNpz(writeZip([{ name: 'x.npy', data: npy }, { name: 'x.npy', data: npy }])), /duplicate/);
  });
});

describe('writeNpz', () => {
  const entries = {
    weights: { data: new Float64Array([1, -0, NaN, 5e-324]), shape: [2, 2], fortranOrder: true },
    labels: { data: new Int8Array([-1, 1, 1]), shape: [3] },
    'λ_max': { data: new Float32Array([2.5]), shape: [] },
  };

  it('round-trips through readNpz and is reproducible byte for byte', () => {
    const bytes = writeNpz(entries);
    expect(toHex(writeNpz(entries))).toBe(toHex(bytes));
    const back = readNpz(bytes);
    expect([...back.keys()]).toEqual(['weights', 'labels', 'λ_max']);
    expect(back.get('weights')).toMatchObject({ shape: [2, 2], fortranOrder: true, dtype: '<f8' });
    expect(toHex(back.get('weights')!.data)).toBe(toHex(entries.weights.data));
    expect(Array.from(back.get('labels')!.data as Int8Array)).toEqual([-1, 1, 1]);
    expect(back.get('λ_max')!.data[0]).toBe(2.5);
  });

  it('validates its parameters', () => {
    expect(() => writeNpz({ '': { data: new Float64Array(1), shape: [1] } })).toThrow(ParameterError);
    expect(() => writeNpz({ x: { data: new Float64Array(2), shape: [3] } })).toThrow(ParameterError);
    expect(() => writeNpz(null as unknown as Record<string, never>)).toThrow(ParameterError);
  });

  it.skipIf(!hasNumpy)('is read exactly by np.load, and reads np.savez / np.savez_compressed random data bit for bit', () => {
    const { dir, cleanup } = tempDir();
    try {
      const ours = join(dir, 'ours.npz');
      writeFileSync(ours, writeNpz(entries));
      const seen = python(
        `import sys, json, numpy as np
with np.load(sys.argv[1]) as z:
    print(json.dumps({k: [z[k].dtype.str, list(z[k].shape), z[k].tobytes(order='A').hex()] for k in z.files}, ensure_ascii=False))
rng = np.random.default_rng(3)
a = (rng.integers(0, 2**64, size=(50, 7), dtype=np.uint64)).view(np.float64)
a.flat[:6] = np.array([0.0, -0.0, np.nan, np.inf, -np.inf, 5e-324])
np.savez(sys.argv[2], a=a, b=np.asfortranarray(a))
np.savez_compressed(sys.argv[3], a=a, b=np.asfortranarray(a), z=np.zeros((300, 20)))
print(a.tobytes().hex())`,
        [ours, join(dir, 'plain.npz'), join(dir, 'compressed.npz')],
      )
        .trim()
        .split('\n');
      const loaded = JSON.parse(seen[0]);
      expect(Object.keys(loaded)).toEqual(['weights', 'labels', 'λ_max']);
      expect(loaded.weights).toEqual(['<f8', [2, 2], toHex(entries.weights.data)]);
      expect(loaded.labels).toEqual(['|i1', [3], toHex(entries.labels.data)]);
      expect(loaded['λ_max']).toEqual(['<f4', [], toHex(entries['λ_max'].data)]);
      for (const file of ['plain.npz', 'compressed.npz']) {
        const arrays = readNpz(new Uint8Array(readFileSync(join(dir, file))));
        expect(toHex(toFloat64(arrays.get('a')!))).toBe(seen[1]);
        expect(arrays.get('b')!.fortranOrder).toBe(true);
        expect(toHex(toFloat64(arrays.get('b')!))).toBe(seen[1]);
      }
      const zeros = readNpz(new Uint8Array(readFileSync(join(dir, 'compressed.npz')))).get('z')!;
      expect(zeros.shape).toEqual([300, 20]);
      expect((zeros.data as Float64Array).every((x) => Object.is(x, 0))).toBe(true);
    } finally {
      cleanup();
    }
  });
});

describe('writeNpz refuses what would not be what was meant', () => {
  it('a Map (its entries are not properties: the archive would be empty) and names with a path separator', () => {
    const a = { data: Float64Array.of(1, 2), shape: [2] };
    expect(() => writeNpz(new Map([['W', a]]) as never)).toThrow(/invalid entries: "an object".*named arrays/);
    expect(() => writeNpz({ '../x': a })).toThrow(/without \/ or \\/);
    expect(() => writeNpz({ 'a\\b': a })).toThrow(ParameterError);
    expect(readNpz(writeNpz({ 'x.y-1': a })).get('x.y-1')!.shape).toEqual([2]);
  });
});
