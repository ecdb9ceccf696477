import { describe, expect, it } from 'vitest';
import { FormatError } from '../../src/core/errors.js';
import { readIdx, readMnist } from '../../src/io/index.js';

/** An IDX file written by hand: header bytes, big-endian dimensions, data. */
function idx(type: number, dims: number[], data: number[]): Uint8Array {
  const header = [0, 0, type, dims.length, ...dims.flatMap((d) => [d >>> 24, (d >>> 16) & 255, (d >>> 8) & 255, d & 255])];
  return Uint8Array.from([...header, ...data]);
}

describe('IDX files', () => {
  it('reads unsigned bytes of any rank', () => {
    expect(readIdx(idx(8, [2, 3], [1, 2, 3, 4, 5, 255]))).toEqual({ shape: [2, 3], data: Uint8Array.from([1, 2, 3, 4, 5, 255]) });
    expect(readIdx(idx(8, [300], new Array(300).fill(7))).shape).toEqual([300]);
  });

  it.each([
    ['no header', Uint8Array.from([0, 0]), /truncated/],
    ['bad magic', Uint8Array.from([1, 0, 8, 1, 0, 0, 0, 1, 5]), /bad magic/],
    ['float values', idx(0x0d, [1], [0, 0, 0, 0]), /unsupported value type 0x0d/],
    ['zero dimensions', Uint8Array.from([0, 0, 8, 0]), /zero dimensions/],
    ['a header cut short', idx(8, [2, 3], []).subarray(0, 9), /truncated header/],
    ['missing data', idx(8, [2, 3], [1, 2, 3]), /truncated data: shape 2×3 needs 6 bytes, found 3/],
    ['trailing bytes', idx(8, [2], [1, 2, 3]), /unexpected bytes after the data/],
    ['a huge declared shape', idx(8, [0xffffffff, 0xffffffff], [1]), /truncated data/],
  ])('refuses %s with a FormatError', (_name, bytes, message) => {
    expect(() => readIdx(bytes)).toThrow(FormatError);
    expect(() => readIdx(bytes)).toThrow(message);
  });

  it('reads MNIST as inputs in [0, 1] with labels, and checks that the two files belong together', () => {
    const images = idx(8, [2, 2, 2], [0, 255, 51, 102, 1, 2, 3, 4]);
    const set = readMnist(images, idx(8, [2], [7, 3]));
    expect(set.count).toBe(2);
    expect([set.height, set.width, set.channels]).toEqual([2, 2, 1]);
    expect(Array.from(set.inputs.subarray(0, 4))).toEqual([0, 1, 0.2, 0.4].map(Math.fround));
    expect(Array.from(set.labels)).toEqual([7, 3]);
    expect(() => readMnist(images, idx(8, [3], [1, 2, 3]))).toThrow(/one label per image/);
    expect(() => readMnist(images, idx(8, [2], [7, 10]))).toThrow(/label 10 of example 1/);
    expect(() => readMnist(idx(8, [8], [0, 0, 0, 0, 0, 0, 0, 0]), idx(8, [2], [1, 2]))).toThrow(/count×height×width/);
  });
});
