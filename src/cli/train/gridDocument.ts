import { ParameterError } from '../../core/errors.js';
import { GENERATOR } from '../../core/random/index.js';
import {
  GRID_KNOBS,
  KNOB_FIELDS,
  planTrainGrid,
  trainParamsFromRecord,
  trainParamsRecord,
  type DatasetName,
  type GridKnob,
  type ModelName,
  type TrainCellRecord,
  type TrainGridPlan,
  type TrainParamsRecord,
} from '../../core/train/index.js';
import { SOFTWARE } from '../../version.js';
import { checkReplanned, type GridDocument, type GridKind, type GridPlan } from '../grid/kind.js';

/**
 * The document `vsdl train-grid` writes, and the training grid as a kind of grid that can be sharded (--shard,
 * --slurm) and merged (vsdl merge): the cells' keys and estimated seconds, and the grid re-planned from the
 * description a document carries.
 */

export interface TrainGridDocument {
  kind: 'train-grid';
  model: string;
  data: string;
  seed: string | number;
  backend: string;
  software: typeof SOFTWARE;
  generator: typeof GENERATOR;
  /** The parameters every cell shares; null for the varied knobs (their values are in axes). */
  params: { [K in keyof TrainParamsRecord]: TrainParamsRecord[K] | null };
  /** The varied knobs and their values (JSON names). */
  axes: Partial<Record<(typeof KNOB_FIELDS)[GridKnob], number[]>>;
  /** The whole grid's estimate (the same in every part of a sharded grid). */
  estimate_seconds: number;
  status: 'partial' | 'complete';
  cells: TrainCellRecord[];
}

export function gridDocument(plan: TrainGridPlan, backend: string, cells: TrainCellRecord[], status: TrainGridDocument['status']): TrainGridDocument {
  const axes: TrainGridDocument['axes'] = {};
  const params: TrainGridDocument['params'] = trainParamsRecord(plan.shared);
  for (const knob of GRID_KNOBS) {
    if (!plan.axes[knob]) continue;
    axes[KNOB_FIELDS[knob]] = plan.axes[knob];
    params[KNOB_FIELDS[knob]] = null;
  }
  return {
    kind: 'train-grid',
    model: plan.shared.model,
    data: plan.shared.data,
    seed: plan.shared.seed,
    backend,
    software: SOFTWARE,
    generator: GENERATOR,
    params,
    axes,
    estimate_seconds: plan.estimateSeconds,
    status,
    cells,
  };
}

/** The cells as shards see them: the cost of a cell is its estimated seconds on one core. */
export function trainGridPlan(plan: TrainGridPlan): GridPlan {
  const varied = GRID_KNOBS.filter((knob) => plan.axes[knob]);
  return {
    keys: plan.cells.map((c) => c.key),
    costs: plan.cells.map((c) => c.estimateSeconds),
    secondsPerCost: 1,
    labels: plan.cells.map((c) => varied.map((knob) => `${KNOB_FIELDS[knob]} = ${c.params[knob]}`).join(', ') || 'the one cell'),
  };
}

/** The grid a document describes, planned as `vsdl train-grid` plans it from its flags. */
export function replanTrainGrid(doc: GridDocument): TrainGridPlan {
  const d = doc as unknown as TrainGridDocument;
  if (d.params === null || typeof d.params !== 'object' || d.axes === null || typeof d.axes !== 'object') {
    throw new ParameterError('params', d.params, 'the params and axes objects of a train-grid document');
  }
  const axes: Partial<Record<GridKnob, number[]>> = {};
  for (const knob of GRID_KNOBS) {
    const values = d.axes[KNOB_FIELDS[knob]];
    if (values !== undefined) axes[knob] = values;
  }
  // planTrainGrid checks every value, as it checks the flags.
  const base = { model: d.model as ModelName, data: d.data as DatasetName, seed: d.seed, ...trainParamsFromRecord(d.params) };
  const plan = planTrainGrid({ base, axes });
  // Versions and the backend are compared between parts, not against this build.
  const { software: _software, generator: _generator, backend: _backend, status: _status, cells: _cells, ...description } = gridDocument(plan, d.backend, [], 'complete');
  checkReplanned(description, doc);
  return plan;
}

export const TRAIN_GRID_KIND: GridKind = {
  command: 'vsdl train-grid',
  matches: (doc) => doc.kind === 'train-grid',
  derived: [],
  plan: (doc) => trainGridPlan(replanTrainGrid(doc)),
  assemble: (doc, cells, status) => {
    const d = doc as unknown as TrainGridDocument;
    // The versions the parts were made with (they agree: vsdl merge compares them).
    return { ...gridDocument(replanTrainGrid(doc), d.backend, cells as TrainCellRecord[], status), software: d.software, generator: d.generator };
  },
};
