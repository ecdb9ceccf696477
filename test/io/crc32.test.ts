import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/io/crc32.js';
import { hasNumpy, python, toHex } from './fixtures.js';

describe('crc32', () => {
  it('matches the standard check values', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  it.skipIf(!hasNumpy)("agrees with Python's zlib.crc32 on all byte values", () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 131 + (i >> 8)) & 0xff);
    expect(crc32(bytes)).toBe(Number(python('import sys, zlib; print(zlib.crc32(bytes.fromhex(sys.argv[1])))', [toHex(bytes)])));
  });
});
