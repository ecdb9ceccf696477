import { ParameterError } from '../errors.js';
import { integer } from '../validate.js';

/**
 * Philox4x32-10 (Salmon, Moraes, Dror & Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC 2011), the
 * counter-based generator of Random123: output = bijection(counter, key) on 128-bit blocks.
 *
 * Only exact 32-bit integer arithmetic is used, so every JavaScript engine (and a GPU kernel that follows the
 * same steps) produces the same bits. The low half of each 32×32 product comes from Math.imul; the high half is
 * assembled from 16-bit partial products, each below 2^32 and therefore exact in a double.
 */

const MULTIPLIER_0 = 0xd2511f53;
const MULTIPLIER_1 = 0xcd9e8d57;
const M0_LOW = MULTIPLIER_0 & 0xffff;
const M0_HIGH = MULTIPLIER_0 >>> 16;
const M1_LOW = MULTIPLIER_1 & 0xffff;
const M1_HIGH = MULTIPLIER_1 >>> 16;
/** Weyl increments of the key schedule (golden ratio and √3 − 1, as 32-bit fractions). */
const KEY_BUMP_0 = 0x9e3779b9;
const KEY_BUMP_1 = 0xbb67ae85;
const ROUNDS = 10;

/**
 * Writes the Philox4x32-10 outputs of `blocks` consecutive counters into `out` from `offset` (4 words each).
 * The counter is (c0, c1, c2, c3) with c0 the least significant word; c0 is incremented with carry into c1
 * (c2 and c3 stay fixed, which is how streams use them). Key (k0, k1). All inputs are uint32 values.
 */
export function philoxBlocks(
  out: Uint32Array,
  offset: number,
  blocks: number,
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
): void {
  let lo = c0 >>> 0;
  let hi = c1 >>> 0;
  let o = offset;
  for (let b = 0; b < blocks; b++) {
    let x0 = lo;
    let x1 = hi;
    let x2 = c2;
    let x3 = c3;
    let key0 = k0 | 0;
    let key1 = k1 | 0;
    for (let r = 0; r < ROUNDS; r++) {
      // High halves of x0·M0 and x2·M1 from 16-bit pieces: every partial product and sum stays below 2^33.
      const a0 = x0 & 0xffff;
      const a1 = x0 >>> 16;
      const cross0 = a0 * M0_HIGH;
      const cross1 = a1 * M0_LOW;
      const carry0 = ((a0 * M0_LOW) >>> 16) + (cross0 & 0xffff) + (cross1 & 0xffff);
      const high0 = a1 * M0_HIGH + (cross0 >>> 16) + (cross1 >>> 16) + (carry0 >>> 16);
      const d0 = x2 & 0xffff;
      const d1 = x2 >>> 16;
      const cross2 = d0 * M1_HIGH;
      const cross3 = d1 * M1_LOW;
      const carry1 = ((d0 * M1_LOW) >>> 16) + (cross2 & 0xffff) + (cross3 & 0xffff);
      const high1 = d1 * M1_HIGH + (cross2 >>> 16) + (cross3 >>> 16) + (carry1 >>> 16);
      const y0 = high1 ^ x1 ^ key0;
      const y2 = high0 ^ x3 ^ key1;
      x1 = Math.imul(x2, MULTIPLIER_1);
      x3 = Math.imul(x0, MULTIPLIER_0);
      x0 = y0;
      x2 = y2;
      // Bumping after the last round as well is harmless: the bumped key is never used.
      key0 = (key0 + KEY_BUMP_0) | 0;
      key1 = (key1 + KEY_BUMP_1) | 0;
    }
    out[o] = x0;
    out[o + 1] = x1;
    out[o + 2] = x2;
    out[o + 3] = x3;
    o += 4;
    lo = (lo + 1) >>> 0;
    if (lo === 0) hi = (hi + 1) >>> 0;
  }
}

/**
 * One Philox4x32-10 block: `counter` is four uint32 words (least significant first), `key` two. Returns the four
 * output words. This is the reference entry point (known-answer tests, GPU twins); streams use philoxBlocks.
 */
export function philox4x32_10(counter: ArrayLike<number>, key: ArrayLike<number>): Uint32Array {
  checkWords('counter', counter, 4);
  checkWords('key', key, 2);
  const out = new Uint32Array(4);
  const [c0, c1, c2, c3] = Array.from(counter, (word) => word >>> 0);
  philoxBlocks(out, 0, 1, c0!, c1!, c2!, c3!, key[0]! >>> 0, key[1]! >>> 0);
  return out;
}

function checkWords(name: string, words: ArrayLike<number>, length: number): void {
  if (words == null || words.length !== length) {
    throw new ParameterError(name, words, `${length} uint32 words`);
  }
  for (let i = 0; i < length; i++) integer(`${name}[${i}]`, words[i], 0, 0xffffffff);
}
