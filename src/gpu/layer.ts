import { ParameterError } from '../core/errors.js';
import { cellParts, inputSeed, type LayerBatch, type LearnedLayer } from '../core/layer/index.js';
import { createStream } from '../core/random/index.js';
import { createProblem, examplesFor, initialStudent, type Problem } from '../core/vsdl/index.js';
import { assembleLayout, type ChainSpec, type GridLayout } from './layout.js';
import { GPU_MAX_N, GPU_MAX_P, GPU_MAX_STATE, checkTotalSweeps } from './params.js';
import type { RawSeries, Schedule } from './simulate.js';

/**
 * The layer model on the GPU: every row of every sample of every cell is one chain, all in shared launches.
 * Each chain is the chain learnLayer runs for that row with a fixed schedule (the random-start replica, which is
 * the sampled one), with the same data set, the same stream (createStream(seed, 'layer', 'chain', cell…,
 * 'sample=s').fork('row=k').fork('replica=0')) and hence the same initial state; its moves use the stream's
 * Philox4x24 identity, so a row's trajectory differs from the CPU's while its law is the same. The learned
 * layer is the final state's J (a spherical J renormalised to |J|² = N in float64) and R_k the mean of J·T_k/N
 * over the measurement sweeps (at the end when there are none), as learnLayer reports them.
 *
 * Data sets: row k of sample s is createProblem(row k, inputs seed of s, data set k — or 0 for shared inputs)
 * at the batch's largest α, number s·K + k; a cell at smaller α uses its first P examples.
 */

/** Largest data (data sets × N × P_max float32 values): 256 MiB. */
export const GPU_MAX_DATA = 1 << 26;

export interface LayerLayout {
  layout: GridLayout;
  schedule: Schedule;
  /** Chain of (cell j, sample s, row k) is (j·samples + s)·K + k. */
  k: number;
}

/** What keeps a layer batch off the GPU (its size), or null when it fits. */
export function layerGpuLimit(k: number, n: number, cells: number, samples: number, alphaMax: number): { name: string; value: unknown; allowed: string } | null {
  const pMax = examplesFor(n, alphaMax);
  const chains = cells * samples * k;
  if (n > GPU_MAX_N) return { name: 'n', value: n, allowed: `at most ${GPU_MAX_N} on the GPU` };
  if (pMax > GPU_MAX_P) return { name: 'alphas', value: alphaMax, allowed: `round(α·n) ≤ ${GPU_MAX_P} on the GPU` };
  if (chains * (n + pMax + 1) > GPU_MAX_STATE) return { name: 'grid', value: `${chains} rows × ${n + pMax + 1}`, allowed: `at most ${GPU_MAX_STATE} state values on the GPU` };
  if (samples * k * n * pMax > GPU_MAX_DATA) return { name: 'grid', value: `${samples * k} data sets of ${n} × ${pMax}`, allowed: `at most ${GPU_MAX_DATA} data values on the GPU` };
  return null;
}

export function buildLayerLayout(batch: LayerBatch): LayerLayout {
  const { cells, samples, seed } = batch;
  if (cells.length === 0) throw new ParameterError('cells', cells, 'at least one cell');
  const { k, n, weights, inputs, schedule } = cells[0]!;
  if (schedule.equilibrationSweeps === undefined) {
    throw new ParameterError('schedule.equilibrationSweeps', undefined, 'a fixed number of sweeps on the GPU (the automatic schedule runs on the CPU)');
  }
  const fixed = { equilibrationSweeps: schedule.equilibrationSweeps, measurementSweeps: schedule.measurementSweeps };
  checkTotalSweeps(fixed.equilibrationSweeps, fixed.measurementSweeps);
  const alphaMax = Math.max(...cells.map((c) => c.alpha));
  const limit = layerGpuLimit(k, n, cells.length, samples, alphaMax);
  if (limit) throw new ParameterError(limit.name, limit.value, limit.allowed);
  const pMax = examplesFor(n, alphaMax);

  const problems: Problem[] = [];
  for (let s = 0; s < samples; s++) {
    const teacher = batch.teacher(s);
    const dataSeed = inputSeed(seed, s);
    for (let row = 0; row < k; row++) {
      const target = Float64Array.from(teacher.rows.subarray(row * n, (row + 1) * n));
      problems.push(createProblem({ n, alpha: alphaMax, teacher: target, seed: dataSeed, sample: inputs === 'shared' ? 0 : row }));
    }
  }
  const chains: ChainSpec[] = [];
  for (const cell of cells) {
    const root = createStream(seed, 'layer', 'chain', ...cellParts(cell));
    for (let s = 0; s < samples; s++) {
      for (let row = 0; row < k; row++) {
        const stream = root.fork(`sample=${s}`).fork(`row=${row}`).fork('replica=0');
        const problem = problems[s * k + row]!;
        const initial = initialStudent(weights, 'random', problem.teacher, stream.fork('initial'));
        chains.push({ problem: s * k + row, p: examplesFor(n, cell.alpha), tau: cell.tau, partner: chains.length, stream, initial });
      }
    }
  }
  return { layout: assembleLayout(weights, n, pMax, problems, chains), schedule: fixed, k };
}

/** learned[j][s] from the run's series and its final state rows. */
export function learnedLayers(batch: LayerBatch, built: LayerLayout, raw: RawSeries, finalRows: readonly Float32Array[]): LearnedLayer[][] {
  const { layout, schedule, k } = built;
  const { n } = layout;
  return batch.cells.map((cell, j) =>
    Array.from({ length: batch.samples }, (_, s) => {
      const J = new Float64Array(k * n);
      const R = new Float64Array(k);
      for (let row = 0; row < k; row++) {
        const c = (j * batch.samples + s) * k + row;
        const state = finalRows[c]!;
        const Jk = J.subarray(row * n, (row + 1) * n);
        for (let i = 0; i < n; i++) Jk[i] = state[i]!;
        if (layout.weights === 'spherical') {
          let norm = 0;
          for (let i = 0; i < n; i++) norm += Jk[i]! * Jk[i]!;
          const scale = Math.sqrt(n / norm);
          for (let i = 0; i < n; i++) Jk[i]! *= scale;
        }
        if (schedule.measurementSweeps > 0) {
          let sum = 0;
          for (const dot of raw.dotTeacher[c]!) sum += dot / n;
          R[row] = sum / schedule.measurementSweeps;
        } else {
          const teacher = layout.teachers[layout.info[c]![0]!]!;
          let dot = 0;
          for (let i = 0; i < n; i++) dot += Jk[i]! * teacher[i]!;
          R[row] = dot / n;
        }
      }
      return { J, R, unequilibrated: 0, equilibrationSweeps: schedule.equilibrationSweeps, p: examplesFor(n, cell.alpha) };
    }),
  );
}
