import { integer } from '../validate.js';
import type { Program } from '../vsdl/drive.js';
import { checkCouplings, energyPerSpin } from './energy.js';
import { kernelScan } from './enumerateKernel.js';

/**
 * Exact ground states by enumeration of all 2^(N−1) configurations with the last spin fixed to +1 (the global
 * flip gives the other half). The work is split into chunks of high-spin Gray words (see wasm/enumerate.as): each
 * chunk is independent, so shells run them on as many threads as they have (worker_threads in Node, web workers
 * in browsers) and keep the lowest result; `bestOf` makes that choice the same whatever the order.
 */

/** Largest N enumerated: 2^47 configurations, about a day on 16 cores. */
export const MAX_ENUMERATION_N = 48;
/** Low spins handled by the table (2^14 float64 = 128 KiB, in a core's L2 cache) and by the inner row. */
const LOW_BITS = 14;
const ROW_BITS = 10;
/** Configurations per chunk: tens of milliseconds at the measured rate, so progress and cancellation are prompt. */
const CHUNK_CONFIGURATIONS = 2 ** 26;

export interface EnumerationChunk {
  /** Gray words [start, end) of the high spins. */
  start: number;
  end: number;
}

export interface EnumerationPlan {
  n: number;
  /** Spins in the inner row (b1) and in the table rows (b2); the other N − 1 − b1 − b2 walk the Gray code. */
  rowBits: number;
  tableBits: number;
  /** 2^(N−1). */
  configurations: number;
  /** High Gray words in all and per chunk; chunk k is [k·chunkSteps, min(steps, (k + 1)·chunkSteps)). */
  steps: number;
  chunkSteps: number;
  chunkCount: number;
}

export interface GroundState {
  /** Energy per spin, recomputed from the configuration. */
  energy: number;
  /** The ground state with its last spin +1. */
  state: Int8Array;
}

/**
 * The chunks of an enumeration. `lowBits` (default 14) is the number of spins in the table, whose 2^lowBits
 * energies should stay in a core's cache; smaller values only make the scan slower (the tests use them to reach
 * many Gray steps at small N).
 */
export function planEnumeration(n: number, { chunkConfigurations = CHUNK_CONFIGURATIONS, lowBits = LOW_BITS } = {}): EnumerationPlan {
  integer('n', n, 1, MAX_ENUMERATION_N);
  integer('lowBits', lowBits, 3, 20);
  const low = Math.min(n - 1, lowBits);
  const rowBits = Math.min(low, ROW_BITS);
  const steps = 2 ** (n - 1 - low);
  const chunkSteps = Math.min(steps, Math.max(1, Math.floor(chunkConfigurations / 2 ** low)));
  return { n, rowBits, tableBits: low - rowBits, configurations: 2 ** (n - 1), steps, chunkSteps, chunkCount: Math.ceil(steps / chunkSteps) };
}

export function enumerationChunk(plan: EnumerationPlan, k: number): EnumerationChunk {
  const start = k * plan.chunkSteps;
  return { start, end: Math.min(plan.steps, start + plan.chunkSteps) };
}

/** The best configuration of one chunk. J: symmetric N×N, zero diagonal, finite (checked). */
export function scanChunk(J: Float64Array, plan: EnumerationPlan, chunk: EnumerationChunk): GroundState {
  const { n, rowBits, tableBits } = plan;
  checkCouplings(J, n);
  if (rowBits < 3) return smallGroundState(J, n);
  const best = kernelScan(J, n, rowBits, tableBits, chunk.start, chunk.end);
  if (!(best.gray >= 0 && best.low >= 0)) throw new Error(`enumeration found no configuration in [${chunk.start}, ${chunk.end})`);
  const state = stateOf(n, rowBits + tableBits, best.gray, best.low);
  return { energy: energyPerSpin(J, n, state), state };
}

/** Spin i is −1 when its bit is set: bits of `low` for i < b, of the Gray code word of `gray` above; s_{N−1} = +1. */
function stateOf(n: number, b: number, gray: number, low: number): Int8Array {
  const s = new Int8Array(n).fill(1);
  for (let i = 0; i < b; i++) if (Math.floor(low / 2 ** i) % 2 === 1) s[i] = -1;
  // g XOR (g >> 1), bit by bit, since g may exceed 32 bits.
  for (let i = b; i < n - 1; i++) {
    const k = i - b;
    if ((Math.floor(gray / 2 ** k) + Math.floor(gray / 2 ** (k + 1))) % 2 === 1) s[i] = -1;
  }
  return s;
}

/** N ≤ 3: at most four configurations, compared directly (the kernel's row holds at least eight). */
function smallGroundState(J: Float64Array, n: number): GroundState {
  let best: GroundState | null = null;
  for (let x = 0; x < 2 ** (n - 1); x++) {
    const s = stateOf(n, n - 1, 0, x);
    const energy = energyPerSpin(J, n, s);
    if (!best || energy < best.energy) best = { energy, state: s };
  }
  return best!;
}

/** The lower of two results; equal energies are broken by the configuration, so any order gives the same answer. */
export function bestOf(a: GroundState | null, b: GroundState): GroundState {
  if (!a || b.energy < a.energy) return b;
  if (a.energy < b.energy) return a;
  for (let i = 0; i < a.state.length; i++) if (a.state[i] !== b.state[i]) return a.state[i] < b.state[i] ? a : b;
  return a;
}

/** All chunks on this thread, yielding the fraction done after each (see vsdl/drive for running it). */
export function* enumerateProgram(J: Float64Array, n: number): Program<GroundState> {
  const plan = planEnumeration(n);
  let best: GroundState | null = null;
  for (let k = 0; k < plan.chunkCount; k++) {
    best = bestOf(best, scanChunk(J, plan, enumerationChunk(plan, k)));
    yield (k + 1) / plan.chunkCount;
  }
  return best!;
}
