import type { RandomStream } from '../random/index.js';
import type { Program } from '../vsdl/drive.js';
import { checkCouplings, localFields } from './energy.js';
import { descend, randomSpins } from './quench.js';

/**
 * The lowest energy parallel tempering finds, for sizes beyond enumeration: R replicas at temperatures
 * T_1 < … < T_R (geometric), each swept with single-spin Metropolis in spin order, and after every sweep
 * neighbouring temperatures (even pairs, then odd pairs on alternate sweeps) swap configurations with probability
 * min(1, exp((β_k − β_{k+1})(E_k − E_{k+1}))), which leaves the product of the Boltzmann measures invariant.
 * Hot replicas cross barriers, cold ones sink into deep valleys. The lowest configuration seen at the end of a
 * sweep is finally descended greedily to a local minimum. The answer is the best found, not a proven ground
 * state: running twice from independent streams and comparing is the usual check.
 *
 * Temperatures are in units of the couplings' field scale: the median |h_i| over a random configuration,
 * divided by 0.6745 (the median of |N(0, 1)|), which is 1 for SK couplings (critical temperature 1) and stays
 * meaningful for heavy tails, where the mean square field is infinite.
 */

export interface TemperingSearchOptions {
  /** Temperatures (default 32). */
  replicas?: number;
  /** Sweeps of every replica (default 2000). */
  sweeps?: number;
  /** Lowest and highest temperature in field-scale units (default 0.1 and 2). */
  tMin?: number;
  tMax?: number;
}

export const TEMPERING_DEFAULTS = { replicas: 32, sweeps: 2000, tMin: 0.1, tMax: 2 } as const;

export interface TemperingSearchResult {
  /** Energy per spin of the best configuration found, after the final descent. */
  energy: number;
  state: Int8Array;
  /** Sweep at whose end the best configuration (before descent) was first seen. */
  foundAtSweep: number;
  /** Temperatures used (absolute). */
  temperatures: number[];
  /** Accepted swaps / attempted swaps, per neighbouring pair. */
  swapAcceptance: number[];
}

/** Median |h_i| / 0.6745 over a random configuration (1 for SK couplings). */
export function fieldScale(J: Float64Array, n: number, stream: RandomStream): number {
  const h = localFields(J, n, randomSpins(stream, n)).map(Math.abs).sort();
  const median = n % 2 ? h[(n - 1) / 2] : 0.5 * (h[n / 2 - 1] + h[n / 2]);
  return median > 0 ? median / 0.6745 : 1;
}

/**
 * Mean acceptance of a Metropolis flip over the ladder, as the estimates count it: a spin visit costs
 * 1 + TEMPERING_ACCEPTANCE·N field updates on average (an accepted flip updates the N fields).
 */
export const TEMPERING_ACCEPTANCE = 0.3;

/** Sweeps per yield: about 2^24 field updates (tens of milliseconds), so that a cancel is heard at any N. */
function sweepsPerYield(n: number, replicas: number): number {
  return Math.max(1, Math.floor(2 ** 24 / (n * replicas * (1 + TEMPERING_ACCEPTANCE * n))));
}

export function* temperingSearch(J: Float64Array, n: number, stream: RandomStream, options: TemperingSearchOptions = {}): Program<TemperingSearchResult> {
  checkCouplings(J, n);
  const replicas = options.replicas ?? TEMPERING_DEFAULTS.replicas;
  const sweeps = options.sweeps ?? TEMPERING_DEFAULTS.sweeps;
  const tMin = options.tMin ?? TEMPERING_DEFAULTS.tMin;
  const tMax = options.tMax ?? TEMPERING_DEFAULTS.tMax;
  const scale = fieldScale(J, n, stream.fork('scale'));
  const temperatures = Array.from({ length: replicas }, (_, k) => scale * tMin * (tMax / tMin) ** (replicas === 1 ? 0 : k / (replicas - 1)));
  const betas = temperatures.map((t) => 1 / t);
  const moves = stream.fork('moves');
  // Replica r holds state[r] at temperature slot[r]; swaps exchange slots, not arrays.
  const states = temperatures.map((_, r) => randomSpins(stream.fork('start').fork(r), n));
  const fields = states.map((s) => localFields(J, n, s));
  const energies = states.map((s, r) => totalEnergy(s, fields[r]));
  const replicaAt = temperatures.map((_, k) => k);
  const accepted = new Array<number>(Math.max(0, replicas - 1)).fill(0);
  const attempted = new Array<number>(Math.max(0, replicas - 1)).fill(0);
  let best = { energy: Infinity, state: states[0], sweep: 0 };
  const perYield = sweepsPerYield(n, replicas);

  for (let sweep = 1; sweep <= sweeps; sweep++) {
    for (let k = 0; k < replicas; k++) {
      const r = replicaAt[k];
      energies[r] += metropolisSweep(J, n, states[r], fields[r], betas[k], moves);
    }
    for (let k = sweep % 2; k + 1 < replicas; k += 2) {
      const a = replicaAt[k];
      const b = replicaAt[k + 1];
      attempted[k]++;
      const x = (betas[k] - betas[k + 1]) * (energies[a] - energies[b]);
      if (x >= 0 || moves.nextFloat() < Math.exp(x)) {
        replicaAt[k] = b;
        replicaAt[k + 1] = a;
        accepted[k]++;
      }
    }
    if (sweep % 100 === 0) {
      // Fields and energies drift by rounding: recompute them exactly.
      for (let r = 0; r < replicas; r++) {
        localFields(J, n, states[r], fields[r]);
        energies[r] = totalEnergy(states[r], fields[r]);
      }
    }
    for (let r = 0; r < replicas; r++) {
      if (energies[r] < best.energy) best = { energy: energies[r], state: Int8Array.from(states[r]), sweep };
    }
    if (sweep % perYield === 0 && sweep < sweeps) yield sweep / sweeps;
  }
  const minimum = descend(J, n, best.state, 'greedy');
  return {
    energy: minimum.energy,
    state: minimum.state,
    foundAtSweep: best.sweep,
    temperatures,
    swapAcceptance: accepted.map((a, k) => (attempted[k] ? a / attempted[k] : 0)),
  };
}

/** −½ sᵀh: the total energy (not per spin) from exact fields. */
function totalEnergy(s: Int8Array, h: Float64Array): number {
  let e = 0;
  for (let i = 0; i < s.length; i++) e += s[i] * h[i];
  return -e / 2;
}

const TWO_POW_MINUS_32 = 2 ** -32;

/**
 * One Metropolis sweep in spin order at inverse temperature beta; returns the change of the total energy. An
 * uphill flip is accepted when a uniform (w + ½)·2^−32 from one 32-bit word is below e^(−βΔE): half the words of a
 * 53-bit uniform, and acceptance probabilities are right to 2^−32, far below the statistical noise of a search.
 */
function metropolisSweep(J: Float64Array, n: number, s: Int8Array, h: Float64Array<ArrayBufferLike>, beta: number, stream: RandomStream): number {
  let change = 0;
  for (let i = 0; i < n; i++) {
    const delta = 2 * s[i] * h[i];
    if (delta > 0 && (stream.nextUint32() + 0.5) * TWO_POW_MINUS_32 >= Math.exp(-beta * delta)) continue;
    const next = -s[i];
    s[i] = next;
    change += delta;
    const row = i * n;
    for (let j = 0; j < n; j++) h[j] += 2 * next * J[row + j];
  }
  return change;
}
