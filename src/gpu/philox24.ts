import { ParameterError } from '../core/errors.js';
import { integer } from '../core/validate.js';
import { add24, mulHi24, mulLo24 } from './kernels/limbs.js';

/**
 * Philox4x24-10: the structure of Philox4x32-10 (Salmon et al., SC 2011) on 24-bit words, so that a float32
 * kernel computes it exactly on every gpu.js backend (see kernels/limbs.ts). Counter (x0, x1, x2, x3), key
 * (k0, k1); each of 10 rounds maps
 *   (x0, x1, x2, x3) → (hi(M1·x2) + x1 + k0, lo(M1·x2), hi(M0·x0) + x3 + k1, lo(M0·x0))   (all mod 2^24)
 * and bumps the key by Weyl constants. Addition mod 2^24 replaces Philox's XOR, which float32 lacks; each round
 * stays a bijection of the counter (the multipliers are odd). The multipliers and Weyl constants are the top 24
 * bits of Philox's (made odd). This is a variant made for this project, checked here for uniformity, bit balance
 * and avalanche (test/gpu/philox24.test.ts), not a published generator: it drives Metropolis decisions, where its
 * role is to be reproducible across backends, not cryptographic.
 *
 * This file is the CPU twin: it calls the same helper functions the kernels call.
 */

export const PHILOX24 = Object.freeze({ name: 'philox4x24-10', version: 1 } as const);

export const WORD = 16777216;
export const M0 = 0xd2511f;
export const M1 = 0xcd9e8d;
export const W0 = 0x9e3779;
export const W1 = 0xbb67af;
export const ROUNDS = 10;

/** One block: four 24-bit output words. */
export function philox24Block(counter: ArrayLike<number>, key: ArrayLike<number>): Float64Array {
  checkWords('counter', counter, 4);
  checkWords('key', key, 2);
  let x0 = counter[0]!;
  let x1 = counter[1]!;
  let x2 = counter[2]!;
  let x3 = counter[3]!;
  let k0 = key[0]!;
  let k1 = key[1]!;
  for (let r = 0; r < ROUNDS; r++) {
    const hi0 = mulHi24(M0, x0);
    const lo0 = mulLo24(M0, x0);
    const hi1 = mulHi24(M1, x2);
    const lo1 = mulLo24(M1, x2);
    x0 = add24(add24(hi1, x1), k0);
    x1 = lo1;
    x2 = add24(add24(hi0, x3), k1);
    x3 = lo0;
    k0 = add24(k0, W0);
    k1 = add24(k1, W1);
  }
  return Float64Array.of(x0, x1, x2, x3);
}

function checkWords(name: string, words: ArrayLike<number>, length: number): void {
  if (words == null || words.length !== length) throw new ParameterError(name, words, `${length} integers in [0, 2^24)`);
  for (let i = 0; i < length; i++) integer(`${name}[${i}]`, words[i], 0, WORD - 1);
}
