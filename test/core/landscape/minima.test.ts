import { describe, expect, it } from 'vitest';
import { overlap, pairOverlaps, randomSpins, summarizeMinima, type LocalMinimum } from '../../../src/core/landscape/index.js';
import { createStream } from '../../../src/core/random/index.js';

describe('summaries of the minima', () => {
  it('gives every pair overlap as the direct sum does (N not a multiple of 32)', () => {
    const states = Array.from({ length: 9 }, (_, k) => randomSpins(createStream('pairs', k), 45));
    const q = pairOverlaps(states);
    expect(q.length).toBe(36);
    let k = 0;
    for (let a = 0; a < 9; a++) for (let b = a + 1; b < 9; b++) expect(q[k++]).toBe(overlap(states[a], states[b]));
    expect(pairOverlaps(states.slice(0, 1)).length).toBe(0);
  });

  it('counts minima up to the global flip, and the fraction at the ground state', () => {
    const ground = Int8Array.from([1, -1, 1, 1]);
    const other = Int8Array.from([1, 1, 1, 1]);
    const m = (s: Int8Array, energy: number): LocalMinimum => ({ energy, state: s, flips: 0 });
    const minima = [m(ground, -1), m(ground.map((x) => -x), -1), m(other, -0.5), m(ground, -1)];
    const s = summarizeMinima(minima, ground, Int8Array.from([1, 1, 1, 1]));
    expect(s.fractionAtGroundState).toBe(0.75);
    expect(s.basins.map((b) => [b.energy, b.overlap, b.fraction, b.first])).toEqual([
      [-1, 1, 0.75, 0],
      [-0.5, 0.5, 0.25, 2],
    ]);
    expect(s.overlaps).toEqual([1, 1, 0.5, 1]);
    expect(s.plantedOverlaps).toEqual([0.5, 0.5, 1, 0.5]);
  });
});
