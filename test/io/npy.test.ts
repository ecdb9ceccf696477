import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError, ParameterError } from '../../src/core/errors.js';
import { toFloat64 } from '../../src/io/convert.js';
import { readNpy, writeNpy } from '../../src/io/npy.js';
import { cIndexOfStored, fixture, formatError, formulaValue, hasNumpy, python, tempDir, toHex, xorshift } from './fixtures.js';

interface Case {
  file: string;
  dtype: string;
  shape: number[];
  fortran: boolean;
  version: number;
  ctor: string;
}

const ctorOf: Record<string, string> = {
  f4: 'Float32Array', f8: 'Float64Array', i1: 'Int8Array', i2: 'Int16Array', i4: 'Int32Array', i8: 'BigInt64Array',
  u1: 'Uint8Array', u2: 'Uint16Array', u4: 'Uint32Array', u8: 'BigUint64Array', b1: 'Uint8Array',
};

const c = (file: string, dtype: string, shape: number[], fortran = false, version = 1): Case => ({
  file, dtype, shape, fortran, version, ctor: ctorOf[dtype.slice(1)],
});

const cases: Case[] = [
  ...['f4', 'f8', 'i2', 'i4', 'i8', 'u2', 'u4', 'u8'].flatMap((code) => [
    c(`${code}-le-c.npy`, `<${code}`, [2, 3]),
    c(`${code}-be-f.npy`, `>${code}`, [2, 3], true),
  ]),
  c('i1-c.npy', '|i1', [2, 3]),
  c('u1-c.npy', '|u1', [2, 3]),
  c('b1-f.npy', '|b1', [2, 3], true),
  c('f8-be-c.npy', '>f8', [2, 3]),
  c('f8-le-f-3d.npy', '<f8', [2, 3, 4], true),
  c('i4-be-c-3d.npy', '>i4', [2, 3, 4]),
  c('f8-0d.npy', '<f8', []),
  c('f8-empty.npy', '<f8', [0]),
  c('i2-be-empty-2d.npy', '>i2', [2, 0]),
  c('f8-1d.npy', '<f8', [5]),
  c('f8-v2.npy', '<f8', [2, 3], false, 2),
  c('f8-be-f-v3.npy', '>f8', [2, 3], true, 3),
];

const encode = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));

/** A .npy file assembled by hand: magic, version, header length, header text (unpadded unless given so), data. */
function handmade(header: string, data: Uint8Array = new Uint8Array(0), version = 1): Uint8Array {
  const headerBytes = version === 3 ? new Uint8Array(Buffer.from(header, 'utf8')) : encode(header);
  const prefix = version === 1 ? 10 : 12;
  const out = new Uint8Array(prefix + headerBytes.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  if (version === 1) new DataView(out.buffer).setUint16(8, headerBytes.length, true);
  out.set(headerBytes, prefix);
  out.set(data, prefix + headerBytes.length);
  return out;
}


describe('readNpy on numpy-written fixtures', () => {
  for (const t of cases) {
    it(`${t.file}: ${t.dtype} ${JSON.stringify(t.shape)} ${t.fortran ? 'F' : 'C'} v${t.version}`, () => {
      const bytes = fixture(t.file);
      expect(bytes[6]).toBe(t.version);
      const arr = readNpy(bytes);
      expect(arr.dtype).toBe(t.dtype);
      expect(arr.shape).toEqual(t.shape);
      expect(arr.fortranOrder).toBe(t.fortran);
      expect(arr.data.constructor.name).toBe(t.ctor);
      const count = t.shape.reduce((a, b) => a * b, 1);
      expect(arr.data.length).toBe(count);
      for (let p = 0; p < count; p++) {
        expect(arr.data[p]).toBe(formulaValue(t.dtype.slice(1), cIndexOfStored(p, t.shape, t.fortran)));
      }
    });
  }

  it('little-endian version 1.0 fixtures are reproduced byte for byte by writeNpy', () => {
    for (const t of cases.filter((t) => !t.dtype.startsWith('>') && t.version === 1)) {
      const bytes = fixture(t.file);
      expect(toHex(writeNpy(readNpy(bytes))), t.file).toBe(toHex(bytes));
    }
    const v2 = fixture('f8-v2.npy');
    expect(toHex(writeNpy(readNpy(v2), { version: 2 }))).toBe(toHex(v2));
  });

  it('reads from a Uint8Array that is a view at an odd offset', () => {
    const bytes = fixture('f8-le-c.npy');
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    const arr = readNpy(shifted.subarray(3));
    expect(Array.from(arr.data as Float64Array)).toEqual([0, 1, 2, 3, 4, 5].map((k) => (k - 2) / 3));
  });
});

describe('readNpy without a copy', () => {
  it('shares memory with the bytes when the data is aligned and in host byte order', () => {
    const bytes = fixture('f8-le-c.npy');
    const arr = readNpy(bytes, 'f8', { copy: false });
    expect(arr.data.buffer).toBe(bytes.buffer);
    expect(Array.from(arr.data as Float64Array)).toEqual(Array.from(readNpy(bytes).data as Float64Array));
    const asOwned = readNpy(bytes);
    expect(asOwned.data.buffer).not.toBe(bytes.buffer);
  });

  it('copies when it cannot share: big-endian data, or data not aligned to its element size', () => {
    const big = fixture('f8-be-c.npy');
    const swapped = readNpy(big, 'f8', { copy: false });
    expect(swapped.data.buffer).not.toBe(big.buffer);
    expect(Array.from(swapped.data as Float64Array)).toEqual(Array.from(readNpy(big).data as Float64Array));
    const file = fixture('f8-le-c.npy');
    const shifted = new Uint8Array(file.length + 1).subarray(1);
    shifted.set(file);
    const moved = readNpy(shifted, 'f8', { copy: false });
    expect(moved.data.buffer).not.toBe(shifted.buffer);
    expect(Array.from(moved.data as Float64Array)).toEqual(Array.from(readNpy(file).data as Float64Array));
    expect(() => readNpy(file, 'f8', { copy: 0 as never })).toThrow(/invalid copy: 0 .*allowed: true or false|invalid copy: 0; allowed: true or false/);
  });
});

describe('readNpy header parsing', () => {
  const f8 = (values: number[]): Uint8Array => new Uint8Array(new Float64Array(values).buffer);

  it('accepts double quotes, no trailing comma, odd spacing, Python 2 long suffixes and no padding', () => {
    const arr = readNpy(handmade(`{ "shape" : ( 2L , 1 , ) ,"fortran_order":True,  "descr":"<f8"}`, f8([1.5, -2])));
    expect(arr).toMatchObject({ shape: [2, 1], fortranOrder: true, dtype: '<f8' });
    expect(Array.from(arr.data as Float64Array)).toEqual([1.5, -2]);
  });

  it('accepts single-byte types with any byte-order mark and normalises to |', () => {
    expect(readNpy(handmade(`{'descr': '<u1', 'fortran_order': False, 'shape': (2,)}`, new Uint8Array([7, 9]))).dtype).toBe('|u1');
  });

  it('parses string escapes in a 3.0 (UTF-8) header and rejects text after the dict', () => {
    const header = `{'fortran_order': False, 'shape': (1,), 'descr': '\\x3cf8'}`;
    expect(readNpy(handmade(header, f8([3]), 3)).dtype).toBe('<f8');
    const e = formatError(() => readNpy(handmade(`{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} é`, f8([3]), 3)));
    expect(e.message).toMatch(/unexpected "é" after the literal/);
  });

  const bad: [string, string, RegExp][] = [
    ['not a dict', `['<f8', False, (1,)]`, /not a Python dict/],
    ['missing key', `{'descr': '<f8', 'shape': (1,)}`, /expected exactly/],
    ['extra key', `{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': 1}`, /expected exactly/],
    ['object dtype', `{'descr': '|O', 'fortran_order': False, 'shape': (1,)}`, /object arrays/],
    ['unicode dtype', `{'descr': '<U3', 'fortran_order': False, 'shape': (1,)}`, /unicode/],
    ['bytes dtype', `{'descr': '|S5', 'fortran_order': False, 'shape': (1,)}`, /byte string/],
    ['complex dtype', `{'descr': '<c16', 'fortran_order': False, 'shape': (1,)}`, /complex/],
    ['float16', `{'descr': '<f2', 'fortran_order': False, 'shape': (1,)}`, /float16/],
    ['long double', `{'descr': '<f16', 'fortran_order': False, 'shape': (1,)}`, /extended-precision/],
    ['datetime', `{'descr': '<M8[ns]', 'fortran_order': False, 'shape': (1,)}`, /datetime64/],
    ['structured', `{'descr': [('a', '<f8'), ('b', '<i4')], 'fortran_order': False, 'shape': (1,)}`, /structured/],
    ['no byte order', `{'descr': 'f8', 'fortran_order': False, 'shape': (1,)}`, /byte order/],
    ['fortran_order not a bool', `{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}`, /True or False/],
    ['shape as a list', `{'descr': '<f8', 'fortran_order': False, 'shape': [1]}`, /tuple of integers/],
    ['shape as a bare int', `{'descr': '<f8', 'fortran_order': False, 'shape': (1)}`, /tuple of integers/],
    ['negative dimension', `{'descr': '<f8', 'fortran_order': False, 'shape': (2, -1)}`, /negative/],
    ['float dimension', `{'descr': '<f8', 'fortran_order': False, 'shape': (2.0,)}`, /non-integer dimension 2/],
    ['too many elements', `{'descr': '<f8', 'fortran_order': False, 'shape': (65536, 32768)}`, /too large: 2147483648 elements/],
    ['absurd dimension', `{'descr': '<f8', 'fortran_order': False, 'shape': (0, 99999999999999999999999)}`, /too large/],
    ['unterminated string', `{'descr': '<f8, 'fortran_order': False, 'shape': (1,)}`, /Python literal/],
    ['trailing junk', `{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} x`, /after the literal/],
    ['deep nesting', `${'('.repeat(5000)}${')'.repeat(5000)}`, /nesting deeper/],
    ['empty header', '', /unexpected end/],
  ];
  for (const [label, header, message] of bad) {
    it(`rejects ${label}`, () => {
      expect(formatError(() => readNpy(handmade(header, f8([0])))).message).toMatch(message);
    });
  }

  it('rejects bad magic, unknown versions and bad UTF-8 in a 3.0 header', () => {
    expect(formatError(() => readNpy(encode('PK\x03\x04 not npy'))).message).toMatch(/bad magic/);
    expect(formatError(() => readNpy(new Uint8Array(0))).message).toMatch(/truncated/);
    const v4 = fixture('f8-le-c.npy').slice();
    v4[6] = 4;
    expect(formatError(() => readNpy(v4)).message).toMatch(/version 4\.0/);
    v4[6] = 1;
    v4[7] = 1;
    expect(formatError(() => readNpy(v4)).message).toMatch(/version 1\.1/);
    const v3 = handmade(`{'descr': '<f8', 'fortran_order': False, 'shape': (0,)}`, undefined, 3);
    v3[20] = 0xff;
    expect(formatError(() => readNpy(v3)).message).toMatch(/UTF-8/);
  });

  it('rejects data that does not match the shape, in either direction', () => {
    const bytes = fixture('f8-le-c.npy');
    expect(formatError(() => readNpy(bytes.subarray(0, bytes.length - 8))).message).toMatch(
      /truncated data: shape \(2, 3\) of <f8 needs 48 bytes, found 40/,
    );
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(formatError(() => readNpy(longer)).message).toMatch(/unexpected bytes after the data/);
  });

  it('turns every truncation of a valid file into a FormatError', () => {
    for (const name of ['f8-le-c.npy', 'f8-be-f-v3.npy', 'f8-0d.npy', 'b1-f.npy']) {
      const bytes = fixture(name);
      for (let n = 0; n < bytes.length; n++) formatError(() => readNpy(bytes.subarray(0, n)));
    }
  });

  it('never throws anything but FormatError on random header corruption', () => {
    const next = xorshift(20240531);
    for (const name of ['f8-le-c.npy', 'i8-be-f.npy', 'f8-be-f-v3.npy', 'f8-0d.npy']) {
      const original = fixture(name);
      const headerEnd = original.length - readNpy(original).data.byteLength;
      for (let trial = 0; trial < 1500; trial++) {
        const bytes = original.slice();
        const flips = 1 + (next() % 3);
        for (let f = 0; f < flips; f++) bytes[next() % headerEnd] = next() & 0xff;
        try {
          readNpy(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(FormatError);
        }
      }
    }
  });

  it('rejects input that is not a Uint8Array with a ParameterError', () => {
    expect(() => readNpy('abc' as unknown as Uint8Array)).toThrow(ParameterError);
  });
});

describe('writeNpy', () => {
  it('aligns the data to 64 bytes in every version and reads back what it wrote', () => {
    const data = new Int16Array([1, -2, 3, -4, 5, -6]);
    for (const version of [1, 2, 3] as const) {
      const bytes = writeNpy({ data, shape: [3, 2], fortranOrder: true }, { version });
      expect(bytes[6]).toBe(version);
      expect((bytes.length - data.byteLength) % 64).toBe(0);
      const back = readNpy(bytes);
      expect(back).toMatchObject({ dtype: '<i2', shape: [3, 2], fortranOrder: true });
      expect(Array.from(back.data as Int16Array)).toEqual(Array.from(data));
    }
  });

  it('writes 0-d and empty arrays, booleans and 64-bit integers', () => {
    expect(readNpy(writeNpy({ data: new Float64Array([Math.PI]), shape: [] }))).toMatchObject({ shape: [], data: new Float64Array([Math.PI]) });
    expect(readNpy(writeNpy({ data: new Float32Array(0), shape: [4, 0, 2] }))).toMatchObject({ shape: [4, 0, 2], dtype: '<f4' });
    expect(readNpy(writeNpy({ data: new Uint8Array([1, 0]), shape: [2], dtype: '|b1' })).dtype).toBe('|b1');
    const big = new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n]);
    expect(readNpy(writeNpy({ data: big, shape: [2] })).data).toEqual(big);
  });

  it('writes only the elements of a subarray view', () => {
    const whole = new Float64Array([9, 1, 2, 9]);
    expect(Array.from(readNpy(writeNpy({ data: whole.subarray(1, 3), shape: [2] })).data as Float64Array)).toEqual([1, 2]);
  });

  it('switches to version 2.0 only when the header does not fit in 1.0', () => {
    const shape = new Array<number>(25000).fill(1);
    const bytes = writeNpy({ data: new Float64Array([7]), shape });
    expect(bytes[6]).toBe(2);
    expect(readNpy(bytes).shape.length).toBe(25000);
    expect(() => writeNpy({ data: new Float64Array([7]), shape }, { version: 1 })).toThrow(ParameterError);
    expect(writeNpy({ data: new Float64Array([7]), shape: [1] })[6]).toBe(1);
  });

  it('validates its parameters', () => {
    const data = new Float64Array(6);
    expect(() => writeNpy({ data, shape: [4, 2] })).toThrow(/product is the data length 6/);
    expect(() => writeNpy({ data, shape: [6, -0.5] as number[] })).toThrow(ParameterError);
    expect(() => writeNpy({ data: [1, 2] as unknown as Float64Array, shape: [2] })).toThrow(ParameterError);
    expect(() => writeNpy({ data, shape: [6], dtype: '<i4' })).toThrow(ParameterError);
    expect(() => writeNpy({ data: new Uint8Array([0, 2]), shape: [2], dtype: '|b1' })).toThrow(/0 and 1 only/);
    expect(() => writeNpy({ data, shape: [6], dtype: '<c16' })).toThrow(/complex/);
    expect(() => writeNpy({ data, shape: [6] }, { version: 4 as 1 })).toThrow(ParameterError);
    expect(() => writeNpy({ data, shape: [6], fortranOrder: 'yes' as unknown as boolean })).toThrow(ParameterError);
  });
});

describe.skipIf(!hasNumpy)('live numpy round trips', () => {
  it('numpy reads exactly what writeNpy writes', () => {
    const { dir, cleanup } = tempDir();
    try {
      const arrays = [
        { data: new Float64Array([0, -0, NaN, Infinity, -Infinity, 5e-324, 1.7976931348623157e308, 1 / 3]), shape: [2, 4], fortranOrder: true },
        { data: new Float32Array([1.5, -2.25, 3e-40]), shape: [3] },
        { data: new Int8Array([-128, 127]), shape: [2, 1] },
        { data: new Int16Array([-32768, 32767]), shape: [1, 2], fortranOrder: true },
        { data: new Int32Array([-(2 ** 31), 2 ** 31 - 1, 0]), shape: [3] },
        { data: new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n]), shape: [2] },
        { data: new Uint8Array([0, 1, 1]), shape: [3], dtype: '|b1' },
        { data: new Uint16Array([65535]), shape: [] },
        { data: new Uint32Array([4294967295, 1, 2, 3, 4, 5]), shape: [3, 1, 2], fortranOrder: true },
        { data: new BigUint64Array([2n ** 64n - 1n]), shape: [1] },
        { data: new Float64Array(0), shape: [0, 3] },
      ];
      const files = arrays.map((arr, i) => {
        const file = join(dir, `a${i}.npy`);
        writeFileSync(file, writeNpy(arr, { version: ((i % 3) + 1) as 1 | 2 | 3 }));
        return file;
      });
      const out = python(
        `import sys, json, numpy as np
for f in sys.argv[1:]:
    a = np.load(f)
    print(json.dumps([a.dtype.str, list(a.shape), bool(a.flags.f_contiguous and not a.flags.c_contiguous), a.tobytes(order='A').hex()]))`,
        files,
      );
      out.trim().split('\n').forEach((line, i) => {
        const [dtype, shape, fortran, hex] = JSON.parse(line);
        const arr = arrays[i];
        const expectedDtype = arr.dtype ?? readNpy(writeNpy(arr)).dtype;
        expect(dtype).toBe(expectedDtype);
        expect(shape).toEqual(arr.shape);
        expect(fortran).toBe((arr.fortranOrder ?? false) && arr.shape.filter((d) => d > 1).length > 1);
        expect(hex).toBe(toHex(arr.data));
      });
    } finally {
      cleanup();
    }
  });

  it('reads numpy random float64 (subnormals, ±0, NaN payloads, ±Inf) bit for bit, both byte orders and layouts', () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = python(
        `import sys, numpy as np
d = sys.argv[1]
rng = np.random.default_rng(7)
bits = rng.integers(0, 2**63, size=(37, 11), dtype=np.uint64) | (rng.integers(0, 2, size=(37, 11), dtype=np.uint64) << np.uint64(63))
a = bits.view(np.float64).copy()
special = np.array([0x0, 0x8000000000000000, 0x1, 0x000fffffffffffff, 0x7ff0000000000000, 0xfff0000000000000,
                    0x7ff8000000000000, 0x7ff8000000000001, 0xfff4000000000abc, 0x7fefffffffffffff], dtype=np.uint64)
a.flat[:len(special)] = special.view(np.float64)
np.save(d + '/c.npy', a)
np.save(d + '/f.npy', np.asfortranarray(a))
np.save(d + '/bc.npy', a.astype('>f8'))
np.save(d + '/bf.npy', np.asfortranarray(a.astype('>f8')))
print(a.astype('<f8').tobytes(order='C').hex())`,
        [dir],
      );
      const expected = out.trim();
      for (const name of ['c', 'f', 'bc', 'bf']) {
        const arr = readNpy(new Uint8Array(readFileSync(join(dir, `${name}.npy`))));
        expect(arr.shape).toEqual([37, 11]);
        expect(arr.fortranOrder).toBe(name.endsWith('f'));
        expect(toHex(toFloat64(arr))).toBe(expected);
        if (!arr.fortranOrder) expect(toHex(arr.data)).toBe(expected);
        else {
          // stored column-major: element (i, j) sits at j * 37 + i
          const words = new BigUint64Array(arr.data.buffer);
          const reordered = new BigUint64Array(37 * 11);
          for (let i = 0; i < 37; i++) for (let j = 0; j < 11; j++) reordered[i * 11 + j] = words[j * 37 + i];
          expect(toHex(reordered)).toBe(expected);
        }
      }
    } finally {
      cleanup();
    }
  });
});
