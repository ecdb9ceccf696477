import { createStream, type RandomStream } from '../../src/core/random/index.js';

/**
 * Seeded mutations of valid inputs, for the fuzz tests: every case is a pure function of (seed, reader, index),
 * so a failure names the seed and index that reproduce it (`fuzzCase(reader, index)`).
 */

export const FUZZ_SEED = 20240612;

export function caseStream(reader: string, index: number): RandomStream {
  return createStream(FUZZ_SEED, 'fuzz', reader, index);
}

const pick = <T>(s: RandomStream, items: readonly T[]): T => items[Math.floor(s.nextFloat() * items.length)]!;
const below = (s: RandomStream, n: number): number => Math.floor(s.nextFloat() * n);

/** Bytes that matter to binary formats: boundaries of integer fields, ZIP and .npy magic, text delimiters. */
const INTERESTING_BYTES = [0x00, 0x01, 0x7f, 0x80, 0xff, 0x50, 0x4b, 0x93, 0x27, 0x28, 0x29, 0x2c, 0x3a, 0x7b, 0x7d, 0x0a];
/** 32-bit little-endian values that stress sizes and offsets. */
const INTERESTING_WORDS = [0, 1, 0x7f, 0xff, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff, 0xfffffffe];

/** One to four mutations of `input`: flips, interesting bytes and words, cuts, duplicated and deleted ranges. */
export function mutateBytes(s: RandomStream, input: Uint8Array): Uint8Array {
  let bytes = input.slice();
  const rounds = 1 + below(s, 4);
  for (let r = 0; r < rounds; r++) {
    const at = bytes.length ? below(s, bytes.length) : 0;
    switch (below(s, 8)) {
      case 0:
        if (bytes.length) bytes[at] ^= 1 << below(s, 8);
        break;
      case 1:
        if (bytes.length) bytes[at] = pick(s, INTERESTING_BYTES);
        break;
      case 2: {
        const word = pick(s, INTERESTING_WORDS);
        for (let k = 0; k < 4 && at + k < bytes.length; k++) bytes[at + k] = (word >>> (8 * k)) & 0xff;
        break;
      }
      case 3:
        bytes = bytes.slice(0, at);
        break;
      case 4: {
        const copy = bytes.slice(at, at + 1 + below(s, 64));
        bytes = Uint8Array.from([...bytes.subarray(0, at), ...copy, ...bytes.subarray(at)]);
        break;
      }
      case 5: {
        const length = 1 + below(s, 32);
        bytes = Uint8Array.from([...bytes.subarray(0, at), ...bytes.subarray(at + length)]);
        break;
      }
      case 6:
        for (let k = 0; k < 8 && at + k < bytes.length; k++) bytes[at + k] = below(s, 256);
        break;
      default: {
        const extra = Uint8Array.from({ length: 1 + below(s, 16) }, () => below(s, 256));
        bytes = Uint8Array.from([...bytes.subarray(0, at), ...extra, ...bytes.subarray(at)]);
      }
    }
  }
  return bytes;
}

/** Text pieces that break parsers of numbers, lists and CSV. */
const INTERESTING_TEXT = [
  '', ',', ',,', '"', "'", '#', '\n', '\r\n', '\r', ' ', '\t', '\u0000', '\uFEFF', '\uD800', 'é', '∞', '-', '+', '.',
  'e', 'E', '1e308', '1e309', '-1e309', '4.9e-324', 'NaN', 'nan', 'Inf', '-Infinity', '0x10', '1_000', '9'.repeat(400),
  '%', '%zz', '%00', '&', '=', '&&', '?', 'lab=', 'lab=phase', 'lab=edge', 'n=', 'seed=', 'hide=', 'spikes=1,,2',
];

/** Text mutations: insertions of the pieces above, deletions, duplications, case flips. */
export function mutateText(s: RandomStream, input: string): string {
  let text = input;
  const rounds = 1 + below(s, 4);
  for (let r = 0; r < rounds; r++) {
    const at = below(s, text.length + 1);
    switch (below(s, 5)) {
      case 0:
        text = text.slice(0, at) + pick(s, INTERESTING_TEXT) + text.slice(at);
        break;
      case 1:
        text = text.slice(0, at) + text.slice(at + 1 + below(s, 8));
        break;
      case 2:
        text = text.slice(0, at) + text.slice(at, at + 1 + below(s, 32)).repeat(2 + below(s, 4)) + text.slice(at);
        break;
      case 3:
        text = text.slice(0, at) + pick(s, INTERESTING_TEXT) + text.slice(at + 1 + below(s, 4));
        break;
      default:
        text = text.slice(0, at) + (text[at] ?? '').toUpperCase() + text.slice(at + 1);
    }
  }
  return text;
}

export { below, pick };
