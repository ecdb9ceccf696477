import type { RandomStream } from '../random/index.js';
import { randomIndex } from '../vsdl/randomIndex.js';

/** A uniformly random permutation of 0 … n−1 (Fisher–Yates with exact integer draws). */
export function permutation(stream: RandomStream, n: number): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = randomIndex(stream, i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order;
}
