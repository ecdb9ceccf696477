import { generate, type Truth } from '../../ensembles/index.js';
import { ParameterError } from '../../errors.js';
import type { Matrix } from '../../linalg/index.js';
import { GENERATOR, validateSeed, type Seed } from '../../random/index.js';
import { abortSignal } from '../../validate.js';
import { SOFTWARE } from '../../../version.js';
import { fitEsd, type EsdFit } from '../fitEsd.js';
import type { Phase } from '../phases.js';
import { presetCells, PRESETS, type Preset, type ValidationCell } from './grid.js';
import { generateLowRank, type LowRankTruth } from './lowRank.js';
import { summarize, type ValidationSummary } from './summarize.js';

/** TW1 mean: the expected λ_max of a spike-free Gaussian W is center + scale·E[TW1]. */
const TW1_MEAN = -1.2065335746;

/** One generated matrix, handed to `onMatrix` (for exports) before it is fitted. */
export interface ValidationMatrix {
  name: string;
  cell: string;
  replicate: number;
  seed: string;
  construction: string;
  phase: Phase;
  params: Record<string, unknown>;
  truth: Truth | LowRankTruth;
  W: Matrix;
}

/** Estimate versus truth for one matrix. Truth columns are null where theory predicts nothing. */
export interface ValidationRow {
  name: string;
  cell: string;
  replicate: number;
  seed: string;
  status: EsdFit['status'];
  reason: string;
  phase_true: Phase;
  phase: Phase | null;
  alpha: number | null;
  alpha_true: number | null;
  sigma_mp: number | null;
  sigma_true: number | null;
  num_spikes: number | null;
  spikes_true: number | null;
  /** Largest eigenvalue of X = WᵀW/N and its prediction (BBP outlier, TW mean or Fréchet median). */
  lambda_max: number | null;
  lambda_max_pred: number | null;
  lambda_max_law: 'bbp' | 'tracy-widom' | 'frechet' | null;
  mp_ks: number | null;
  num_pl_spikes: number | null;
  rand_distance: number | null;
}

export interface ValidationOptions {
  preset?: Preset;
  /** Explicit grid (overrides the preset). */
  cells?: ValidationCell[];
  seed: Seed;
  onProgress?: (done: number, total: number) => void;
  onMatrix?: (matrix: ValidationMatrix) => void | Promise<void>;
  signal?: AbortSignal;
}

export interface ValidationResult {
  preset: Preset | 'custom';
  seed: Seed;
  generator: typeof GENERATOR;
  software: typeof SOFTWARE;
  cells: ValidationCell[];
  rows: ValidationRow[];
  summary: ValidationSummary;
}

function abortError(done: number, total: number): Error {
  const error = new Error(`validation aborted after ${done} of ${total} matrices`);
  error.name = 'AbortError';
  return error;
}

/** Predictions that apply to a draw, in the X = WᵀW/N convention. */
function expectations(truth: Truth | LowRankTruth): Pick<ValidationRow, 'alpha_true' | 'sigma_true' | 'spikes_true' | 'lambda_max_pred' | 'lambda_max_law'> {
  if (truth.ensemble === 'low-rank') {
    return { alpha_true: null, sigma_true: null, spikes_true: null, lambda_max_pred: null, lambda_max_law: null };
  }
  const t = truth as Truth;
  const detached = t.bbp.filter((b) => b.detached);
  const heavy = t.heavy_tail;
  let lambdaMax: number | null = null;
  let law: ValidationRow['lambda_max_law'] = null;
  if (detached.length > 0 && !heavy) {
    lambdaMax = Math.max(...detached.map((b) => b.outlier as number));
    law = 'bbp';
  } else if (t.tracy_widom) {
    lambdaMax = t.tracy_widom.center + t.tracy_widom.scale * TW1_MEAN;
    law = 'tracy-widom';
  } else if (heavy?.frechet_scale && t.mu !== null) {
    // Median of the Fréchet law exp(−x^(−μ/2)): x = (ln 2)^(−2/μ).
    lambdaMax = heavy.frechet_scale * Math.pow(Math.LN2, -2 / t.mu);
    law = 'frechet';
  }
  return {
    alpha_true: heavy?.predicted_alpha ?? null,
    sigma_true: t.mp && t.element_variance !== null ? Math.sqrt(t.element_variance) : null,
    // The BBP count is a prediction for light tails only; heavy tails have no spike count.
    spikes_true: heavy ? null : detached.length,
    lambda_max_pred: lambdaMax,
    lambda_max_law: law,
  };
}

function draw(cell: ValidationCell, seed: string): { W: Matrix; truth: Truth | LowRankTruth; params: Record<string, unknown> } {
  if (cell.lowRank) {
    const { W, truth } = generateLowRank({ ...cell.lowRank, seed });
    return { W, truth, params: { kind: 'low-rank', ...cell.lowRank } };
  }
  if (!cell.ensemble) throw new ParameterError(`cells[${cell.id}]`, 'no construction', 'ensemble or lowRank parameters');
  const { W, truth } = generate({ ...cell.ensemble, seed });
  return { W, truth, params: { ...cell.ensemble } };
}

/**
 * Runs the fitters over a grid of generated matrices and compares every estimate with the truth of its
 * construction. Matrix r of cell c uses the seed `${seed}/${c}/${r}`, so a row does not depend on the grid
 * around it. Yields to the event loop between matrices; rejects with an 'AbortError' once `signal` aborts.
 */
export async function runValidation(options: ValidationOptions): Promise<ValidationResult> {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  const seed = validateSeed(options.seed);
  abortSignal('signal', options.signal);
  if (options.preset !== undefined && !PRESETS.includes(options.preset)) {
    throw new ParameterError('preset', options.preset, PRESETS.join(' or '));
  }
  const cells = options.cells ?? presetCells(options.preset ?? 'quick');
  const total = cells.reduce((a, c) => a + c.replicates, 0);
  const rows: ValidationRow[] = [];
  let done = 0;
  for (const cell of cells) {
    for (let r = 0; r < cell.replicates; r++) {
      if (options.signal?.aborted) throw abortError(done, total);
      const matrixSeed = `${seed}/${cell.id}/${r}`;
      const name = `${cell.id}.r${r}`;
      const { W, truth, params } = draw(cell, matrixSeed);
      await options.onMatrix?.({ name, cell: cell.id, replicate: r, seed: matrixSeed, construction: cell.construction, phase: cell.phase, params, truth, W });
      const fit = fitEsd({ W }, { seed: matrixSeed });
      const n = W.rows;
      rows.push({
        name,
        cell: cell.id,
        replicate: r,
        seed: matrixSeed,
        status: fit.status,
        reason: fit.reason,
        phase_true: cell.phase,
        phase: fit.phase,
        alpha: fit.alpha,
        sigma_mp: fit.sigma_mp,
        num_spikes: fit.num_spikes,
        lambda_max: fit.lambda_max === null ? null : fit.lambda_max / n,
        mp_ks: fit.mp_ks,
        num_pl_spikes: fit.num_pl_spikes,
        rand_distance: fit.rand_distance,
        ...expectations(truth),
      });
      done++;
      options.onProgress?.(done, total);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
  }
  if (options.signal?.aborted) throw abortError(done, total);
  return {
    preset: options.cells ? 'custom' : (options.preset ?? 'quick'),
    seed,
    generator: GENERATOR,
    software: SOFTWARE,
    cells,
    rows,
    summary: summarize(rows),
  };
}
