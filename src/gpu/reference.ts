import { scaleIndex } from './kernels/limbs.js';
import { philox24Block, WORD } from './philox24.js';

/**
 * CPU twin of one decide + update of one chain (kernels/decide.ts, kernels/update.ts), in the same float32
 * arithmetic: given the chain's state row, info row and the grid's data, it returns what the kernels must
 * produce. Tests compare the two exactly.
 */

export interface ReferenceStep {
  site: number;
  u: number;
  /** Errors before and after the proposed flip, over the chain's p examples. */
  before: number;
  after: number;
  delta: number;
  accepted: boolean;
  /** The state row after the step. */
  next: Float32Array;
}

/** Proposal j of sweep `sweep`: the Philox4x24 block with counter (j, sweep, c2, c3) of the chain. */
export function referenceStep(state: Float32Array, info: Float32Array, data: Float32Array, n: number, pMax: number, sweep: number, j: number): ReferenceStep {
  const block = philox24Block([j, sweep, info[2]!, info[3]!], [info[4]!, info[5]!]);
  const site = scaleIndex(block[0]!, n);
  const u = block[1]! / WORD;
  const sample = info[0]!;
  const p = info[1]!;
  const step = -2 * state[site]!;
  const column = (sample * n + site) * pMax;
  let before = 0;
  let after = 0;
  for (let mu = 0; mu < p; mu++) {
    const h = state[n + mu]!;
    if (h <= 0) before++;
    if (Math.fround(h + step * data[column + mu]!) <= 0) after++;
  }
  const delta = after - before;
  const tau = info[6]!;
  const accepted = delta <= 0 || (delta <= 64 ? u < info[8 + delta]! : tau > 0 && u < Math.fround(Math.exp(-delta / tau)));
  const next = Float32Array.from(state);
  if (accepted) {
    next[site] = -state[site]!;
    for (let mu = 0; mu < pMax; mu++) next[n + mu] = Math.fround(state[n + mu]! + step * data[column + mu]!);
    next[n + pMax] = (state[n + pMax]! + 1) % WORD;
  }
  return { site, u, before, after, delta, accepted, next };
}
