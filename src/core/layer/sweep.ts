import { ensembleLaw } from '../ensembles/index.js';
import { selectCells } from '../shards/index.js';
import { throwIfAborted } from '../vsdl/abort.js';
import { drive } from '../vsdl/drive.js';
import { layerCellProgram, summarizeLayerCell } from './cell.js';
import { layerCellKey, type LayerCellIdentity } from './key.js';
import { checkLayerSweep, type CheckedLayerSweep } from './params.js';
import { drawTeacher, type LayerTeacher } from './teacher.js';
import { teacherModel, type TeacherModel } from './theory.js';
import type { LayerCellRecord, LayerSweepHeader, LayerSweepOptions, LayerSweepResult } from './types.js';

/**
 * A layer sweep over the (α, τ) grid. Every cell is independent and keyed (key.ts): its chains' streams name
 * the cell, and the teachers and inputs of sample s depend on (seed, s) only, so a cell's numbers do not
 * depend on the grid's shape or order, and `completed` records with matching keys are reused (resume). The
 * shared teachers and inputs also mean that cells along α see nested data sets, like runCell's.
 */
export async function runLayerSweep(options: LayerSweepOptions): Promise<LayerSweepResult> {
  const { checked: c, header, cells: planned } = planLayerSweep(options);
  const cache = new Map<number, { teacher: LayerTeacher; model: TeacherModel }>();
  const teacher = (sample: number) => {
    let entry = cache.get(sample);
    if (!entry) {
      const t = drawTeacher(c.teacher, c.k, c.n, c.weights, c.seed, sample);
      entry = { teacher: t, model: teacherModel(t, c.teacher, c.weights, c.rowNorms) };
      cache.set(sample, entry);
    }
    return entry;
  };
  const keys = planned.map((cell) => cell.key);
  const cells = selectCells(planned, options.only);
  const done = new Map<string, LayerCellRecord>();
  const byKey = new Map(cells.map((cell) => [cell.key, cell.identity]));
  for (const record of options.completed ?? []) {
    const id = byKey.get(record?.key);
    if (id && Object.is(record.alpha, id.alpha) && Object.is(record.tau, id.tau)) done.set(record.key, record);
  }
  const total = cells.length;
  const report = (running: number) => options.onProgress?.({ done: done.size, total, fraction: total === 0 ? 1 : Math.min(1, (done.size + running) / total) });
  report(0);
  const context = (identity: LayerCellIdentity) => ({ identity, samples: c.samples, seed: c.seed, teacher });
  if (options.learner) {
    // A batch learner (the GPU path) learns every pending cell at once.
    const pending = cells.filter((cell) => !done.has(cell.key));
    throwIfAborted(options.signal);
    const learned = pending.length === 0 ? [] : await options.learner.learnCells({
      cells: pending.map((cell) => cell.identity),
      samples: c.samples,
      seed: c.seed,
      teacher: (s) => teacher(s).teacher,
      signal: options.signal,
      onProgress: (f) => report(f * pending.length),
    });
    pending.forEach((cell, b) => {
      const record = summarizeLayerCell(context(cell.identity), learned[b]!);
      done.set(cell.key, record);
      options.onCell?.(record, assembleLayerSweep(header, keys, done, 'partial'));
    });
    report(0);
    return assembleLayerSweep(header, keys, done, 'complete');
  }
  for (const { key, identity } of cells) {
    if (done.has(key)) continue;
    throwIfAborted(options.signal);
    const record = await drive(layerCellProgram(context(identity), (f) => f), {
      signal: options.signal,
      onProgress: (f) => report(f),
    });
    done.set(key, record);
    options.onCell?.(record, assembleLayerSweep(header, keys, done, 'partial'));
    report(0);
  }
  return assembleLayerSweep(header, keys, done, 'complete');
}

/** A checked layer sweep: its header and its cells in grid order (τ-major), each with its key. Cheap. */
export interface LayerSweepPlan {
  checked: CheckedLayerSweep;
  header: LayerSweepHeader;
  cells: { key: string; identity: LayerCellIdentity }[];
}

export function planLayerSweep(options: LayerSweepOptions): LayerSweepPlan {
  const c = checkLayerSweep(options);
  const cells: LayerSweepPlan['cells'] = [];
  for (const tau of c.taus) {
    for (const alpha of c.alphas) {
      const identity: LayerCellIdentity = { teacher: c.teacher, k: c.k, n: c.n, alpha, tau, inputs: c.inputs, weights: c.weights, rowNorms: c.rowNorms, schedule: c.schedule };
      cells.push({ key: layerCellKey(identity, c.samples, c.seed), identity });
    }
  }
  return { checked: c, header: layerSweepHeader(c), cells };
}

export function layerSweepHeader(c: CheckedLayerSweep): LayerSweepHeader {
  return {
    model: 'vsdl-layer',
    N: c.n,
    K: c.k,
    orientation: c.k <= c.n ? 'A = Wᵀ (N×K)' : 'A = W (K×N)',
    normalization: '1/N',
    weights: c.weights,
    inputs: c.inputs,
    row_norms: c.rowNorms,
    samples: c.samples,
    seed: c.seed,
    teacher: {
      ensemble: c.teacher.ensemble,
      spikes: [...c.teacher.spikes],
      spike_model: c.teacher.spikeModel,
      mu: c.teacher.mu,
      sigma: c.teacher.sigma,
      law: ensembleLaw(c.teacher.ensemble).recordedAs(c.teacher.mu),
      ...(c.teacher.covariance ? { covariance: { ...c.teacher.covariance } } : {}),
    },
    schedule: { equilibration: c.schedule.equilibrationSweeps ?? 'auto', max_equilibration: c.schedule.maxEquilibrationSweeps, measurement: c.schedule.measurementSweeps },
    alphas: [...c.alphas],
    taus: [...c.taus],
  };
}

/** The sweep document: header, status, finished cells in grid order (τ-major) and the two phase grids. */
export function assembleLayerSweep(
  header: LayerSweepHeader,
  keys: readonly string[],
  records: ReadonlyMap<string, LayerCellRecord>,
  status: LayerSweepResult['status'],
): LayerSweepResult {
  const cells = keys.map((key) => records.get(key)).filter((r): r is LayerCellRecord => r !== undefined);
  const a = header.alphas.length;
  const grid = (pick: (r: LayerCellRecord) => LayerCellRecord['phase']) =>
    header.taus.map((_, i) => header.alphas.map((_, j) => {
      const r = records.get(keys[i * a + j]!);
      return r ? pick(r) : null;
    }));
  return { ...header, status, cells, phase_grid: grid((r) => r.phase), predicted_phase_grid: grid((r) => r.theory?.predicted_phase ?? null) };
}
