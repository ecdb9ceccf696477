import { ParameterError } from '../errors.js';
import { philoxBlocks } from './philox.js';
import {
  childIdentity,
  rootIdentity,
  validateSeed,
  validateStreamName,
  type Seed,
  type StreamIdentity,
  type StreamName,
} from './seed.js';
import type { WordReader } from './words.js';

/**
 * Seeded random streams over Philox4x32-10.
 *
 * A stream yields the output words of blocks (counter = [n_lo, n_hi, c2, c3], key = [k0, k1]) for
 * n = 0, 1, 2, … in order, four words per block, word 0 first. Everything here is integer arithmetic, so a
 * stream's words and uniforms are bit-identical in every engine. See seed.ts for how seeds and names become
 * (k0, k1, c2, c3).
 *
 * Reproducibility of the samplers built on streams: normal, gamma, chi, Pareto, Lomax, Student-t and stable
 * variates also call Math.log/exp/expm1/sin/cos/tan, which ECMAScript lets engines round differently in the last
 * bit. They are bit-identical wherever the same engine runs (V8: Node and Chromium share one implementation) and
 * agree to about one ulp per operation elsewhere; the rare rejection decision that sits within an ulp of its
 * threshold can then change which words a later variate uses.
 */

/** Recorded in every export: a new version means some seed now gives different numbers. */
export const GENERATOR = Object.freeze({ name: 'philox4x32-10', version: 1 } as const);

export interface RandomStream {
  readonly seed: Seed;
  readonly path: readonly StreamName[];
  /** Next 32-bit output word, as a number in [0, 2^32). */
  nextUint32(): number;
  /** Uniform in [0, 1) on the grid k·2^−53, from two words (27 high bits of the first, 26 of the second). */
  nextFloat(): number;
  /** Uniform in (0, 1) on the grid (k + ½)·2^−52, from two words: never 0 nor 1, safe for logarithms. */
  nextOpenFloat(): number;
  /** Fills `out` with nextFloat() values, in order, and returns it. */
  fill(out: Float64Array): Float64Array;
  /** An independent stream that depends on this stream's identity and `name` only, not on its position. */
  fork(name: StreamName): RandomStream;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_26 = 67108864;
const TWO_POW_MINUS_53 = 1 / 9007199254740992;
const TWO_POW_MINUS_52 = 1 / 4503599627370496;
const FILL_CHUNK_WORDS = 8192;

/** [0, 1) from two words, 53 bits. */
export function wordsToFloat(first: number, second: number): number {
  return ((first >>> 5) * TWO_POW_26 + (second >>> 6)) * TWO_POW_MINUS_53;
}

/** (0, 1) from two words, 52 bits: the 20 high bits of `first` and all of `second`. */
export function wordsToOpenFloat(first: number, second: number): number {
  return ((first >>> 12) * TWO_POW_32 + second + 0.5) * TWO_POW_MINUS_52;
}

export class PhiloxStream implements RandomStream {
  readonly seed: Seed;
  readonly path: readonly StreamName[];
  readonly identity: StreamIdentity;
  /** Cache for scalar samplers (see words.ts); owned by this stream only. */
  pairReader: WordReader | undefined;
  private readonly k0: number;
  private readonly k1: number;
  private readonly c2: number;
  private readonly c3: number;
  /** Counter of the next block to generate. */
  private blockLow = 0;
  private blockHigh = 0;
  /** Last generated block and how many of its words are used (4: none left). */
  private readonly block = new Uint32Array(4);
  private used = 4;

  constructor(seed: Seed, path: readonly StreamName[], identity: StreamIdentity) {
    this.seed = seed;
    this.path = Object.freeze(path.slice());
    this.identity = Object.freeze(identity.slice()) as unknown as StreamIdentity;
    [this.k0, this.k1, this.c2, this.c3] = identity;
  }

  nextUint32(): number {
    if (this.used === 4) this.generateBlock();
    return this.block[this.used++]!;
  }

  nextFloat(): number {
    const first = this.nextUint32();
    return wordsToFloat(first, this.nextUint32());
  }

  nextOpenFloat(): number {
    const first = this.nextUint32();
    return wordsToOpenFloat(first, this.nextUint32());
  }

  fill(out: Float64Array): Float64Array {
    if (!(out instanceof Float64Array)) throw new ParameterError('out', out, 'a Float64Array');
    const n = out.length;
    const words = new Uint32Array(Math.min(FILL_CHUNK_WORDS, 2 * n));
    for (let start = 0; start < n; ) {
      const count = Math.min(n - start, words.length >> 1);
      this.readWords(words, 2 * count);
      for (let j = 0; j < count; j++) {
        out[start + j] = ((words[2 * j]! >>> 5) * TWO_POW_26 + (words[2 * j + 1]! >>> 6)) * TWO_POW_MINUS_53;
      }
      start += count;
    }
    return out;
  }

  fork(name: StreamName): RandomStream {
    const checked = validateStreamName(name);
    return new PhiloxStream(this.seed, [...this.path, checked], childIdentity(this.identity, checked));
  }

  /** Writes the next `count` words into out[0..count), exactly as `count` nextUint32() calls would. */
  readWords(out: Uint32Array, count: number): void {
    let filled = 0;
    while (this.used < 4 && filled < count) out[filled++] = this.block[this.used++]!;
    const blocks = Math.floor((count - filled) / 4);
    if (blocks > 0) {
      philoxBlocks(out, filled, blocks, this.blockLow, this.blockHigh, this.c2, this.c3, this.k0, this.k1);
      this.advance(blocks);
      filled += 4 * blocks;
    }
    if (filled < count) {
      this.generateBlock();
      while (filled < count) out[filled++] = this.block[this.used++]!;
    }
  }

  /** Steps back `count` words, so that they are produced again (bulk samplers read ahead, then give back). */
  unread(count: number): void {
    const behind = 4 - this.used + count;
    const blocksBack = Math.ceil(behind / 4);
    const remainder = 4 * blocksBack - behind;
    let low = this.blockLow - blocksBack;
    let high = this.blockHigh;
    while (low < 0) {
      low += TWO_POW_32;
      high = (high - 1) >>> 0;
    }
    this.blockLow = low;
    this.blockHigh = high;
    if (remainder === 0) {
      this.used = 4;
    } else {
      this.generateBlock();
      this.used = remainder;
    }
  }

  private generateBlock(): void {
    philoxBlocks(this.block, 0, 1, this.blockLow, this.blockHigh, this.c2, this.c3, this.k0, this.k1);
    this.advance(1);
    this.used = 0;
  }

  private advance(blocks: number): void {
    const total = this.blockLow + blocks;
    this.blockLow = total >>> 0;
    this.blockHigh = (this.blockHigh + Math.floor(total / TWO_POW_32)) >>> 0;
  }
}

/**
 * The stream named by `seed` and a path of sub-stream names: createStream(seed, 'a', 'b') is
 * createStream(seed).fork('a').fork('b').
 */
export function createStream(seed: Seed, ...path: StreamName[]): RandomStream {
  const checkedSeed = validateSeed(seed);
  const names = path.map((name, i) => validateStreamName(name, `path[${i}]`));
  let identity = rootIdentity(checkedSeed);
  for (const name of names) identity = childIdentity(identity, name);
  return new PhiloxStream(checkedSeed, names, identity);
}
