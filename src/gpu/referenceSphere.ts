import { scaleIndex } from './kernels/limbs.js';
import { rotationTrig } from './kernels/trig.js';
import { SLOT_WIDTH } from './layout.js';
import { philox24Block, WORD } from './philox24.js';

/**
 * CPU twins of the spherical kernels (kernels/decideSphere.ts, updateSphere.ts, refreshSphere.ts) of one chain,
 * with the same float32 roundings in the same order (Math.fround on every operation, kernels/trig.ts's cos and sin,
 * the engine's sqrt rounded once): on the cpu and webasm backends the kernels must reproduce them bit for bit.
 */

const f = Math.fround;

export interface ReferenceSphereStep {
  /** The rotated pair. */
  i: number;
  j: number;
  theta: number;
  u: number;
  before: number;
  after: number;
  delta: number;
  accepted: boolean;
  /** The state row after the step. */
  next: Float32Array;
}

/** Proposal j of sweep `sweep` (counter (j, sweep, c2, c3), as referenceStep). */
export function referenceSphereStep(state: Float32Array, info: Float32Array, data: Float32Array, n: number, pMax: number, sweep: number, j: number): ReferenceSphereStep {
  const block = philox24Block([j, sweep, info[2]!, info[3]!], [info[4]!, info[5]!]);
  const i = scaleIndex(block[0]!, n);
  let k = scaleIndex(block[1]!, n - 1);
  if (k >= i) k++;
  // An odd multiple of 2^−23 in (−1, 1), exact in float32 (see decideSphere.ts).
  const s = (2 * Math.floor(block[2]! / 2) + 1 - 2 ** 23) / 2 ** 23;
  const theta = f(info[SLOT_WIDTH]! * s);
  const u = block[3]! / WORD;
  const cs = rotationTrig(theta, 0);
  const sn = rotationTrig(theta, 1);
  const a = state[i]!;
  const b = state[k]!;
  const newA = f(f(cs * a) - f(sn * b));
  const newB = f(f(sn * a) + f(cs * b));
  const stepA = f(newA - a);
  const stepB = f(newB - b);
  const sample = info[0]!;
  const p = info[1]!;
  const columnA = (sample * n + i) * pMax;
  const columnB = (sample * n + k) * pMax;
  const moved = (mu: number) => f(f(state[n + mu]! + f(stepA * data[columnA + mu]!)) + f(stepB * data[columnB + mu]!));
  let before = 0;
  let after = 0;
  for (let mu = 0; mu < p; mu++) {
    if (state[n + mu]! <= 0) before++;
    if (moved(mu) <= 0) after++;
  }
  const delta = after - before;
  const tau = info[6]!;
  const accepted = delta <= 0 || (delta <= 64 ? u < info[8 + delta]! : tau > 0 && u < f(Math.exp(-delta / tau)));
  const next = Float32Array.from(state);
  if (accepted) {
    next[i] = newA;
    next[k] = newB;
    for (let mu = 0; mu < pMax; mu++) next[n + mu] = moved(mu);
    next[n + pMax] = (state[n + pMax]! + 1) % WORD;
  }
  return { i, j: k, theta, u, before, after, delta, accepted, next };
}

/** The refresh of one chain's row: J rescaled to |J|² = n, fields recomputed from it, counter kept. */
export function referenceSphereRefresh(state: Float32Array, info: Float32Array, data: Float32Array, n: number, pMax: number): Float32Array {
  let norm = 0;
  for (let i = 0; i < n; i++) norm = f(norm + f(state[i]! * state[i]!));
  const scale = f(Math.sqrt(f(n / norm)));
  const next = Float32Array.from(state);
  const sample = info[0]!;
  for (let i = 0; i < n; i++) next[i] = f(state[i]! * scale);
  for (let mu = 0; mu < pMax; mu++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum = f(sum + f(next[i]! * data[(sample * n + i) * pMax + mu]!));
    next[n + mu] = sum;
  }
  return next;
}
