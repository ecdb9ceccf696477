import { ParameterError } from '../../errors.js';
import { validateSeed } from '../../random/index.js';
import { integer } from '../../validate.js';
import { checkAlpha, checkNoise, checkStart, checkTau, checkTeacherSpec, checkWeights, MAX_N } from '../params.js';
import { checkSchedule } from '../scheduleOptions.js';
import { cellKey } from './key.js';
import { cellTheory } from './theory.js';
import type { ResolvedCellParams, Start } from '../types.js';
import type { SweepHeader, SweepOptions } from './types.js';

/** A validated sweep: its header and its cells in grid order (τ-major), each with its key. */
export interface SweepPlan {
  header: SweepHeader;
  cells: PlannedCell[];
}

export interface PlannedCell {
  /** Position in the grid: row (τ) and column (α). */
  row: number;
  column: number;
  key: string;
  params: ResolvedCellParams;
}

/** Largest grid axis: a sweep is stored as one JSON file and one .npy per observable. */
const MAX_AXIS = 10_000;
/** Largest grid, confirmed or not: the document holding every cell is rewritten after each one. */
export const MAX_SWEEP_CELLS = 100_000;

/** Checks a sweep's options at the boundary (every name as in SweepOptions) and lists its cells. Cheap. */
export function planSweep(options: SweepOptions): SweepPlan {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  const weights = checkWeights(options.weights);
  const n = integer('n', options.n, 2, MAX_N);
  const alphas = checkAxis('alphas', options.alphas, checkAlpha);
  const taus = checkAxis('taus', options.taus, checkTau);
  checkGridCells(alphas.length, taus.length);
  const noise = checkNoise(options.noise ?? 0);
  const samples = integer('samples', options.samples, 1, 1e6);
  const seed = validateSeed(options.seed);
  const teacher = checkTeacherSpec(options.teacher ?? weights, n);
  const checked = checkSchedule(options.schedule);
  const start = options.start === 'equilibrium' ? 'equilibrium' : checkStart(options.start ?? 'mixed', true);
  const schedule = {
    ...(checked.equilibrationSweeps === undefined ? {} : { equilibrationSweeps: checked.equilibrationSweeps }),
    ...(checked.measurementSweeps === undefined ? {} : { measurementSweeps: checked.measurementSweeps }),
    maxEquilibrationSweeps: checked.maxEquilibrationSweeps,
    maxMeasurementSweeps: checked.maxMeasurementSweeps,
  };
  const header: SweepHeader = {
    weights,
    N: n,
    samples,
    noise,
    seed,
    start,
    teacher: teacher instanceof Float64Array ? 'given' : teacher,
    schedule: {
      equilibration: checked.equilibrationSweeps ?? 'auto',
      measurement: checked.measurementSweeps ?? 'auto',
      max_equilibration: checked.maxEquilibrationSweeps,
      max_measurement: checked.maxMeasurementSweeps,
    },
    alphas,
    taus,
  };
  const cells: PlannedCell[] = [];
  taus.forEach((tau, row) => {
    alphas.forEach((alpha, column) => {
      const cellStart = start === 'equilibrium' ? equilibriumStart(weights, alpha, tau, noise) : start;
      const params: ResolvedCellParams = { weights, n, alpha, tau, noise, samples, seed, teacher, schedule, start: cellStart };
      cells.push({ row, column, key: cellKey(params), params });
    });
  });
  return { header, cells };
}

/** Refuses a grid beyond MAX_SWEEP_CELLS from its axis lengths alone, before anything is allocated. */
export function checkGridCells(alphaCount: number, tauCount: number): void {
  integer('alphaCount', alphaCount, 0);
  integer('tauCount', tauCount, 0);
  const cells = alphaCount * tauCount;
  if (cells > MAX_SWEEP_CELLS) throw new ParameterError('grid', `${alphaCount} × ${tauCount} = ${cells} cells`, `at most ${MAX_SWEEP_CELLS} cells`);
}

/** Where replica theory says the equilibrium lies: the teacher for the Ising perfect branch, else a random state. */
function equilibriumStart(weights: ResolvedCellParams['weights'], alpha: number, tau: number, noise: number): Start {
  if (weights !== 'ising') return 'mixed';
  return cellTheory(weights, alpha, tau, noise).theory?.branch === 'perfect' ? 'teacher' : 'random';
}

function checkAxis(name: string, values: unknown, check: (value: unknown, name: string) => number): number[] {
  if (!Array.isArray(values) || values.length === 0 || values.length > MAX_AXIS) {
    throw new ParameterError(name, values, `a non-empty array of at most ${MAX_AXIS} distinct values`);
  }
  const axis = values.map((value, i) => check(value, `${name}[${i}]`));
  // Cells are identified by (α, τ): a repeated value would name two cells alike.
  const seen = new Set<number>();
  axis.forEach((value, i) => {
    if (seen.has(value)) throw new ParameterError(`${name}[${i}]`, value, 'a value not already on the axis');
    seen.add(value);
  });
  return axis;
}
