import { ParameterError } from '../../core/errors.js';
import { GENERATOR } from '../../core/random/index.js';
import {
  GRID_KNOBS,
  KNOB_FIELDS,
  planTrainGrid,
  runTrainGrid,
  trainParamsRecord,
  type TrainCellRecord,
  type TrainGridPlan,
  type TrainParamsRecord,
} from '../../core/train/index.js';
import { formatSeconds } from '../../core/vsdl/index.js';
import { jsonText } from '../../io/index.js';
import { tableCsv } from '../../report/index.js';
import { SOFTWARE } from '../../version.js';
import type { CommandContext } from '../command.js';
import { readBytes, writeAtomic } from '../files.js';
import { withFlagNames } from '../parse.js';
import { Progress } from '../progress.js';
import { SweepWriter } from '../sweep/files.js';
import { backendFlag, PARAM_FLAGS, trainParamsFromFlags } from './flags.js';
import { nodePlatform } from './platform.js';
import { checkFolder, epochLine, optionalPath } from './run.js';

/** `vsdl train-grid`: a training run per cell of a grid over load- and temperature-like knobs. */

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
  axes: Partial<Record<(typeof KNOB_FIELDS)[keyof typeof KNOB_FIELDS], number[]>>;
  estimate_seconds: number;
  status: 'partial' | 'complete';
  cells: TrainCellRecord[];
}

/** Beyond this estimate a grid needs --yes. */
const MAX_SECONDS = 6 * 3600;

export async function runTrainGridCommand(ctx: CommandContext): Promise<number> {
  const o = ctx.options;
  const json = o.json === true;
  const plan = withFlagNames(PARAM_FLAGS, () => {
    const { params, axes } = trainParamsFromFlags(o, true);
    return planTrainGrid({ base: params, axes });
  });
  const backend = backendFlag(o);
  const out = optionalPath('out', o.out);
  const csv = optionalPath('csv', o.csv);
  if (o.resume === true && !out) throw new ParameterError('--resume', true, 'used together with --out FILE');
  if (out) await checkFolder('--out', out);
  if (csv) await checkFolder('--csv', csv);
  const completed = o.resume === true ? await resumeCells(out!, plan) : [];
  const pending = plan.cells.filter((c) => !completed.some((d) => d.key === c.key));
  const seconds = pending.reduce((s, c) => s + c.estimateSeconds, 0);
  if (seconds > MAX_SECONDS && o.yes !== true) {
    throw new ParameterError('--yes', false, `a grid estimated at up to ${formatSeconds(MAX_SECONDS)}, or pass --yes to run anyway`, `${pending.length} cells, about ${formatSeconds(seconds)}`);
  }

  const platform = nodePlatform(backend);
  const backendName = await platform.ready();
  const mnist = plan.shared.data === 'mnist' ? await platform.mnist() : undefined;
  const document = (cells: TrainCellRecord[], status: TrainGridDocument['status']): TrainGridDocument => gridDocument(plan, backendName, cells, status);

  if (!json || ctx.stderrIsTTY) {
    ctx.stderr(`train-grid: ${pending.length} of ${plan.cells.length} cells to run, about ${formatSeconds(seconds)} (estimated for this machine's one core)\n`);
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort(new Error('interrupted (SIGINT)'));
  process.on('SIGINT', onSigint);
  const writer = out ? new SweepWriter<TrainGridDocument>(out, (error) => controller.abort(error)) : null;
  const progress = new Progress(ctx.stderr, ctx.stderrIsTTY, true);
  let latest = completed;
  let cells: TrainCellRecord[];
  try {
    progress.stage('train-grid');
    cells = await runTrainGrid(plan, {
      mnist,
      signal: controller.signal,
      completed,
      onProgress: (fraction) => progress.update(fraction),
      onCell: (cell, record, done) => {
        latest = done;
        if (!json || ctx.stderrIsTTY) ctx.stderr(`${ctx.stderrIsTTY ? '\r\x1b[2K' : ''}${describeCell(cell)}\n  ${epochLine(record.epochs.at(-1)!)}\n`);
        writer?.write(document(done, 'partial'));
      },
    });
  } catch (error) {
    if (ctx.stderrIsTTY) ctx.stderr('\n');
    await writer?.flush();
    if (!controller.signal.aborted) throw error;
    if (csv) await writeAtomic(csv, gridCsv(document(latest, 'partial')));
    ctx.stderr(`vsdl train-grid: interrupted; ${out ? `${out} holds ${latest.length} of ${plan.cells.length} cells (status partial); continue with --resume` : 'no --out file was given'}\n`);
    return 130;
  } finally {
    process.off('SIGINT', onSigint);
  }
  progress.finish();
  const final = document(cells, 'complete');
  writer?.write(final);
  await writer?.flush();
  if (csv) await writeAtomic(csv, gridCsv(final));
  if (json) ctx.stdout(jsonText(final) + '\n');
  else ctx.stdout(gridTable(final) + [out, csv].filter(Boolean).map((f) => `written to ${f}\n`).join(''));
  return 0;
}

function gridDocument(plan: TrainGridPlan, backend: string, cells: TrainCellRecord[], status: TrainGridDocument['status']): TrainGridDocument {
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
    `vsdl train-grid (${doc.software.name} ${doc.software.version}, ${doc.generator.name} v${doc.generator.version}), ${doc.model} on ${doc.data}, backend ${doc.backend}, status ${doc.status}`,
    `seed=${JSON.stringify(doc.seed)} shared parameters: ${JSON.stringify(doc.params)}`,
  ]);
}

function gridTable(doc: TrainGridDocument): string {
  const layers = doc.cells[0]?.layers.map((l) => l.name.replace(/\.kernel$/, '')) ?? [];
  const head = ['train', 'noise', 'batch', 'lr', 'train acc', 'test acc', 'gap', 'mean α', 'α̂', ...layers];
  const lines = doc.cells.map((c) => [
    c.train_size, c.label_noise, c.batch_size, c.learning_rate, pct(c.train_acc), pct(c.test_acc), pct(c.generalization_gap),
    num(c.alpha_mean), num(c.alpha_weighted_mean), ...c.layers.map((l) => `${l.phase ?? '–'} (${num(l.alpha)})`),
  ].join('\t'));
  return [head.join('\t'), ...lines, ''].join('\n');
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number | null) => (x === null ? '–' : x.toFixed(2));

async function resumeCells(out: string, plan: TrainGridPlan): Promise<TrainCellRecord[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readBytes(out, '--resume');
  } catch {
    return [];
  }
  let doc: TrainGridDocument;
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes)) as TrainGridDocument;
  } catch (error) {
    throw new ParameterError('--resume', out, 'a grid file written by vsdl train-grid', `not JSON: ${(error as Error).message}`);
  }
  if (doc?.kind !== 'train-grid' || !Array.isArray(doc.cells)) throw new ParameterError('--resume', out, 'a grid file written by vsdl train-grid');
  const keys = new Set(plan.cells.map((c) => c.key));
  const outside = doc.cells.filter((c) => !keys.has(c.key));
  if (outside.length > 0) {
    throw new ParameterError('--resume', out, `a file whose cells all belong to this grid (${outside.length} would be dropped), or a new --out`, `first: ${outside[0].key}`);
  }
  return doc.cells;
}
