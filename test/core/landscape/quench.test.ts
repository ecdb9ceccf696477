import { describe, expect, it } from 'vitest';
import {
  descend,
  drawInstance,
  energyPerSpin,
  isOneFlipStable,
  localFields,
  quenchProgram,
  randomSpins,
  resolveLandscape,
  summarizeMinima,
  type LocalMinimum,
} from '../../../src/core/landscape/index.js';
import { createStream, type RandomStream } from '../../../src/core/random/index.js';
import { driveSync } from '../../../src/core/vsdl/drive.js';
import { randomIndex } from '../../../src/core/vsdl/index.js';
import { pairEnergy, spinsOf } from './bruteForce.js';

function instance(couplings: 'gaussian' | 'pareto' | 'student-t', n: number, seed: number) {
  const mu = couplings === 'gaussian' ? undefined : 1.5;
  return drawInstance(resolveLandscape({ couplings, mu, n, seed, method: 'quench' }), 0);
}

/** The descent written plainly: every step recomputes all fields from J and picks the spin by the rule. */
function slowDescent(J: Float64Array, n: number, start: Int8Array, rule: 'greedy' | 'random', stream?: RandomStream): Int8Array {
  const s = Int8Array.from(start);
  for (;;) {
    const unstable: number[] = [];
    let steepest = -1;
    let gain = 0;
    for (let i = 0; i < n; i++) {
      let h = 0;
      for (let j = 0; j < n; j++) h += J[i * n + j] * s[j];
      if (s[i] * h < 0) {
        unstable.push(i);
        if (s[i] * h < gain) {
          gain = s[i] * h;
          steepest = i;
        }
      }
    }
    if (!unstable.length) return s;
    const k = rule === 'greedy' ? steepest : unstable[randomIndex(stream!, unstable.length)];
    s[k] = -s[k];
  }
}

describe('zero-temperature descent', () => {
  it('ends in a one-flip-stable configuration below its start, the one the plain algorithm reaches', () => {
    for (const law of ['gaussian', 'pareto', 'student-t'] as const) {
      const { J, n } = instance(law, 60, 1);
      for (let q = 0; q < 20; q++) {
        const start = randomSpins(createStream('starts', law, q), n);
        const greedy = descend(J, n, start, 'greedy');
        expect(isOneFlipStable(J, n, greedy.state)).toBe(true);
        expect(greedy.energy).toBe(energyPerSpin(J, n, greedy.state));
        expect(greedy.energy).toBeLessThanOrEqual(energyPerSpin(J, n, start));
        expect(Array.from(greedy.state)).toEqual(Array.from(slowDescent(J, n, start, 'greedy')));

        const random = descend(J, n, start, 'random', createStream('flips', law, q));
        expect(isOneFlipStable(J, n, random.state)).toBe(true);
        expect(Array.from(random.state)).toEqual(Array.from(slowDescent(J, n, start, 'random', createStream('flips', law, q))));
        // Each flip lowers the energy, so a descent cannot take more flips than there are distinct energies on
        // its path; from a random start it takes O(N).
        expect(greedy.flips).toBeLessThan(3 * n);
      }
    }
  });

  it('leaves a local minimum where it is and does not modify its start', () => {
    const { J, n } = instance('gaussian', 30, 2);
    const start = randomSpins(createStream('start'), n);
    const copy = Int8Array.from(start);
    const m = descend(J, n, start, 'greedy');
    expect(start).toEqual(copy);
    const again = descend(J, n, m.state, 'random', createStream('x'));
    expect(again.flips).toBe(0);
    expect(again.state).toEqual(m.state);
  });

  it('estimates greedy basin sizes that match the exact partition of all 2^N starts (N = 12)', () => {
    // Greedy descent is a function of the start, so its basins partition {±1}^12 exactly. Q random starts
    // estimate each basin's fraction p with binomial SE √(p(1−p)/Q): every estimate must lie within 4 SE.
    const n = 12;
    const { J } = instance('pareto', n, 3);
    const exact = new Map<string, number>();
    for (let x = 0; x < 2 ** n; x++) {
      const key = descend(J, n, spinsOf(x, n), 'greedy').state.join(',');
      exact.set(key, (exact.get(key) ?? 0) + 1 / 2 ** n);
    }
    const Q = 4000;
    const minima = driveSync(quenchProgram(J, n, createStream('basins'), { rule: 'greedy', from: 0, to: Q }));
    const counts = new Map<string, number>();
    for (const m of minima) counts.set(m.state.join(','), (counts.get(m.state.join(',')) ?? 0) + 1);
    for (const [key, p] of exact) {
      const se = Math.sqrt((p * (1 - p)) / Q);
      expect(Math.abs((counts.get(key) ?? 0) / Q - p), key).toBeLessThanOrEqual(4 * se + 1e-12);
    }
    // The summary counts minima up to the global flip: its fractions are those of the pairs {m, −m}.
    const ground = minima.reduce((a, b) => (b.energy < a.energy ? b : a));
    const summary = summarizeMinima(minima, ground.state);
    const total = summary.basins.reduce((sum, b) => sum + b.fraction, 0);
    expect(total).toBeCloseTo(1, 12);
    expect(summary.basins.length).toBeLessThanOrEqual(exact.size);
    expect(summary.fractionAtGroundState).toBeGreaterThan(0);
  });

  it('draws quench q from its own sub-stream, so a run split in parts equals the whole', () => {
    const { J, n, stream } = instance('gaussian', 40, 4);
    const s = stream.fork('quench');
    const whole = driveSync(quenchProgram(J, n, s, { rule: 'random', from: 0, to: 30 }));
    const seen: number[] = [];
    const parts = [
      ...driveSync(quenchProgram(J, n, s, { rule: 'random', from: 0, to: 11, onMinimum: (q) => seen.push(q) })),
      ...driveSync(quenchProgram(J, n, s, { rule: 'random', from: 11, to: 30, onMinimum: (q) => seen.push(q) })),
    ];
    expect(seen).toEqual(Array.from({ length: 30 }, (_, q) => q));
    expect(parts.map((m: LocalMinimum) => m.energy)).toEqual(whole.map((m) => m.energy));
  });

  it('computes the same fields and energy as a pairwise sum', () => {
    const { J, n } = instance('student-t', 25, 5);
    const s = randomSpins(createStream('s'), n);
    expect(energyPerSpin(J, n, s)).toBeCloseTo(pairEnergy(J, n, s), 13);
    const h = localFields(J, n, s);
    // Flipping spin i changes the total energy by 2 s_i h_i.
    const t = Int8Array.from(s);
    t[7] = -t[7];
    expect((pairEnergy(J, n, t) - pairEnergy(J, n, s)) * n).toBeCloseTo(2 * s[7] * h[7], 12);
  });
});
