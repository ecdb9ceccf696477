import { createStream, type Seed } from '../random/index.js';
import { advance } from '../vsdl/advance.js';
import { sweepsPerBlock, type Program } from '../vsdl/drive.js';
import { equilibrate } from '../vsdl/equilibrate.js';
import type { Weights } from '../theory/index.js';
import { Chain, createProblem, initialStudent, signedColumns } from '../vsdl/index.js';
import type { CheckedLayerSchedule } from './params.js';
import type { LayerTeacher } from './teacher.js';
import type { InputMode } from './types.js';

/**
 * The Monte Carlo of one layer: K independent perceptron students, student k learning teacher row k at load α
 * and temperature τ with the CPU chains of src/core/vsdl, and one Gibbs sample J_k per row taken at the end.
 *
 * Why a sample and not an average: a trained layer is one set of weights, and a Gibbs sample is the model of
 * one training run at effective temperature τ; the thermal average ⟨J_k⟩ would be a different matrix (its
 * norm shrinks to √q·√N and its noise is averaged away), the ensemble mean of many runs.
 *
 * Inputs: 'independent' gives row k its own data set (createProblem with sample index k), so the students' noise
 * is independent across rows, as the theory of the learned spectrum assumes; 'shared' gives every row the same
 * inputs ξ^μ (sample index 0; only the labels sgn(T_k·ξ^μ) differ), as in a real layer. Shared inputs correlate
 * the rows' noise: for α < 1 every student's component outside span{ξ^μ} is unconstrained while the component
 * inside it is pushed by the same examples, so the noise has a common anisotropic covariance.
 *
 * Chains: with the automatic schedule each row runs a random-start replica (the one sampled) and a
 * teacher-start replica, equilibrated by runCell's rounds until both agree (the equilibrium test); with a fixed
 * schedule only the random-start replica runs. Streams: createStream(seed, 'layer', 'chain', cell, 'sample=s',
 * 'row=k'), where `cell` names every parameter of the cell, so a row depends on its own cell only.
 */

export interface LearnedLayer {
  /** The Gibbs sample, K×N row-major, |J_k|² = N (±1 for Ising). */
  J: Float64Array;
  /** R_k = J_k·T_k/N: at the sample, or averaged over the measurement sweeps. */
  R: Float64Array;
  /** Rows whose automatic equilibration hit its cap. */
  unequilibrated: number;
  /** Largest equilibration length over the rows (sweeps). */
  equilibrationSweeps: number;
  p: number;
}

export interface LearnOptions {
  alpha: number;
  tau: number;
  inputs: InputMode;
  weights: Weights;
  schedule: CheckedLayerSchedule;
  seed: Seed;
  sample: number;
  /** Texts naming the cell's parameters (stream names). */
  cell: readonly string[];
}

/** The inputs' seed of a sample: one input universe per (seed, sample), shared by every cell so that α nests. */
export function inputSeed(seed: Seed, sample: number): number {
  const s = createStream(seed, 'layer', 'inputs', `sample=${sample}`);
  return (s.nextUint32() >>> 11) * 4294967296 + s.nextUint32();
}

export function* learnLayer(teacher: LayerTeacher, options: LearnOptions, progress: (fraction: number) => number): Program<LearnedLayer> {
  const { k, n } = teacher;
  const { alpha, tau, inputs, weights, schedule, seed, sample, cell } = options;
  const J = new Float64Array(k * n);
  const R = new Float64Array(k);
  const dataSeed = inputSeed(seed, sample);
  const root = createStream(seed, 'layer', 'chain', ...cell, `sample=${sample}`);
  const fixed = schedule.equilibrationSweeps !== undefined;
  const expected = (schedule.equilibrationSweeps ?? Math.min(schedule.maxEquilibrationSweeps, 500)) + schedule.measurementSweeps;
  let unequilibrated = 0;
  let longest = 0;
  let p = 0;
  for (let row = 0; row < k; row++) {
    const target = teacher.rows.subarray(row * n, (row + 1) * n);
    const problem = createProblem({ n, alpha, teacher: Float64Array.from(target), seed: dataSeed, sample: inputs === 'shared' ? 0 : row });
    p = problem.p;
    const columns = signedColumns(problem);
    const stream = root.fork(`row=${row}`);
    const starts: ('random' | 'teacher')[] = fixed ? ['random'] : ['random', 'teacher'];
    const chains = starts.map((start, r) => {
      const s = stream.fork(`replica=${r}`);
      const initial = initialStudent(weights, start, problem.teacher, s.fork('initial'));
      return new Chain({ weights, n, columns, stride: problem.p, p: problem.p, tau, stream: s, initial });
    });
    const block = sweepsPerBlock(chains.length * n, problem.p);
    const fraction = (done: number) => progress((row + Math.min(0.99, done / expected)) / k);
    const eq = yield* equilibrate(chains, problem.teacher, {
      fixedSweeps: schedule.equilibrationSweeps,
      maxSweeps: schedule.maxEquilibrationSweeps,
      block,
      progress: fraction,
    });
    if (eq.equilibrated === false) unequilibrated++;
    longest = Math.max(longest, eq.sweeps);
    const sampled = chains[0]!;
    let sum = 0;
    if (schedule.measurementSweeps > 0) {
      yield* advance([sampled], schedule.measurementSweeps, {
        tune: false,
        block,
        progress: fraction,
        done: eq.sweeps,
        onSweep: () => (sum += sampled.overlap(problem.teacher)),
      });
      R[row] = sum / schedule.measurementSweeps;
    } else {
      R[row] = sampled.overlap(problem.teacher);
    }
    J.set(sampled.J, row * n);
    yield progress((row + 1) / k);
  }
  return { J, R, unequilibrated, equilibrationSweeps: longest, p };
}
