import { createStream, type RandomStream } from '../core/random/index.js';
import { boltzmannTable, createProblem, initialStudent, numberKey, signedColumns, type Problem } from '../core/vsdl/index.js';
import type { Weights } from '../core/vsdl/types.js';
import type { CheckedGrid } from './params.js';

/**
 * Host-side arrays of a GPU run: chains over data sets. Every chain runs on one data set (problem), at its own
 * P ≤ pMax and τ, from its own Philox4x24 identity; the kernels see only these arrays, so the perceptron grid
 * (buildLayout) and the layer model (layer.ts) share them.
 *
 * Data: data[k][i][μ] = σ^μ ξ^μ_i of data set k (signedColumns' layout, stride pMax), rounded to float32; a
 * chain at P < pMax uses the first P examples, which is exactly createProblem at its own α (createProblem is
 * prefix-consistent).
 *
 * Info row of chain c (float32, all integers below 2^24 except τ, the table and w):
 *   [data set, p, c2, c3, k0, k1, τ, partner, e^(−d/τ) for d = 0..64, w]
 * where (c2, c3, k0, k1) is the chain's Philox4x24 identity, the first four words of its stream's fork
 * 'philox24' (top 24 bits each), partner is the chain whose J enters J·J' (itself when it has none), and w is
 * the spherical rotation width (GPU_INITIAL_WIDTH until simulate.ts tunes it; unused by Ising chains).
 */

/** Info slot of the rotation width. */
export const SLOT_WIDTH = 8 + 65;
export const INFO_WIDTH = SLOT_WIDTH + 1;
/** Starting rotation width, in radians (the CPU chain's default, src/core/vsdl/chain.ts). */
export const GPU_INITIAL_WIDTH = 1;

export interface GridLayout {
  weights: Weights;
  n: number;
  pMax: number;
  /** State row: n weights, pMax fields, one acceptance counter. */
  width: number;
  chains: number;
  /** Number of data sets. */
  problems: number;
  info: Float32Array[];
  /** problems·n·pMax values, index (k·n + i)·pMax + μ. */
  data: Float32Array;
  /** Each data set's teacher (|T|² = n), for J·T. */
  teachers: Float32Array[];
  /** Initial rows: J set, fields zero (the first refresh computes them). */
  initial: Float32Array[];
}

/** One chain as a layout needs it. */
export interface ChainSpec {
  problem: number;
  p: number;
  tau: number;
  partner: number;
  /** The chain's stream: its Philox4x24 identity comes from fork('philox24'). */
  stream: RandomStream;
  /** Initial J (±1 or on the sphere). */
  initial: Float64Array;
}

/** Data sets at the largest P of the run, and their teachers. */
export function layoutData(problems: readonly Problem[], n: number, pMax: number): { data: Float32Array; teachers: Float32Array[] } {
  const data = new Float32Array(problems.length * n * pMax);
  problems.forEach((problem, k) => data.set(signedColumns(problem), k * n * pMax));
  return { data, teachers: problems.map((problem) => Float32Array.from(problem.teacher)) };
}

/** The arrays of a run from its data sets and chains. */
export function assembleLayout(weights: Weights, n: number, pMax: number, problems: readonly Problem[], chains: readonly ChainSpec[]): GridLayout {
  const width = n + pMax + 1;
  const tables = new Map<number, Float64Array>();
  const info = chains.map((chain) => {
    const table = tables.get(chain.tau) ?? boltzmannTable(chain.tau);
    tables.set(chain.tau, table);
    const id = chain.stream.fork('philox24');
    const row = new Float32Array(INFO_WIDTH);
    row.set([chain.problem, chain.p, id.nextUint32() >>> 8, id.nextUint32() >>> 8, id.nextUint32() >>> 8, id.nextUint32() >>> 8, chain.tau, chain.partner]);
    row.set(table, 8);
    row[SLOT_WIDTH] = GPU_INITIAL_WIDTH;
    return row;
  });
  const initial = chains.map((chain) => {
    const state = new Float32Array(width);
    state.set(chain.initial);
    return state;
  });
  return { weights, n, pMax, width, chains: chains.length, problems: problems.length, info, ...layoutData(problems, n, pMax), initial };
}

/**
 * A perceptron (α, τ) grid. Chains are numbered c = ((cell·samples) + k)·2 + r, with cell = t·|α| + a (τ-major,
 * the order of sweep results), sample k and replica r; replicas 0 and 1 of one (cell, sample) are partners for q.
 * Data set k is createProblem at the grid's largest α, so every cell of a sample simulates the same disorder as
 * runCell at its own α. A chain's stream is createStream(seed, 'vsdl', 'gpu-chain', weights, teacher=…, n=…,
 * alpha=…, tau=…, noise=…, start=…, sample=k, replica=r): its numbers depend on its own parameters, not on the
 * grid around it.
 */
export interface PerceptronLayout extends GridLayout {
  grid: CheckedGrid;
}

export function buildLayout(grid: CheckedGrid): PerceptronLayout {
  const { weights, n, pMax, samples, alphas, taus, seed, noise, teacher, start } = grid;
  const kind = teacher instanceof Float64Array ? 'given' : teacher;
  const problems = Array.from({ length: samples }, (_, k) => createProblem({ n, alpha: Math.max(...alphas), noise, teacher, seed, sample: k }));
  const starts: ('teacher' | 'random')[] = start === 'mixed' ? ['teacher', 'random'] : [start, start];
  const chains: ChainSpec[] = [];
  taus.forEach((tau) => {
    alphas.forEach((alpha, a) => {
      for (let k = 0; k < samples; k++) {
        for (let r = 0; r < 2; r++) {
          const stream = createStream(seed, 'vsdl', 'gpu-chain', weights, `teacher=${kind}`, `n=${n}`, `alpha=${numberKey(alpha)}`,
            `tau=${numberKey(tau)}`, `noise=${numberKey(noise)}`, `start=${start}`, `sample=${k}`, `replica=${r}`);
          const initial = initialStudent(weights, starts[r]!, problems[k]!.teacher, stream.fork('initial'));
          chains.push({ problem: k, p: grid.ps[a]!, tau, partner: chains.length ^ 1, stream, initial });
        }
      }
    });
  });
  return { ...assembleLayout(weights, n, pMax, problems, chains), grid };
}
