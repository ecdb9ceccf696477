import { describe, expect, it } from 'vitest';
import { bestOf, canonical, enumerationChunk, drawInstance, energyPerSpin, enumerateProgram, planEnumeration, resolveLandscape, scanChunk, type GroundState } from '../../../src/core/landscape/index.js';
import { driveSync } from '../../../src/core/vsdl/drive.js';
import { bruteGroundState, pairEnergy, symmetricFrom } from './bruteForce.js';

function enumerateAll(J: Float64Array, n: number, options: { chunkConfigurations?: number; lowBits?: number } = {}): GroundState {
  const plan = planEnumeration(n, options);
  let best: GroundState | null = null;
  for (let k = 0; k < plan.chunkCount; k++) best = bestOf(best, scanChunk(J, plan, enumerationChunk(plan, k)));
  return best!;
}

function couplings(law: 'gaussian' | 'pareto' | 'stable', n: number, seed: number, planted = 0, mu = law === 'gaussian' ? undefined : law === 'pareto' ? 1 : 1.5): Float64Array {
  return drawInstance(resolveLandscape({ couplings: law, mu, n, planted, seed, method: 'quench' }), 0).J;
}

describe('exact enumeration', () => {
  it('finds the brute-force ground state for every N from 2 to 17', () => {
    for (let n = 2; n <= 17; n++) {
      for (const law of ['gaussian', 'pareto', 'stable'] as const) {
        const J = couplings(law, n, 100 + n);
        const exact = enumerateAll(J, n);
        const brute = bruteGroundState(J, n);
        expect(Array.from(exact.state), `${law} N = ${n}`).toEqual(Array.from(brute.state));
        // Two summation orders of the same float64 terms: they agree to a few ulps of the largest term.
        expect(exact.energy).toBeCloseTo(brute.energy, 12);
        expect(exact.energy).toBe(energyPerSpin(J, n, exact.state));
      }
    }
  });

  it('finds a planted ground state, and one with heavy-tailed couplings spanning many decades', () => {
    const J = couplings('gaussian', 16, 7, 3);
    expect(Array.from(enumerateAll(J, 16).state)).toEqual(Array.from(bruteGroundState(J, 16).state));
    // Pareto μ = 0.5: the 120 couplings span about 120² ≈ 10⁴ (|x| ≥ 1, P(|x| > t) = t^(−1/2)).
    const heavy = couplings('pareto', 16, 8, 0, 0.5);
    const values = heavy.filter((x) => x !== 0).map(Math.abs);
    expect(Math.max(...values) / Math.min(...values)).toBeGreaterThan(1e3);
    expect(Array.from(enumerateAll(heavy, 16).state)).toEqual(Array.from(bruteGroundState(heavy, 16).state));
  });

  it('gives the same answer however the configurations are split into chunks', () => {
    const n = 24; // 2^9 high Gray steps: a split into 2^14-configuration chunks gives 512 chunks
    const J = couplings('pareto', n, 5);
    const whole = enumerateAll(J, n);
    const split = enumerateAll(J, n, { chunkConfigurations: 2 ** 14 });
    expect(planEnumeration(n, { chunkConfigurations: 2 ** 14 }).chunkCount).toBe(512);
    expect(Array.from(split.state)).toEqual(Array.from(whole.state));
    expect(split.energy).toBe(whole.energy);
  });

  it('crosses the periodic resynchronisation of the fields (2^12 Gray steps) exactly', () => {
    for (const law of ['gaussian', 'pareto'] as const) {
      const J = couplings(law, 16, 60);
      expect(planEnumeration(16, { lowBits: 3 }).steps).toBe(2 ** 12);
      expect(Array.from(enumerateAll(J, 16, { lowBits: 3 }).state)).toEqual(Array.from(bruteGroundState(J, 16).state));
    }
  });

  it('agrees with an independent Gray-code walk at N = 22', () => {
    for (const n of [22]) {
      const J = couplings('gaussian', n, 40 + n);
      // Textbook enumeration: one flip per configuration with fields updated in O(N), energies from the pairs.
      const s = new Float64Array(n).fill(1);
      const h = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h[i] += J[i * n + j];
      let e = pairEnergy(J, n, s) * n;
      let best = e;
      let bestCode = 0;
      for (let g = 1; g < 2 ** (n - 1); g++) {
        const i = 31 - Math.clz32(g & -g);
        e += 2 * s[i] * h[i];
        const next = -s[i];
        for (let j = 0; j < n; j++) h[j] += 2 * next * J[j * n + i];
        s[i] = next;
        if (e < best) {
          best = e;
          bestCode = g ^ (g >>> 1);
        }
      }
      const exact = enumerateAll(J, n);
      const code = exact.state.reduce((c, x, i) => (x < 0 ? c | (1 << i) : c), 0);
      expect(code).toBe(bestCode);
      expect(exact.energy * n).toBeCloseTo(best, 9);
    }
  });

  it('handles Gray words beyond 2^32 (N = 48)', () => {
    const n = 48;
    const J = couplings('gaussian', n, 3);
    const plan = planEnumeration(n, { lowBits: 4 });
    const steps = 2 ** (n - 1 - 4);
    // Ranges around 2^32 and at the very end, each high configuration with its 16 low ones, evaluated directly.
    for (const [start, end] of [[2 ** 32 - 2, 2 ** 32 + 2], [steps - 3, steps]]) {
      let best: { energy: number; state: Int8Array } = { energy: Infinity, state: new Int8Array(n) };
      for (let g = start; g < end; g++) {
        const code = BigInt(g) ^ (BigInt(g) >> 1n);
        for (let x = 0; x < 16; x++) {
          const s = new Int8Array(n).fill(1);
          for (let i = 0; i < 4; i++) if ((x >> i) & 1) s[i] = -1;
          for (let i = 4; i < n - 1; i++) if ((code >> BigInt(i - 4)) & 1n) s[i] = -1;
          const energy = pairEnergy(J, n, s);
          if (energy < best.energy) best = { energy, state: s };
        }
      }
      expect(Array.from(scanChunk(J, plan, { start, end }).state)).toEqual(Array.from(best.state));
    }
  });

  it('runs as a cancellable program whose result is the exact ground state', () => {
    const J = couplings('stable', 15, 9);
    expect(Array.from(driveSync(enumerateProgram(J, 15)).state)).toEqual(Array.from(bruteGroundState(J, 15).state));
    expect(() => driveSync(enumerateProgram(J, 15), { signal: { aborted: true } })).toThrow(/aborted/);
  });

  it('breaks ties by the configuration, so the order of chunks does not matter', () => {
    // All couplings equal: a ferromagnet, whose ground state ±(1,…,1) is unique; an antiferromagnetic triangle
    // (J = −1) has six degenerate ground states (three up to the global flip).
    const ferro = symmetricFrom(6, () => 1);
    expect(Array.from(enumerateAll(ferro, 6).state)).toEqual([1, 1, 1, 1, 1, 1]);
    const a: GroundState = { energy: -1, state: Int8Array.from([1, -1, 1]) };
    const b: GroundState = { energy: -1, state: Int8Array.from([-1, 1, 1]) };
    expect(bestOf(a, b)).toBe(bestOf(b, a));
    expect(canonical(Int8Array.from([1, -1, -1]))).toEqual(Int8Array.from([-1, 1, 1]));
  });

  it('refuses couplings that are not a symmetric, finite matrix with zero diagonal', () => {
    const plan = planEnumeration(4);
    const chunk = enumerationChunk(plan, 0);
    const good = symmetricFrom(4, (i, j) => i + j);
    expect(() => scanChunk(good.slice(0, 15), plan, chunk)).toThrow(/invalid J: "length 15".*16 couplings/);
    const asymmetric = good.slice();
    asymmetric[1] = 7;
    expect(() => scanChunk(asymmetric, plan, chunk)).toThrow(/J\[1\]\[0\].*symmetric/);
    const diagonal = good.slice();
    diagonal[5] = 1;
    expect(() => scanChunk(diagonal, plan, chunk)).toThrow(/J\[1\]\[1\]/);
    const infinite = good.slice();
    infinite[2] = infinite[8] = Infinity;
    expect(() => scanChunk(infinite, plan, chunk)).toThrow(/J\[0\]\[2\].*finite/);
  });
});
