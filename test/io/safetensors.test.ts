import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError, ParameterError } from '../../src/core/errors.js';
import { readSafetensors, readSafetensorsHeader, writeSafetensors, type SafeTensor } from '../../src/io/index.js';
import { expectFormatError, formulaValue, hasNumpy, python, tempDir, xorshift } from './fixtures.js';
import { modelFixture, references, values } from './modelFixtures.js';

/** A safetensors file built here from a header (object or raw text) and data, with an optional lying length. */
function build(header: object | string, data = new Uint8Array(0), declared?: number): Uint8Array {
  const text = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(declared ?? text.length), true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

/** bfloat16 by truncation of the float32 nearest to x: the upper 16 bits kept. */
function bf16(x: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, x);
  view.setUint32(0, view.getUint32(0) & 0xffff0000);
  return view.getFloat32(0);
}

const byName = (tensors: SafeTensor[]) => new Map(tensors.map((t) => [t.name, t]));

describe('readSafetensors: fixtures written by numpy', () => {
  const file = readSafetensors(modelFixture('dtypes.safetensors'));
  const t = byName(file.tensors);

  it('reads every integer and float dtype exactly, in host byte order', () => {
    const numpyCode: Record<string, string> = { F64: 'f8', F32: 'f4', I64: 'i8', I32: 'i4', I16: 'i2', I8: 'i1', U64: 'u8', U32: 'u4', U16: 'u2', U8: 'u1', BOOL: 'b1' };
    for (const [dtype, code] of Object.entries(numpyCode)) {
      const tensor = t.get(dtype.toLowerCase())!;
      expect(tensor.dtype).toBe(dtype);
      expect(tensor.shape).toEqual([2, 3]);
      expect(Array.from(tensor.data as ArrayLike<number | bigint>)).toEqual(Array.from({ length: 6 }, (_, k) => formulaValue(code, k)));
    }
    expect(t.get('i64')!.data).toBeInstanceOf(BigInt64Array);
  });

  it('widens float16 and bfloat16 to float32 exactly', () => {
    // (k − 2)/3 in binary16: 1/3 rounds to 0x3555 = 1365/4096, 2/3 to 0x3955 = 2730/4096.
    expect(Array.from(t.get('f16')!.data as Float32Array)).toEqual([-2730 / 4096, -1365 / 4096, 0, 1365 / 4096, 2730 / 4096, 1]);
    expect(t.get('f16')!.data).toBeInstanceOf(Float32Array);
    expect(Array.from(t.get('bf16')!.data as Float32Array)).toEqual([0, 1, 2, 3, 4, 5].map((k) => bf16((k - 2) / 3)));
    expect(Array.from(t.get('f16_special')!.data as Float32Array)).toEqual([0, -0, 1, -2, 65504, 2 ** -14, 2 ** -24, Infinity, -Infinity, NaN]);
    expect(Object.is((t.get('f16_special')!.data as Float32Array)[1], -0)).toBe(true);
    expect(Array.from(t.get('bf16_special')!.data as Float32Array)).toEqual([0, -0, 1, -2, 3.3895313892515355e38, 2 ** -133, Infinity, -Infinity, NaN]);
  });

  it('reads scalars, empty tensors and the metadata, in the order of the data', () => {
    expect(t.get('scalar')).toMatchObject({ shape: [], data: new Float64Array([2.5]) });
    expect(t.get('empty')).toMatchObject({ shape: [0, 4], dtype: 'F32' });
    expect(t.get('empty')!.data.length).toBe(0);
    expect(file.metadata).toEqual({ format: 'pt', written_by: 'make.py' });
    // The header lists the tensors in reverse alphabetical order; the data starts with F64 and ends with 'empty'.
    expect(file.tensors[0].name).toBe('f64');
    expect(file.tensors.at(-1)!.name).toBe('empty');
  });

  it('reads a PyTorch-style network equal to the same arrays saved by np.savez', () => {
    const { model } = references();
    const net = byName(readSafetensors(modelFixture('model.safetensors')).tensors);
    for (const [name, arr] of model) {
      expect(net.get(name)!.shape).toEqual(arr.shape);
      expect(Array.from(net.get(name)!.data as Float32Array)).toEqual(values(arr));
    }
    expect(net.get('bn.num_batches_tracked')).toMatchObject({ dtype: 'I64', shape: [], data: new BigInt64Array([100n]) });
  });

  it("reads the network's float16 copy as numpy's float16 → float32 values", () => {
    const { expected } = references();
    const net = byName(readSafetensors(modelFixture('model-f16.safetensors')).tensors);
    for (const [name, tensor] of net) {
      if (tensor.dtype !== 'F16') continue;
      expect(Array.from(tensor.data as Float32Array)).toEqual(values(expected.get(`f16.${name}`)!));
    }
  });
});

describe('writeSafetensors', () => {
  const tensors = {
    'layer.weight': { data: Float32Array.from([1.5, -2, 3e-8, 4, 5, 6]), shape: [2, 3] },
    'layer.bias': { data: new Float64Array([0.1, -0.2]), shape: [2] },
    steps: { data: new BigInt64Array([-7n]), shape: [] },
    mask: { data: Uint8Array.from([1, 0, 1]), shape: [3], dtype: 'BOOL' as const },
    counts: { data: Uint16Array.from([65535, 1]), shape: [2] },
  };

  it('round-trips through readSafetensors with every value, dtype, shape and the metadata', () => {
    const bytes = writeSafetensors(tensors, { epoch: '3', software: 'vsdl-lab' });
    const back = readSafetensors(bytes);
    expect(back.metadata).toEqual({ epoch: '3', software: 'vsdl-lab' });
    const t = byName(back.tensors);
    expect(t.get('layer.weight')).toMatchObject({ dtype: 'F32', shape: [2, 3], data: tensors['layer.weight'].data });
    expect(t.get('layer.bias')).toMatchObject({ dtype: 'F64', data: tensors['layer.bias'].data });
    expect(t.get('steps')).toMatchObject({ dtype: 'I64', shape: [], data: tensors.steps.data });
    expect(t.get('mask')).toMatchObject({ dtype: 'BOOL', data: tensors.mask.data });
    expect(t.get('counts')).toMatchObject({ dtype: 'U16', data: tensors.counts.data });
  });

  it('pads the header to 8 bytes and aligns every tensor to its item size, keeping the order within a size', () => {
    const bytes = writeSafetensors(tensors);
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(Object.keys(header)).toEqual(['layer.bias', 'steps', 'layer.weight', 'counts', 'mask']);
    for (const { dtype, data_offsets: [begin] } of Object.values(header) as { dtype: string; data_offsets: number[] }[]) {
      expect(begin % { F64: 8, I64: 8, F32: 4, U16: 2, BOOL: 1 }[dtype]!).toBe(0);
    }
  });

  it('writes back what it read: the file reads the same', () => {
    const original = modelFixture('model.safetensors');
    const { tensors: read, metadata } = readSafetensors(original);
    const again = writeSafetensors(Object.fromEntries(read.map((t) => [t.name, t])), metadata);
    // The order of the data may change (larger items first), the tensors and metadata do not.
    expect(byName(readSafetensors(again).tensors)).toEqual(byName(read));
    expect(readSafetensors(again).metadata).toEqual(metadata);
  });

  it.skipIf(!hasNumpy)('writes what numpy reads back by the specification (header JSON + np.frombuffer)', () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'w.safetensors');
      writeFileSync(file, writeSafetensors(tensors, { epoch: '3' }));
      const out = python(
        `import json, struct, sys, numpy as np
b = open(sys.argv[1], 'rb').read()
n = struct.unpack('<Q', b[:8])[0]
h = json.loads(b[8:8 + n])
kinds = {'F32': '<f4', 'F64': '<f8', 'I64': '<i8', 'BOOL': '?', 'U16': '<u2'}
res = {'__metadata__': h.pop('__metadata__')}
for k, v in h.items():
    s, e = v['data_offsets']
    a = np.frombuffer(b[8 + n + s:8 + n + e], dtype=kinds[v['dtype']]).reshape(v['shape'])
    res[k] = [v['shape'], a.astype(float).ravel().tolist()]
print(json.dumps(res))`,
        [file],
      );
      const seen = JSON.parse(out);
      expect(seen.__metadata__).toEqual({ epoch: '3' });
      expect(seen['layer.weight']).toEqual([[2, 3], Array.from(tensors['layer.weight'].data)]);
      expect(seen['layer.bias']).toEqual([[2], [0.1, -0.2]]);
      expect(seen.steps).toEqual([[], [-7]]);
      expect(seen.mask).toEqual([[3], [1, 0, 1]]);
    } finally {
      cleanup();
    }
  });

  it.each([
    [{ x: { data: [1, 2], shape: [2] } }, undefined, /typed array/],
    [{ x: { data: new Float32Array(3), shape: [2, 2] } }, undefined, /product is the data length 3/],
    [{ __metadata__: { data: new Float32Array(1), shape: [1] } }, undefined, /other than "__metadata__"/],
    [{ x: { data: new Uint8Array([2]), shape: [1], dtype: 'BOOL' } }, undefined, /0\/1/],
    [{ x: { data: new Float32Array(1), shape: [1], dtype: 'F16' } }, undefined, /F32 \(the dtype of its Float32Array\).*F16 and BF16 are read, not written/],
    [{ x: { data: new Float32Array(1), shape: [1] } }, { epoch: 3 }, /metadata/],
  ])('refuses invalid input %#', (input, metadata, message) => {
    expect(() => writeSafetensors(input as never, metadata as never)).toThrow(ParameterError);
    expect(() => writeSafetensors(input as never, metadata as never)).toThrow(message);
  });
});

describe('readSafetensors: malformed files', () => {
  const f32 = (count: number) => new Uint8Array(4 * count);
  const entry = (dtype: string, shape: unknown, offsets: unknown) => ({ dtype, shape, data_offsets: offsets });

  it.each([
    ['shorter than the length field', new Uint8Array(5), /shorter than the 8-byte header length/],
    ['a header length past the end', build({ a: entry('F32', [2], [0, 8]) }, f32(2), 4000), /header declares 4000 bytes, only \d+ follow/],
    ['a header length over the limit', build('{}', new Uint8Array(0), 2 ** 40), /exceeds the 104857600-byte limit/],
    ['a header length of 2^53 or more', build('{}', new Uint8Array(0), 2 ** 60), /too large/],
    ['a header that is not JSON', build('{"a": {"dtype": '), /not valid JSON/],
    ['a header that is not an object', build('{}'.replace('{}', '[1]')), /does not start with '\{'/],
    ['text that is not UTF-8', build('{"\xff"}').map((b, i) => (i === 10 ? 0xff : b)), /not valid UTF-8/],
    ['an entry that is not an object', build({ a: 1 }), /tensor "a": its header entry is not an object/],
    ['an unknown dtype', build({ a: entry('F8_E4M3', [2], [0, 2]) }, new Uint8Array(2)), /unsupported dtype "F8_E4M3"; supported: F64, F32, F16, BF16/],
    ['a negative dimension', build({ a: entry('F32', [-2], [0, 8]) }, f32(2)), /shape \[-2\] is not a list of non-negative integers/],
    ['a fractional dimension', build({ a: entry('F32', [1.5], [0, 6]) }, new Uint8Array(6)), /shape/],
    ['a huge declared shape', build({ a: entry('F32', [100000, 100000, 100000], [0, 8]) }, f32(2)), /more than 2\^31 − 1 elements/],
    ['a shape that does not match the bytes', build({ a: entry('F32', [3], [0, 8]) }, f32(2)), /needs 12 bytes, data_offsets \[0, 8\] hold 8/],
    ['offsets past the end', build({ a: entry('F32', [4], [0, 16]) }, f32(2)), /run past the end of the 8 data bytes/],
    ['reversed offsets', build({ a: entry('F32', [0], [8, 0]) }, f32(2)), /not \[begin, end\] with 0 ≤ begin ≤ end/],
    ['overlapping tensors', build({ a: entry('F32', [2], [0, 8]), b: entry('F32', [2], [4, 12]) }, f32(3)), /"a" and "b" overlap \(bytes 4\.\.7\)/],
    ['a gap between tensors', build({ a: entry('F32', [1], [0, 4]), b: entry('F32', [1], [8, 12]) }, f32(3)), /data bytes 4\.\.7 belong to no tensor/],
    ['bytes after the last tensor', build({ a: entry('F32', [1], [0, 4]) }, f32(2)), /cover 4 of the 8 data bytes/],
    ['non-string metadata', build({ __metadata__: { epoch: 3 } }), /"__metadata__" must map strings to strings/],
  ])('refuses %s with a FormatError', (_, bytes, message) => {
    expectFormatError(() => readSafetensors(bytes), message);
  });

  it('accepts tensors listed out of order, as the reference implementation does', () => {
    const data = new Uint8Array(new Float32Array([1, 2, 3]).buffer);
    const file = readSafetensors(build({ b: entry('F32', [2], [4, 12]), a: entry('F32', [1], [0, 4]) }, data));
    expect(file.tensors.map((t) => [t.name, Array.from(t.data as Float32Array)])).toEqual([['a', [1]], ['b', [2, 3]]]);
  });

  it('turns every truncation of a real file into a FormatError', () => {
    const bytes = modelFixture('dtypes.safetensors');
    for (let n = 0; n < bytes.length; n++) expectFormatError(() => readSafetensors(bytes.subarray(0, n)));
  });

  it('throws only FormatError on 400 seeded random corruptions of the header, its length and the data', () => {
    // Bounded: every input is at most a few kB, and the reader checks every declared size against the file first.
    const next = xorshift(2024);
    const original = modelFixture('dtypes.safetensors');
    const n = Number(new DataView(original.buffer, original.byteOffset).getBigUint64(0, true));
    let parsed = 0;
    for (let trial = 0; trial < 400; trial++) {
      const bytes = original.slice();
      const mode = trial % 4;
      if (mode === 0) for (let f = 1 + (next() % 3); f > 0; f--) bytes[8 + (next() % n)] = next() & 0xff;
      else if (mode === 1) for (let f = 1 + (next() % 3); f > 0; f--) bytes[8 + (next() % n)] = '0123456789[]{},:"-e'.charCodeAt(next() % 19);
      else if (mode === 2) new DataView(bytes.buffer).setUint32(next() % 2 ? 0 : 4, next(), true);
      else bytes[8 + n + (next() % (bytes.length - 8 - n))] ^= 1 + (next() & 0x7f);
      try {
        readSafetensors(bytes);
        parsed++;
      } catch (error) {
        expect(error).toBeInstanceOf(FormatError);
      }
    }
    // Flipped data bytes (a quarter of the trials) still parse: the format has no checksum.
    expect(parsed).toBeGreaterThanOrEqual(100);
  });

  it('checks a file from its header and its size alone, before its data is read', () => {
    const bytes = modelFixture('model.safetensors');
    const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
    const head = bytes.subarray(0, 8 + n);
    expect(readSafetensorsHeader(head, 'm', bytes.length)).toEqual(readSafetensorsHeader(bytes));
    expectFormatError(() => readSafetensorsHeader(head, 'm', bytes.length - 1), /cover \d+ of the \d+ data bytes|past the end/);
    expect(() => readSafetensorsHeader(head.subarray(0, 20), 'm', bytes.length)).toThrow(/the first \d+ bytes of the file/);
  });

  it('refuses what is not bytes with a ParameterError', () => {
    expect(() => readSafetensors('abc' as never)).toThrow(ParameterError);
  });
});
