import { describe, expect, it } from 'vitest';
import { createStream, fillNormal } from '../../../src/core/random/index.js';
import { Chain, REFRESH_SWEEPS, createProblem, initialStudent, randomIndex, signedColumns } from '../../../src/core/vsdl/index.js';
import { integratedAutocorrelation } from '../../../src/core/stats/index.js';
import type { Problem } from '../../../src/core/vsdl/index.js';
import type { Weights } from '../../../src/core/theory/index.js';
import { chiSquare, chiSquareQuantile999, enumerateIsing, gibbsWeights } from './exact.js';

function chainFor(problem: Problem, weights: Weights, tau: number, seed: string, start: 'teacher' | 'random' = 'random', width?: number): Chain {
  const stream = createStream(seed, 'chain');
  const initial = initialStudent(weights, start, problem.teacher, stream.fork('initial'));
  return new Chain({ weights, n: problem.n, columns: signedColumns(problem), stride: problem.p, p: problem.p, tau, stream, initial, width });
}

function recomputedEnergy(problem: Problem, J: Float64Array): number {
  let e = 0;
  for (let mu = 0; mu < problem.p; mu++) {
    let h = 0;
    for (let i = 0; i < problem.n; i++) h += J[i]! * problem.xi[mu * problem.n + i]!;
    if (problem.labels[mu]! * h <= 0) e++;
  }
  return e;
}

describe('randomIndex', () => {
  it('is uniform on [0, n)', () => {
    // 70 000 draws on 7 cells: chi-square with 6 dof, 0.999 quantile 22.5.
    const stream = createStream('index');
    const counts = new Float64Array(7);
    for (let k = 0; k < 70000; k++) counts[randomIndex(stream, 7)]!++;
    const { chi2, dof } = chiSquare(counts, new Float64Array(7).fill(1 / 7));
    expect(dof).toBe(6);
    expect(chi2).toBeLessThan(chiSquareQuantile999(6));
  });
});

describe('Chain bookkeeping', () => {
  for (const weights of ['ising', 'spherical'] as const) {
    it(`${weights}: incremental fields and E agree with a recomputation between refreshes`, () => {
      const problem = createProblem({ n: 40, alpha: 2, teacher: weights, seed: 'fields', sample: 0 });
      const chain = chainFor(problem, weights, 1, 'fields', 'random', 0.5);
      for (let t = 0; t < REFRESH_SWEEPS - 1; t++) chain.sweep();
      expect(chain.accepted).toBeGreaterThan(0);
      const tracked = Float64Array.from(chain.localFields);
      const energy = chain.energy;
      expect(energy).toBe(recomputedEnergy(problem, chain.J));
      if (weights === 'spherical') {
        const norm = chain.J.reduce((a, x) => a + x * x, 0);
        expect(Math.abs(norm - 40)).toBeLessThan(1e-11);
      } else {
        expect(chain.J.every((x) => x === 1 || x === -1)).toBe(true);
      }
      chain.refresh();
      const exact = chain.localFields;
      for (let mu = 0; mu < problem.p; mu++) expect(Math.abs(tracked[mu]! - exact[mu]!)).toBeLessThan(1e-11);
      expect(chain.energy).toBe(energy);
    });
  }

  it('at τ = 0 from the teacher never leaves the version space', () => {
    const problem = createProblem({ n: 30, alpha: 2, teacher: 'spherical', seed: 'zero', sample: 0 });
    const chain = chainFor(problem, 'spherical', 0, 'zero', 'teacher', 0.3);
    for (let t = 0; t < 50; t++) {
      chain.sweep();
      expect(chain.energy).toBe(0);
    }
    expect(chain.accepted).toBeGreaterThan(0);
    expect(chain.overlap(problem.teacher)).toBeLessThan(1 - 1e-3);
  });

  it('stays inside its overlap window', () => {
    const problem = createProblem({ n: 20, alpha: 1, teacher: 'ising', seed: 'window', sample: 0 });
    const stream = createStream('window', 'chain');
    const initial = initialStudent('ising', 'teacher', problem.teacher, stream);
    const chain = new Chain({ weights: 'ising', n: 20, columns: signedColumns(problem), stride: problem.p, p: problem.p, tau: 5, stream, initial,
      window: { vector: problem.teacher, low: 0.7, high: Infinity } });
    let minimum = 1;
    for (let t = 0; t < 200; t++) {
      chain.sweep();
      minimum = Math.min(minimum, chain.overlap(problem.teacher));
    }
    expect(minimum).toBeGreaterThanOrEqual(0.7);
    expect(minimum).toBeLessThan(0.9); // at τ = 5 it does press against the boundary
  });
});

describe('detailed balance', () => {
  it('Ising N = 8, P = 6: histograms of states, E and R match the exact Gibbs measure', () => {
    const problem = createProblem({ n: 8, alpha: 0.75, teacher: 'ising', seed: 'exact', sample: 0 });
    expect(problem.p).toBe(6);
    const tau = 1;
    const states = enumerateIsing(problem);
    const pi = gibbsWeights(states, tau);
    const chain = chainFor(problem, 'ising', tau, 'exact');
    // Records every 4 sweeps (32 proposals on 8 spins): the thinned series is nearly independent (τ_int of E
    // checked below ≤ 0.75), so Pearson's statistic is chi-square distributed up to a factor 2τ_int ≤ 1.5.
    const records = 30000;
    const stateCounts = new Float64Array(256);
    const energySeries = new Float64Array(records);
    for (let k = 0; k < 200; k++) chain.sweep();
    for (let k = 0; k < records; k++) {
      for (let s = 0; s < 4; s++) chain.sweep();
      let index = 0;
      for (let i = 0; i < 8; i++) if (chain.J[i] === 1) index |= 1 << i;
      stateCounts[index]!++;
      energySeries[k] = chain.energy;
      expect(chain.energy).toBe(states.energy[index]);
    }
    expect(integratedAutocorrelation(energySeries).tau).toBeLessThan(0.75);
    const histogram = (key: (s: number) => number, bins: number) => {
      const observed = new Float64Array(bins);
      const expected = new Float64Array(bins);
      for (let s = 0; s < 256; s++) {
        observed[key(s)]! += stateCounts[s]!;
        expected[key(s)]! += pi[s]!;
      }
      return chiSquare(observed, expected);
    };
    const full = histogram((s) => s, 256);
    const energy = histogram((s) => states.energy[s]!, 7);
    const overlap = histogram((s) => (states.dot[s]! + 8) / 2, 9);
    for (const { chi2, dof } of [full, energy, overlap]) {
      expect(dof).toBeGreaterThanOrEqual(3);
      expect(chi2).toBeLessThan(chiSquareQuantile999(dof));
    }
  });

  it('spherical N = 4, P = 4: histograms of E and R match importance sampling of the Gibbs measure', () => {
    const problem = createProblem({ n: 4, alpha: 1, teacher: 'spherical', seed: 'sphere', sample: 0 });
    const tau = 0.5;
    const rBin = (r: number) => Math.min(7, Math.floor(((r + 1) / 2) * 8));
    // Reference: 2·10^6 uniform points on the sphere weighted by e^(−E/τ); relative errors of the expected
    // bin probabilities ≈ 1/√(2·10^6·p) ≤ 0.5 % for p ≥ 0.02, which adds < 0.1 per bin to the chi-square below.
    const refE = new Float64Array(5);
    const refR = new Float64Array(8);
    const chunk = new Float64Array(4 * 100_000);
    const uniform = createStream('sphere', 'reference');
    for (let c = 0; c < 20; c++) {
      fillNormal(uniform, chunk);
      for (let k = 0; k < chunk.length; k += 4) {
        const point = chunk.subarray(k, k + 4);
        const e = recomputedEnergy(problem, point);
        const w = Math.exp(-e / tau);
        let dot = 0;
        let norm = 0;
        for (let i = 0; i < 4; i++) {
          dot += point[i]! * problem.teacher[i]!;
          norm += point[i]! * point[i]!;
        }
        refE[e]! += w;
        refR[rBin(dot / Math.sqrt(norm * 4))]! += w;
      }
    }
    const normalize = (a: Float64Array) => a.map((x) => x / a.reduce((s, y) => s + y, 0));
    const chain = chainFor(problem, 'spherical', tau, 'sphere', 'random', 1);
    // Fixed width (no tuning): the proposal is symmetric. Records every 5 sweeps (20 rotations).
    const records = 30000;
    const obsE = new Float64Array(5);
    const obsR = new Float64Array(8);
    const energySeries = new Float64Array(records);
    for (let k = 0; k < 200; k++) chain.sweep();
    for (let k = 0; k < records; k++) {
      for (let s = 0; s < 5; s++) chain.sweep();
      obsE[chain.energy]!++;
      obsR[rBin(chain.overlap(problem.teacher))]!++;
      energySeries[k] = chain.energy;
    }
    expect(integratedAutocorrelation(energySeries).tau).toBeLessThan(0.75);
    for (const { chi2, dof } of [chiSquare(obsE, normalize(refE)), chiSquare(obsR, normalize(refR))]) {
      expect(dof).toBeGreaterThanOrEqual(2);
      expect(chi2).toBeLessThan(chiSquareQuantile999(dof));
    }
  });
});
