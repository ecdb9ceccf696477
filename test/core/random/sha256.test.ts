import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Words } from '../../../src/core/random/sha256.js';

function hex(words: Uint32Array): string {
  return Array.from(words, (w) => w.toString(16).padStart(8, '0')).join('');
}

describe('sha256Words', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(hex(sha256Words(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(hex(sha256Words(new Uint8Array(0)))).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('matches node:crypto on every padding boundary', () => {
    for (const length of [1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 255);
      expect(hex(sha256Words(bytes))).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});
