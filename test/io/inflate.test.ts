import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../src/core/errors.js';
import { inflateRaw } from '../../src/io/inflate.js';
import { fixture, hasNumpy, python, tempDir, toHex, xorshift } from './fixtures.js';

// The text make.py compressed: "k*k mod 97," for k < 200.
const text = new TextEncoder().encode(Array.from({ length: 200 }, (_, k) => `${(k * k) % 97},`).join(''));

describe('inflateRaw', () => {
  for (const kind of ['stored', 'fixed', 'dynamic']) {
    it(`decodes a ${kind}-block stream written by zlib`, () => {
      expect(inflateRaw(fixture(`deflate-${kind}.bin`), text.length, 'test')).toEqual(text);
    });
  }

  it('refuses truncated streams, wrong stated sizes and invalid block types', () => {
    for (const kind of ['stored', 'fixed', 'dynamic']) {
      const stream = fixture(`deflate-${kind}.bin`);
      for (let n = 0; n < stream.length; n++) expect(() => inflateRaw(stream.subarray(0, n), text.length, 'test')).toThrow(FormatError);
      expect(() => inflateRaw(stream, text.length - 1, 'test')).toThrow(/more data than the stated size/);
      expect(() => inflateRaw(stream, text.length + 1, 'test')).toThrow(/decompressed \d+ bytes, the archive states/);
    }
    expect(() => inflateRaw(new Uint8Array([0x07]), 0, 'test')).toThrow(/block type 3/);
  });

  it('throws only FormatError on random corruption', () => {
    const next = xorshift(99);
    const stream = fixture('deflate-dynamic.bin');
    for (let trial = 0; trial < 2000; trial++) {
      const bytes = stream.slice();
      bytes[next() % bytes.length] = next() & 0xff;
      try {
        inflateRaw(bytes, text.length, 'test');
      } catch (error) {
        expect(error).toBeInstanceOf(FormatError);
      }
    }
  });

  it.skipIf(!hasNumpy)('round-trips zlib output at every level and strategy', () => {
    const next = xorshift(5);
    // mixed content: runs, a small alphabet and noise, so that all code paths (long matches, literals) occur
    const data = new Uint8Array(70000).map((_, i) => (i % 5000 < 1500 ? 65 : i % 5000 < 3500 ? 97 + (next() % 4) : next() & 0xff));
    const { dir, cleanup } = tempDir();
    let streams: string[];
    try {
      const input = join(dir, 'data.bin');
      writeFileSync(input, data);
      streams = python(
        `import sys, zlib
data = open(sys.argv[1], 'rb').read()
for level in (0, 1, 6, 9):
    for strategy in (zlib.Z_DEFAULT_STRATEGY, zlib.Z_FIXED, zlib.Z_HUFFMAN_ONLY, zlib.Z_RLE, zlib.Z_FILTERED):
        c = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
        print((c.compress(data) + c.flush()).hex())`,
        [input],
      )
        .trim()
        .split('\n');
    } finally {
      cleanup();
    }
    expect(streams.length).toBe(20);
    for (const hex of streams) {
      expect(toHex(inflateRaw(new Uint8Array(Buffer.from(hex, 'hex')), data.length, 'test'))).toBe(toHex(data));
    }
  });
});

