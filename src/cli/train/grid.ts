import { version_core } from '@tensorflow/tfjs-core';
import { FormatError, ParameterError } from '../../core/errors.js';
import { GENERATOR } from '../../core/random/index.js';
import { layerOfParameter, planTrainGrid, runTrainGrid, type LabelledImages, type TrainCellRecord, type TrainGridPlan } from '../../core/train/index.js';
import { formatSeconds } from '../../core/vsdl/index.js';
import { jsonText } from '../../io/index.js';
import { tableCsv } from '../../report/index.js';
import type { CommandContext } from '../command.js';
import { checkOutputs, writeAtomic } from '../files.js';
import { readResumeText } from '../grid/jsonFile.js';
import { gridShard, writeSlurmCommand, type GridShard } from '../grid/command.js';
import { checkResumableShard } from '../grid/parts.js';
import { parseInteger } from '../parse.js';
import { Progress } from '../progress.js';
import { SweepWriter } from '../sweep/files.js';
import { backendFlag, trainParamsFromFlags, withTrainFlagNames } from './flags.js';
import { gridDocument, trainGridPlan, type TrainGridDocument } from './gridDocument.js';
import { nodePlatform } from './platform.js';
import { epochLine, optionalPath } from './run.js';
import { SOFTWARE } from '../../version.js';

/** `vsdl train-grid`: a training run per cell of a grid over load- and temperature-like knobs, on one machine or in shards. */

/** The versions a grid records (as `vsdl train` does): vsdl's and TensorFlow.js's, whose kernels compute the cells. */
const GRID_SOFTWARE = { ...SOFTWARE, tfjs: version_core };

/** Beyond this estimate a grid needs --yes. */
const MAX_SECONDS = 6 * 3600;

export async function runTrainGridCommand(ctx: CommandContext): Promise<number> {
  const o = ctx.options;
  const json = o.json === true;
  const plan = withTrainFlagNames(o, () => {
    const { params, axes } = trainParamsFromFlags(o, true);
    return planTrainGrid({ base: params, axes });
  });
  const backend = backendFlag(o);
  const out = optionalPath('out', o.out);
  const csv = optionalPath('csv', o.csv);
  const grid = trainGridPlan(plan);
  if (o.slurm !== undefined) {
    const s = plan.shared;
    const name = `vsdl train-grid: ${s.model} on ${s.data}, ${plan.cells.length} cells, seed ${s.seed}`;
    const checkShard = (cells: number[]) => checkSize(cells.reduce((t, i) => t + plan.cells[i]!.estimateSeconds, 0), cells.length, o.yes === true);
    // Cells train on one thread: a task's time is its one-core estimate whatever --cpus-per-task gives it.
    return writeSlurmCommand(ctx, 'train-grid', grid, name, checkShard, { singleThreaded: true });
  }
  const sharded = gridShard(ctx, 'train-grid', grid);
  // Node's TensorFlow.js backends compute on one thread: extra cores would idle, which the user should know.
  const cores = o.workers === undefined ? 1 : parseInteger('workers', String(o.workers), 1);
  if (cores > 1 && !json) ctx.stderr(`train-grid: --workers ${cores}: cells train one after another on one thread; one core per task suffices\n`);
  if (o.resume === true && !out) throw new ParameterError('--resume', true, 'used together with --out FILE');
  await checkOutputs([...(out ? [{ flag: '--out', path: out }] : []), ...(csv ? [{ flag: '--csv', path: csv }] : [])]);
  const wanted = new Set(sharded.only ?? grid.keys);
  const completed = o.resume === true ? await resumeCells(out!, wanted, sharded, backend) : [];
  const pending = plan.cells.filter((c) => wanted.has(c.key) && !completed.some((d) => d.key === c.key));
  const seconds = pending.reduce((s, c) => s + c.estimateSeconds, 0);
  checkSize(seconds, pending.length, o.yes === true);
  // This machine's cells (all, or a shard's); the document keeps describing the whole grid.
  const mine = plan.cells.filter((c) => wanted.has(c.key));
  const run: TrainGridPlan = { ...plan, cells: mine, estimateSeconds: mine.reduce((s, c) => s + c.estimateSeconds, 0) };

  // Ctrl-C is heard from here on: while the backend loads, it stops the grid before anything is written.
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('interrupted (SIGINT)'));
  process.on('SIGINT', onSigint);
  try {
    if (!json || ctx.stderrIsTTY) {
      ctx.stderr(`train-grid: ${pending.length} of ${mine.length} cells${sharded.label} to run, about ${formatSeconds(seconds)} (estimated for this machine's one core)\n`);
    }
    const platform = nodePlatform(backend);
    const backendName = await platform.ready();
    const mnist = plan.shared.data === 'mnist' ? await platform.mnist() : undefined;
    if (controller.signal.aborted) {
      ctx.stderr('vsdl train-grid: interrupted before training started; nothing was written\n');
      return 130;
    }
    return await runCells(ctx, { plan, run, mine, completed, sharded, backendName, mnist, controller, out, csv, json });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

interface GridSetup {
  plan: TrainGridPlan;
  run: TrainGridPlan;
  mine: TrainGridPlan['cells'];
  completed: TrainCellRecord[];
  sharded: GridShard;
  backendName: string;
  mnist: LabelledImages | undefined;
  controller: AbortController;
  out: string | undefined;
  csv: string | undefined;
  json: boolean;
}

async function runCells(ctx: CommandContext, { plan, run, mine, completed, sharded, backendName, mnist, controller, out, csv, json }: GridSetup): Promise<number> {
  const document = (cells: TrainCellRecord[], status: TrainGridDocument['status']): TrainGridDocument => ({ ...gridDocument(plan, backendName, cells, status), software: GRID_SOFTWARE });
  const written = (cells: TrainCellRecord[], status: TrainGridDocument['status']) => sharded.wrap(document(cells, status));
  const writer = out ? new SweepWriter<object>(out, (error) => controller.abort(error)) : null;
  const progress = new Progress(ctx.stderr, ctx.stderrIsTTY, true);
  let latest = completed;
  let cells: TrainCellRecord[];
  try {
    progress.stage('train-grid');
    cells = await runTrainGrid(run, {
      mnist,
      signal: controller.signal,
      completed,
      onProgress: (fraction) => progress.update(fraction),
      onCell: (cell, record, done) => {
        latest = done;
        if (!json || ctx.stderrIsTTY) ctx.stderr(`${ctx.stderrIsTTY ? '\r\x1b[2K' : ''}${describeCell(cell)}\n  ${epochLine(record.epochs.at(-1)!)}\n`);
        writer?.write(written(done, 'partial'));
      },
    });
  } catch (error) {
    if (ctx.stderrIsTTY) ctx.stderr('\n');
    await writer?.flush();
    if (!controller.signal.aborted) throw error;
    // Files are written only when this run finished a cell: otherwise --out and --csv stay as they were.
    const finished = latest.length - completed.length;
    if (csv && finished > 0) await writeAtomic(csv, gridCsv(document(latest, 'partial')), '--csv');
    ctx.stderr(`vsdl train-grid: ${interruptedLine(finished, latest.length, mine.length, sharded.label, out, csv)}\n`);
    return 130;
  }
  progress.finish();
  const final = document(cells, 'complete');
  writer?.write(sharded.wrap(final));
  await writer?.flush();
  if (csv) await writeAtomic(csv, gridCsv(final), '--csv');
  if (json) ctx.stdout(jsonText(sharded.wrap(final)) + '\n');
  else ctx.stdout(gridTable(final) + [out, csv].filter(Boolean).map((f) => `written to ${f}\n`).join(''));
  return 0;
}

/** What an interrupted grid left, in words. */
function interruptedLine(finished: number, held: number, total: number, label: string, out: string | undefined, csv: string | undefined): string {
  const cells = `${held} of ${total} cells${label}`;
  if (finished === 0) {
    if (held > 0 && out) return `interrupted before another cell finished; nothing was written, and ${out} still holds ${cells}; continue with --resume`;
    return 'interrupted before the first cell finished; nothing was written';
  }
  const files = [out, csv].filter(Boolean).join(' and ');
  if (!files) return `interrupted after ${cells}; no --out file was given`;
  return `interrupted; ${files} ${out && csv ? 'hold' : 'holds'} ${cells} (status partial)${out ? '; continue with --resume' : ''}`;
}

function checkSize(seconds: number, cells: number, confirmed: boolean): void {
  if (seconds > MAX_SECONDS && !confirmed) {
    throw new ParameterError('--yes', false, `a grid estimated at up to ${formatSeconds(MAX_SECONDS)}, or pass --yes to run anyway`, `${cells} cells, about ${formatSeconds(seconds)}`);
  }
}

function describeCell(c: TrainCellRecord): string {
  return `cell batch ${c.batch_size}, lr ${c.learning_rate}, train ${c.train_size}, label noise ${c.label_noise}: ${c.status}, ` +
    `test acc ${(100 * c.test_acc).toFixed(1)}%, gap ${(100 * c.generalization_gap).toFixed(1)}%, α̂ ${c.alpha_weighted_mean?.toFixed(2) ?? '–'}, ${c.dominant_phase ?? 'no phase'}`;
}

/** One CSV row per cell: the knobs, the final numbers, then each layer's phase, α and α̂. */
export function gridCsv(doc: TrainGridDocument): string {
  const rows = doc.cells.map((c) => {
    const row: Record<string, number | string> = {
      train_size: c.train_size, label_noise: c.label_noise, batch_size: c.batch_size, learning_rate: c.learning_rate,
      noise_scale: c.noise_scale, load: c.load, status: c.status, epochs_run: c.epochs_run,
      train_acc: c.train_acc, test_acc: c.test_acc, generalization_gap: c.generalization_gap, train_loss: c.train_loss, test_loss: c.test_loss,
      alpha_mean: c.alpha_mean ?? NaN, alpha_weighted_mean: c.alpha_weighted_mean ?? NaN, entropy_mean: c.entropy_mean ?? NaN, dominant_phase: c.dominant_phase ?? '',
    };
    for (const l of c.layers) {
      row[`${l.name}_phase`] = l.phase ?? '';
      row[`${l.name}_alpha`] = l.alpha ?? NaN;
      row[`${l.name}_alpha_weighted`] = l.alpha_weighted ?? NaN;
    }
    return row;
  });
  return tableCsv(rows, [
    `vsdl train-grid (${versionsText(doc.software)}, ${doc.generator.name} v${doc.generator.version}), ${doc.model} on ${doc.data}, backend ${doc.backend}, status ${doc.status}`,
    `seed=${JSON.stringify(doc.seed)} shared parameters: ${JSON.stringify(doc.params)}`,
  ]);
}

function versionsText(software: { name: string; version: string; tfjs?: string }): string {
  return `${software.name} ${software.version}${software.tfjs ? `, TensorFlow.js ${software.tfjs}` : ''}`;
}

function gridTable(doc: TrainGridDocument): string {
  const layers = doc.cells[0]?.layers.map((l) => layerOfParameter(l.name)) ?? [];
  const head = ['train', 'noise', 'batch', 'lr', 'train acc', 'test acc', 'gap', 'mean α', 'α̂', ...layers];
  const lines = doc.cells.map((c) => [
    c.train_size, c.label_noise, c.batch_size, c.learning_rate, pct(c.train_acc), pct(c.test_acc), pct(c.generalization_gap),
    num(c.alpha_mean), num(c.alpha_weighted_mean), ...c.layers.map((l) => `${l.phase ?? '–'} (${num(l.alpha)})`),
  ].join('\t'));
  return [head.join('\t'), ...lines, ''].join('\n');
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number | null) => (x === null ? '–' : x.toFixed(2));

/**
 * The cells a file holds, for --resume: a part only as the same shard, only cells this run would compute, and
 * only cells computed with the same backend and versions (which vsdl merge requires of parts, too): the document
 * records one backend and one set of versions for all its cells.
 */
async function resumeCells(out: string, wanted: ReadonlySet<string>, sharded: GridShard, backend: string): Promise<TrainCellRecord[]> {
  // Only a file that is not there yet starts afresh: one that cannot be read is refused, never written over.
  const text = await readResumeText(out);
  if (text === null) return [];
  let doc: TrainGridDocument;
  try {
    doc = JSON.parse(text) as TrainGridDocument;
  } catch (error) {
    // A file cut short (a copy or a disk that failed mid-write) is unreadable input, as an empty one is.
    throw new FormatError(out, `not JSON: ${(error as Error).message}`);
  }
  if (doc?.kind !== 'train-grid' || !Array.isArray(doc.cells)) throw new ParameterError('--resume', out, 'a grid file written by vsdl train-grid');
  checkResumableShard(doc, sharded.shard, out);
  if (doc.backend !== backend) {
    throw new ParameterError('--backend', backend, `${JSON.stringify(doc.backend)} as in ${out}, whose cells it computed (or a new --out)`, `backend differs: ${JSON.stringify(backend)} here, ${JSON.stringify(doc.backend)} there`);
  }
  for (const [field, here] of [['software', GRID_SOFTWARE], ['generator', GENERATOR]] as const) {
    const there = (doc as unknown as Record<string, unknown>)[field];
    if (JSON.stringify(there) !== JSON.stringify(here)) {
      throw new ParameterError('--resume', out, `a file written by this version of vsdl (${versionsText(GRID_SOFTWARE)}), or a new --out`, `${field} differs: ${JSON.stringify(here)} here, ${JSON.stringify(there) ?? 'nothing'} there`);
    }
  }
  const outside = doc.cells.filter((c) => !wanted.has(c.key));
  if (outside.length > 0) {
    throw new ParameterError('--resume', out, `a file whose cells all belong to this grid${sharded.label} (${outside.length} would be dropped), or a new --out`, `first: ${outside[0].key}`);
  }
  return doc.cells;
}
