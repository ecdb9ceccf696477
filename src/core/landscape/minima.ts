import { canonical, overlap } from './energy.js';
import type { LocalMinimum } from './quench.js';

/**
 * What the quenches of one instance say about its landscape: the minima they reach, how they sit relative to the
 * ground state (energy gap, overlap), and how often each distinct minimum is reached. With Q random starts, a
 * minimum reached k times has an estimated basin fraction k/Q (standard error √(k(Q−k)/Q)/Q): under the greedy
 * rule the share of the 2^N starts that descend to it, under the random rule the probability of ending there.
 */

export interface Basin {
  /** Energy per spin of the minimum. */
  energy: number;
  /** Its overlap with the ground state. */
  overlap: number;
  /** Fraction of the quenches that reached it. */
  fraction: number;
  /** A quench that reached it (its index in the list). */
  first: number;
}

export interface MinimaSummary {
  /** Per quench, in order: energy per spin and |overlap| with the ground state. */
  energies: number[];
  overlaps: number[];
  /** Per quench, |overlap| with the planted pattern (null without one). */
  plantedOverlaps: number[] | null;
  /** Fraction of quenches that end in the ground state (either sign). */
  fractionAtGroundState: number;
  /** Distinct minima (up to the global flip), most often reached first. */
  basins: Basin[];
}

/** A configuration up to the global flip, as a string key (16 spins per UTF-16 code unit). */
function stateKey(s: Int8Array): string {
  const c = canonical(s);
  let key = '';
  for (let i = 0; i < c.length; i += 16) {
    let word = 0;
    for (let k = i; k < Math.min(i + 16, c.length); k++) word = word * 2 + (c[k] < 0 ? 1 : 0);
    key += String.fromCharCode(word);
  }
  return key;
}

export function summarizeMinima(minima: readonly LocalMinimum[], groundState: Int8Array, planted: Int8Array | null = null): MinimaSummary {
  const groundKey = stateKey(groundState);
  const counts = new Map<string, Basin & { count: number }>();
  let atGround = 0;
  minima.forEach((m, q) => {
    const key = stateKey(m.state);
    if (key === groundKey) atGround++;
    const seen = counts.get(key);
    if (seen) seen.count++;
    else counts.set(key, { energy: m.energy, overlap: overlap(m.state, groundState), fraction: 0, first: q, count: 1 });
  });
  const basins = [...counts.values()]
    .sort((a, b) => b.count - a.count || a.energy - b.energy)
    .map(({ count, ...basin }) => ({ ...basin, fraction: count / minima.length }));
  return {
    energies: minima.map((m) => m.energy),
    overlaps: minima.map((m) => overlap(m.state, groundState)),
    plantedOverlaps: planted ? minima.map((m) => overlap(m.state, planted)) : null,
    fractionAtGroundState: minima.length ? atGround / minima.length : 0,
    basins,
  };
}

/**
 * |overlap| of every pair of configurations (i < j, in row order): Q(Q−1)/2 values, by popcounts of packed
 * spins. Their distribution is the landscape's P(q): one peak for a simple landscape, a spread for a rugged one.
 */
export function pairOverlaps(states: readonly Int8Array[]): Float64Array {
  const count = states.length;
  if (count < 2) return new Float64Array(0);
  const n = states[0].length;
  const words = Math.ceil(n / 32);
  const packed = new Int32Array(count * words);
  states.forEach((s, a) => {
    for (let i = 0; i < n; i++) if (s[i] < 0) packed[a * words + (i >> 5)] |= 1 << (i & 31);
  });
  const out = new Float64Array((count * (count - 1)) / 2);
  let k = 0;
  for (let a = 0; a < count; a++) {
    for (let b = a + 1; b < count; b++) {
      let differ = 0;
      for (let w = 0; w < words; w++) differ += popcount(packed[a * words + w] ^ packed[b * words + w]);
      out[k++] = Math.abs(n - 2 * differ) / n;
    }
  }
  return out;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
