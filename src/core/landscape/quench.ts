import { ConvergenceError, ParameterError } from '../errors.js';
import type { RandomStream } from '../random/index.js';
import type { Program } from '../vsdl/drive.js';
import { checkCouplings, checkShapes } from './energy.js';
import { oneOf, randomStream } from '../validate.js';
import { randomIndex } from '../vsdl/randomIndex.js';

/**
 * Zero-temperature single-spin-flip descent: from a start, flip spins that lower the energy (s_i h_i < 0, a
 * gain of 2|h_i|) until none is left, which ends in a one-flip-stable configuration, a local minimum. Two rules:
 *
 * - 'greedy': always flip the spin with the largest gain (steepest descent). The path depends only on the
 *   start, so the basins of the minima partition the 2^N configurations.
 * - 'random': flip a spin drawn uniformly among the unstable ones (random sequential dynamics). The path also
 *   depends on the draws, so a basin is the probability of ending in a minimum rather than a set of starts.
 *
 * Each flip costs O(N) (the fields are updated, not recomputed); a descent from a random start takes O(N) flips.
 * At the end the fields are recomputed exactly and the descent goes on if rounding hid an unstable spin.
 */

export const DESCENT_RULES = ['greedy', 'random'] as const;
export type DescentRule = (typeof DESCENT_RULES)[number];

export interface LocalMinimum {
  /** Energy per spin. */
  energy: number;
  state: Int8Array;
  /** Spin flips from the start. */
  flips: number;
}

/** A uniform configuration: one word per spin, its top bit. */
export function randomSpins(stream: RandomStream, n: number): Int8Array {
  const s = new Int8Array(n);
  for (let i = 0; i < n; i++) s[i] = stream.nextUint32() >>> 31 ? 1 : -1;
  return s;
}

/** h = J s for spins held as float64 (the descent's working copy: no int-to-float conversion in its loops). */
function fieldsOf(J: Float64Array, n: number, s: Float64Array, h: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let f = 0;
    for (let j = 0; j < n; j++) f += J[row + j] * s[j];
    h[i] = f;
  }
}

/** Descends from `start` (not modified); `stream` draws the flips of the 'random' rule. J is not checked here (see quenchProgram). */
export function descend(J: Float64Array, n: number, start: Int8Array, rule: DescentRule, stream?: RandomStream): LocalMinimum {
  checkShapes(J, n, start, 'start');
  oneOf('rule', rule, DESCENT_RULES);
  if (rule === 'random') {
    if (stream === undefined) throw new ParameterError('stream', 'missing', "a random stream for the 'random' descent rule");
    randomStream('stream', stream);
  }
  const s = Float64Array.from(start);
  const h = new Float64Array(n);
  fieldsOf(J, n, s, h);
  const unstable = new Int32Array(n);
  // Far more than any descent takes (O(N) flips): reaching it means the energy stopped decreasing.
  const maxFlips = 100 * n * n + 1000;
  let flips = 0;
  for (let pass = 0; ; pass++) {
    for (;;) {
      let count = 0;
      let steepest = -1;
      let gain = 0;
      for (let i = 0; i < n; i++) {
        const a = s[i] * h[i];
        if (a < 0) {
          unstable[count++] = i;
          if (a < gain) {
            gain = a;
            steepest = i;
          }
        }
      }
      if (count === 0) break;
      const k = rule === 'greedy' ? steepest : unstable[randomIndex(stream!, count)];
      const step = -2 * s[k];
      s[k] = -s[k];
      const row = k * n;
      for (let j = 0; j < n; j++) h[j] += step * J[row + j];
      if (++flips > maxFlips) throw new ConvergenceError('zero-temperature descent', `no local minimum after ${flips} flips`);
    }
    fieldsOf(J, n, s, h);
    let stable = true;
    for (let i = 0; i < n && stable; i++) stable = s[i] * h[i] >= 0;
    if (stable) break;
    if (pass > 10) throw new ConvergenceError('zero-temperature descent', 'rounding keeps a spin unstable');
  }
  let e = 0;
  for (let i = 0; i < n; i++) e += s[i] * h[i];
  return { energy: -e / (2 * n), state: Int8Array.from(s), flips };
}

export interface QuenchOptions {
  rule: DescentRule;
  /** Quenches [from, to) of the instance: quench q starts from randomSpins(stream.fork(q)) and draws from it. */
  from: number;
  to: number;
  /** Called with each minimum as it is found (a lab can draw it at once). */
  onMinimum?: (q: number, minimum: LocalMinimum) => void;
}

/** Quenches in order, yielding the fraction done every ~2^22 field updates so that a caller can cancel. */
export function* quenchProgram(J: Float64Array, n: number, stream: RandomStream, { rule, from, to, onMinimum }: QuenchOptions): Program<LocalMinimum[]> {
  checkCouplings(J, n);
  const minima: LocalMinimum[] = [];
  const perYield = Math.max(1, Math.floor(2 ** 22 / (n * n)));
  for (let q = from; q < to; q++) {
    const own = stream.fork(q);
    const minimum = descend(J, n, randomSpins(own, n), rule, own);
    minima.push(minimum);
    onMinimum?.(q, minimum);
    if ((q - from + 1) % perYield === 0 && q + 1 < to) yield (q - from + 1) / (to - from);
  }
  return minima;
}
