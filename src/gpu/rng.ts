import type { GPU } from 'gpu.js';
import { ParameterError } from '../core/errors.js';
import { integer } from '../core/validate.js';
import { LIMB_FUNCTIONS } from './helpers.js';
import { rngBlocksKernel } from './kernels/rng.js';
import { M0, M1, W0, W1, WORD } from './philox24.js';
import { rows } from './readback.js';

export const RNG_CONSTANTS = { m0: M0, m1: M1, w0: W0, w1: W1 };
export { LIMB_FUNCTIONS };

/**
 * `blocks` consecutive Philox4x24-10 blocks computed by a kernel on `gpu`: counters (start + b, c1, c2, c3),
 * key (k0, k1). Returns 4·blocks words, block-major (word 0 of block 0 first).
 */
export async function philox24BlocksOnGpu(
  gpu: GPU,
  blocks: number,
  counter: readonly [number, number, number, number],
  key: readonly [number, number],
): Promise<Float64Array> {
  integer('blocks', blocks, 1, 1 << 20);
  counter.forEach((w, i) => integer(`counter[${i}]`, w, 0, WORD - 1));
  key.forEach((w, i) => integer(`key[${i}]`, w, 0, WORD - 1));
  if (counter[0] + blocks > WORD) throw new ParameterError('blocks', blocks, 'counter[0] + blocks ≤ 2^24');
  const kernel = gpu.createKernel(rngBlocksKernel as any, {
    output: [4, blocks],
    constants: RNG_CONSTANTS,
    functions: LIMB_FUNCTIONS as any,
    precision: 'single',
    tactic: 'precision',
  } as any);
  const result = await (kernel as any)(counter[0], counter[1], counter[2], counter[3], key[0], key[1]);
  const out = new Float64Array(4 * blocks);
  rows(result).forEach((row, b) => out.set(row.subarray(0, 4), 4 * b));
  (kernel as any).destroy?.();
  return out;
}
