import { ParameterError } from '../errors.js';
import { list, options, record } from '../validate.js';
import { numberKey } from '../vsdl/params.js';
import type { AbortSignalLike } from '../vsdl/abort.js';
import { estimateTrainSeconds } from './cost.js';
import type { LabelledImages } from './data.js';
import { GRID_KNOBS, MAX_GRID_CELLS, resolveTrainParams, type GridKnob, type TrainParams } from './params.js';
import { dominantPhase, type ParameterTensor, type TrainRecord } from './record.js';
import { train, type TrainProgress } from './train.js';

/**
 * A grid of training runs over the knobs VSDL reads as load (training-set size, randomized labels) and
 * temperature (batch size, learning rate): every combination of the given values, the other parameters shared.
 * The batch-size experiment is the one-dimensional grid over batch sizes.
 *
 * Cells share the seed, so they train on the same split with the same initial weights (and, for a given
 * fraction, the same randomized labels): the knob is the only difference between them. A cell's result depends
 * only on its own parameters and the seed, never on the grid around it or on the order of the cells, so grids can
 * be extended, resumed, or split across machines and joined by key.
 */

export { MAX_GRID_CELLS };

export interface TrainGridSpec {
  /** Parameters shared by every cell. */
  base: Partial<TrainParams>;
  /** The values of each varied knob. */
  axes: Partial<Record<GridKnob, number[]>>;
}

export interface PlannedTrainCell {
  key: string;
  params: TrainParams;
  estimateSeconds: number;
}

export interface TrainGridPlan {
  /** The parameters of the first cell: those every cell shares, and the first value of each varied knob. */
  shared: TrainParams;
  axes: Partial<Record<GridKnob, number[]>>;
  /** Load-like knobs vary slowest, then temperature-like ones, in the order of GRID_KNOBS. */
  cells: PlannedTrainCell[];
  estimateSeconds: number;
}

/** A cell's identity: every parameter, floats by their shortest round-trip text, and the seed. */
export function trainCellKey(params: TrainParams): string {
  const p = resolveTrainParams(record('params', params, 'training parameters (resolveTrainParams)'));
  return [
    p.model,
    p.data,
    `batch_size=${p.batchSize}`,
    `epochs=${p.epochs}`,
    `learning_rate=${numberKey(p.learningRate)}`,
    `momentum=${numberKey(p.momentum)}`,
    `weight_decay=${numberKey(p.weightDecay)}`,
    `train_size=${p.trainSize}`,
    `test_size=${p.testSize}`,
    `label_noise=${numberKey(p.labelNoise)}`,
    `input_noise=${numberKey(p.inputNoise)}`,
    `patience=${p.patience}`,
    `seed=${JSON.stringify(String(p.seed))}`,
  ].join(';');
}

/** Checks the axes and every cell's parameters before anything runs. */
export function planTrainGrid(spec: TrainGridSpec): TrainGridPlan {
  if (spec === null || typeof spec !== 'object') throw new ParameterError('grid', spec, 'an object { base, axes }');
  const axes: Partial<Record<GridKnob, number[]>> = {};
  for (const [name, values] of Object.entries(spec.axes ?? {})) {
    if (!(GRID_KNOBS as readonly string[]).includes(name)) throw new ParameterError(name, values, `a grid over ${GRID_KNOBS.join(', ')}`);
    if (!Array.isArray(values) || values.length === 0) throw new ParameterError(name, values, 'a non-empty list of values');
    if (new Set(values).size !== values.length) throw new ParameterError(name, values.join(','), 'distinct values');
    axes[name as GridKnob] = [...values];
  }
  let combos: Partial<TrainParams>[] = [{}];
  for (const knob of GRID_KNOBS) {
    const values = axes[knob];
    if (values) combos = combos.flatMap((c) => values.map((v) => ({ ...c, [knob]: v })));
  }
  if (combos.length > MAX_GRID_CELLS) throw new ParameterError('grid', `${combos.length} cells`, `at most ${MAX_GRID_CELLS} cells`);
  const cells = combos.map((combo) => {
    const params = resolveTrainParams({ ...spec.base, ...combo });
    return { key: trainCellKey(params), params, estimateSeconds: estimateTrainSeconds(params) };
  });
  // The first cell stands for the shared parameters (the varied knobs take each cell's own value).
  return { shared: cells[0].params, axes, cells, estimateSeconds: cells.reduce((s, c) => s + c.estimateSeconds, 0) };
}

/** A finished cell as the grid records it: its knobs, the final epoch's numbers and phases, and a short history. */
export interface TrainCellRecord {
  key: string;
  batch_size: number;
  learning_rate: number;
  train_size: number;
  label_noise: number;
  noise_scale: number;
  load: number;
  status: TrainRecord['status'];
  reason: string;
  epochs_run: number;
  train_loss: number;
  train_acc: number;
  test_loss: number;
  test_acc: number;
  /** Train accuracy minus test accuracy at the last epoch. */
  generalization_gap: number;
  alpha_mean: number | null;
  alpha_weighted_mean: number | null;
  entropy_mean: number | null;
  /** The phase of the layers that hold the most weights (record.ts). */
  dominant_phase: string | null;
  layers: { name: string; shape: number[]; phase: string | null; alpha: number | null; alpha_weighted: number | null; entropy: number | null; stable_rank: number | null; num_spikes: number | null }[];
  history: { epoch: number; train_acc: number; test_acc: number; alpha_mean: number | null; alpha_weighted_mean: number | null }[];
  estimate_seconds: number;
}

export function cellRecord(cell: PlannedTrainCell, record: TrainRecord): TrainCellRecord {
  const last = record.epochs.at(-1)!;
  const p = record.params;
  return {
    key: cell.key,
    batch_size: p.batch_size,
    learning_rate: p.learning_rate,
    train_size: p.train_size,
    label_noise: p.label_noise,
    noise_scale: record.knobs.noise_scale,
    load: record.knobs.load,
    status: record.status,
    reason: record.reason,
    epochs_run: last.epoch,
    train_loss: last.train_loss,
    train_acc: last.train_acc,
    test_loss: last.test_loss,
    test_acc: last.test_acc,
    generalization_gap: last.train_acc - last.test_acc,
    alpha_mean: last.alpha_mean,
    alpha_weighted_mean: last.alpha_weighted_mean,
    entropy_mean: last.entropy_mean,
    dominant_phase: dominantPhase(last.layers),
    layers: last.layers.map((l) => ({ name: l.name, shape: l.shape, phase: l.phase, alpha: l.alpha, alpha_weighted: l.alpha_weighted, entropy: l.entropy, stable_rank: l.stable_rank, num_spikes: l.num_spikes })),
    history: record.epochs.map((e) => ({ epoch: e.epoch, train_acc: e.train_acc, test_acc: e.test_acc, alpha_mean: e.alpha_mean, alpha_weighted_mean: e.alpha_weighted_mean })),
    estimate_seconds: cell.estimateSeconds,
  };
}

export interface TrainGridHooks {
  mnist?: LabelledImages;
  signal?: AbortSignalLike;
  /** Cells already done (e.g. read back from a file): reused when their key matches, never rerun. */
  completed?: readonly TrainCellRecord[];
  /** Each finished cell, with its full run record (every epoch), the cells done so far in grid order, and its final parameters. */
  onCell?: (cell: TrainCellRecord, record: TrainRecord, done: TrainCellRecord[], tensors: ParameterTensor[]) => void;
  /** Progress of the whole grid, weighted by the cells' estimates. */
  onProgress?: (fraction: number, cell: PlannedTrainCell, progress: TrainProgress) => void;
}

/** Runs the cells not yet done, in grid order; returns every cell's record in grid order. */
export async function runTrainGrid(plan: TrainGridPlan, hooks: TrainGridHooks = {}): Promise<TrainCellRecord[]> {
  record('plan', plan, 'a grid plan (planTrainGrid)');
  list('plan.cells', plan.cells);
  options('hooks', hooks);
  if (hooks.completed !== undefined) list('hooks.completed', hooks.completed);
  const stored = new Map((hooks.completed ?? []).map((c) => [c.key, c]));
  const total = plan.estimateSeconds;
  let before = plan.cells.filter((c) => stored.has(c.key)).reduce((s, c) => s + c.estimateSeconds, 0);
  const results = new Map<string, TrainCellRecord>();
  const done = () => plan.cells.flatMap((c) => results.get(c.key) ?? stored.get(c.key) ?? []);
  for (const cell of plan.cells) {
    if (stored.has(cell.key)) continue;
    const { record, tensors } = await train(cell.params, {
      mnist: hooks.mnist,
      signal: hooks.signal,
      onProgress: (p) => hooks.onProgress?.((before + p.fraction * cell.estimateSeconds) / total, cell, p),
    });
    const summary = cellRecord(cell, record);
    results.set(cell.key, summary);
    before += cell.estimateSeconds;
    hooks.onCell?.(summary, record, done(), tensors);
  }
  return done();
}
