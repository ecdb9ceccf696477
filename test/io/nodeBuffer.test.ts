import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { readIdx } from '../../src/io/idx.js';
import { readNpy, writeNpy } from '../../src/io/npy.js';
import { readNpz, writeNpz } from '../../src/io/npz.js';
import { readSafetensors, writeSafetensors } from '../../src/io/safetensors.js';

// Node's Buffer is the Uint8Array that readFileSync returns, but its slice is a view, not a copy: a reader that
// copies with slice and then reads the copy's .buffer from offset 0 reads the file's header as data. Every reader
// must give from a Buffer what it gives from a plain Uint8Array with the same bytes, and leave the bytes alone.

/** The same bytes as a Buffer of its own memory (as readFileSync gives) and as a Buffer inside a larger one. */
function asBuffers(bytes: Uint8Array): Buffer[] {
  const own = Buffer.alloc(bytes.length);
  own.set(bytes);
  const inside = Buffer.alloc(bytes.length + 24);
  inside.set(bytes, 8);
  return [own, inside.subarray(8, 8 + bytes.length)];
}

function expectSameFromBuffers<T>(bytes: Uint8Array, read: (b: Uint8Array) => T): void {
  const expected = read(new Uint8Array(bytes));
  for (const buffer of asBuffers(bytes)) {
    const before = Buffer.from(buffer);
    expect(read(buffer)).toEqual(expected);
    expect(buffer.equals(before)).toBe(true);
  }
}

const values = Float64Array.from({ length: 12 }, (_, i) => (i - 5.5) / 3);

describe('readers given a Node Buffer', () => {
  it('readNpy returns the data, not the header, and owns its copy', () => {
    const bytes = writeNpy({ shape: [3, 4], data: values });
    expectSameFromBuffers(bytes, (b) => readNpy(b));
    const [own] = asBuffers(bytes);
    const array = readNpy(own);
    expect(Array.from(array.data as Float64Array)).toEqual(Array.from(values));
    own.fill(0);
    expect(Array.from(array.data as Float64Array)).toEqual(Array.from(values));
  });

  it('readNpz reads stored and compressed members', () => {
    const bytes = writeNpz({ a: { shape: [12], data: values }, b: { shape: [2, 2], data: Float32Array.of(1, 2, 3, 4) } });
    expectSameFromBuffers(bytes, (b) => readNpz(b));
    expect(Array.from(readNpz(asBuffers(bytes)[1]).get('a')!.data as Float64Array)).toEqual(Array.from(values));
  });

  it('readSafetensors returns each tensor, not the bytes before it', () => {
    const bytes = writeSafetensors({ w: { shape: [3, 4], data: values }, b: { shape: [2], data: Float32Array.of(0.5, -2) } });
    expectSameFromBuffers(bytes, (b) => readSafetensors(b));
    const { tensors } = readSafetensors(asBuffers(bytes)[0]);
    expect(Array.from(tensors.find((t) => t.name === 'w')!.data as Float64Array)).toEqual(Array.from(values));
  });

  it('readIdx returns a copy of the pixels', () => {
    const bytes = Uint8Array.of(0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 1, 2, 3, 4, 5, 255);
    expectSameFromBuffers(bytes, (b) => readIdx(b));
    const [own] = asBuffers(bytes);
    const { data } = readIdx(own);
    own.fill(0);
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 255]);
  });
});
