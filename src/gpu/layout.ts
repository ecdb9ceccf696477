import { createStream } from '../core/random/index.js';
import { boltzmannTable, createProblem, initialStudent, numberKey, signedColumns } from '../core/vsdl/index.js';
import type { CheckedGrid } from './params.js';

/**
 * Host-side arrays of a grid run. Chains are numbered c = ((cell·samples) + k)·2 + r, with cell = t·|α| + a
 * (τ-major, the order of sweep results), sample k and replica r; replicas 0 and 1 of one (cell, sample) are partners for q.
 *
 * Data: sample k is createProblem at the grid's largest α, whose first P(α) examples are the problem at α
 * (createProblem is prefix-consistent), so every cell of a sample simulates the same disorder as runCell at its
 * own α, rounded to float32. data[k][i][μ] = σ^μ ξ^μ_i (signedColumns' layout, stride pMax).
 *
 * Info row of chain c (float32, all integers below 2^24 except τ, the table and w):
 *   [sample, p, c2, c3, k0, k1, τ, partner, e^(−d/τ) for d = 0..64, w]
 * where (c2, c3, k0, k1) is the chain's Philox4x24 identity, drawn from the project stream
 * createStream(seed, 'vsdl', 'gpu-chain', weights, teacher=…, n=…, alpha=…, tau=…, noise=…, start=…,
 * sample=k, replica=r): a chain's numbers depend on its own parameters, not on the grid around it. w is the
 * spherical rotation width (GPU_INITIAL_WIDTH until simulate.ts tunes it; unused by Ising chains).
 */

/** Info slot of the rotation width. */
export const SLOT_WIDTH = 8 + 65;
export const INFO_WIDTH = SLOT_WIDTH + 1;
/** Starting rotation width, in radians (the CPU chain's default, src/core/vsdl/chain.ts). */
export const GPU_INITIAL_WIDTH = 1;

export interface ChainRef {
  cell: number;
  sample: number;
  replica: number;
}

export interface GridLayout {
  grid: CheckedGrid;
  n: number;
  pMax: number;
  /** State row: n weights, pMax fields, one acceptance counter. */
  width: number;
  chains: number;
  refs: ChainRef[];
  info: Float32Array[];
  /** samples·n·pMax values, index (k·n + i)·pMax + μ. */
  data: Float32Array;
  teachers: Float32Array[];
  /** Initial rows: spins set, fields zero (the first refresh computes them). */
  initial: Float32Array[];
}

export function buildLayout(grid: CheckedGrid): GridLayout {
  const { weights, n, pMax, samples, alphas, taus, seed, noise, teacher, start } = grid;
  const width = n + pMax + 1;
  const kind = teacher instanceof Float64Array ? 'given' : teacher;
  const data = new Float32Array(samples * n * pMax);
  const problems = Array.from({ length: samples }, (_, k) => {
    const problem = createProblem({ n, alpha: Math.max(...alphas), noise, teacher, seed, sample: k });
    data.set(signedColumns(problem), k * n * pMax);
    return problem;
  });
  const teachers = problems.map((problem) => Float32Array.from(problem.teacher));
  const refs: ChainRef[] = [];
  const info: Float32Array[] = [];
  const initial: Float32Array[] = [];
  const starts: ('teacher' | 'random')[] = start === 'mixed' ? ['teacher', 'random'] : [start, start];
  taus.forEach((tau, t) => {
    const table = boltzmannTable(tau);
    alphas.forEach((alpha, a) => {
      for (let k = 0; k < samples; k++) {
        for (let r = 0; r < 2; r++) {
          const c = refs.length;
          refs.push({ cell: t * alphas.length + a, sample: k, replica: r });
          const stream = createStream(seed, 'vsdl', 'gpu-chain', weights, `teacher=${kind}`, `n=${n}`, `alpha=${numberKey(alpha)}`,
            `tau=${numberKey(tau)}`, `noise=${numberKey(noise)}`, `start=${start}`, `sample=${k}`, `replica=${r}`);
          const id = stream.fork('philox24');
          const row = new Float32Array(INFO_WIDTH);
          row.set([k, grid.ps[a]!, id.nextUint32() >>> 8, id.nextUint32() >>> 8, id.nextUint32() >>> 8, id.nextUint32() >>> 8, tau, c ^ 1]);
          row.set(table, 8);
          row[SLOT_WIDTH] = GPU_INITIAL_WIDTH;
          info.push(row);
          const state = new Float32Array(width);
          state.set(initialStudent(weights, starts[r]!, problems[k]!.teacher, stream.fork('initial')));
          initial.push(state);
        }
      }
    });
  });
  return { grid, n, pMax, width, chains: refs.length, refs, info, data, teachers, initial };
}
