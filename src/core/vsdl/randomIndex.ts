import { integer, randomStream } from '../validate.js';
import type { RandomStream } from '../random/index.js';

const TWO_POW_32 = 4294967296;

/**
 * A uniform integer in [0, n) from 32-bit words, exactly (Lemire's multiply-and-reject): m = u·n stays below
 * 2^52 for n ≤ 2^20, so the product, its low 32 bits and the quotient are exact doubles. Rejection happens with
 * probability below n/2^32.
 */
export function randomIndex(stream: RandomStream, n: number): number {
  randomStream('stream', stream);
  integer('n', n, 1, 2 ** 20);
  return randomIndexUnchecked(stream, n);
}

/** randomIndex without the argument checks, for the sweeps' inner loop (its callers pass 1 ≤ n ≤ N). */
export function randomIndexUnchecked(stream: RandomStream, n: number): number {
  let m = stream.nextUint32() * n;
  let low = m % TWO_POW_32;
  if (low < n) {
    const threshold = (TWO_POW_32 - n) % n;
    while (low < threshold) {
      m = stream.nextUint32() * n;
      low = m % TWO_POW_32;
    }
  }
  return Math.floor(m / TWO_POW_32);
}
