import { ENSEMBLES } from '../../core/ensembles/index.js';
import { FormatError, ParameterError } from '../../core/errors.js';
import { planLayerSweep, runLayerSweep, type LayerCellRecord, type LayerSweepHeader, type LayerSweepOptions, type LayerSweepPlan, type LayerSweepResult } from '../../core/layer/index.js';
import type { Shard } from '../../core/shards/index.js';
import { ASSUMED_RATE, DEFAULT_SWEEP_LIMITS, MAX_SWEEP_CELLS, MonteCarloAbortError, checkGridCells, examplesFor, formatBytes, formatSeconds } from '../../core/vsdl/index.js';
import type { GridPlan } from '../grid/kind.js';
import { jsonText, sidecarJson } from '../../io/index.js';
import type { CommandContext, OptionSpec } from '../command.js';
import { checkOutputs, writeAtomic } from '../files.js';
import { readResumeText } from '../grid/jsonFile.js';
import { parseAxis, parseInteger, parseList, parseNumber, parseSeedFlag, required } from '../parse.js';
import { Progress } from '../progress.js';
import { gridShard, writeSlurmCommand } from '../grid/command.js';
import { checkResumableShard } from '../grid/parts.js';
import { LAYER_HEADER_FLAGS, checkResumable, layerSweepDocument, type LayerSweepDocument } from './files.js';
import { layerGridPlan } from './kinds.js';

/**
 * `vsdl sweep --layer`: the layer VSDL model over an (α, τ) grid (src/core/layer). The sweep command routes here
 * when --layer is given; the flags it shares with the single-perceptron sweep (--alpha, --tau, --n, --weights,
 * --samples, --seed, --equilibration, --measurement, --out, --resume, --json) mean the same.
 */

export const LAYER_SWEEP_OPTIONS: Record<string, OptionSpec> = {
  layer: { type: 'boolean', description: 'sweep a K×N layer of students learning a teacher layer (the layer model)' },
  teacher: {
    type: 'string',
    value: 'E',
    description: `layer: teacher ensemble ${ENSEMBLES.join('|')}, or covariance-pareto (Gaussian rows with a power-law input covariance of exponent --mu)`,
    default: 'spiked',
  },
  spikes: { type: 'string', value: 'L1,L2', description: 'layer: spike strengths of a spiked teacher (ℓ or θ)' },
  'spike-model': { type: 'string', value: 'M', description: 'layer: covariance or additive', default: 'covariance' },
  mu: { type: 'string', value: 'MU', description: 'layer: tail exponent μ of a heavy-tailed or covariance-pareto teacher' },
  sigma: { type: 'string', value: 'S', description: 'layer: entry scale of the teacher ensemble', default: '1' },
  k: { type: 'string', value: 'K', description: 'layer: number of rows (students) K ≥ 10' },
  inputs: { type: 'string', value: 'I', description: 'layer: independent (one data set per row) or shared', default: 'independent' },
  'row-norms': { type: 'string', value: 'R', description: "layer: unit (the Gibbs sample) or teacher (rows rescaled to the teacher's norms)", default: 'unit' },
};

/** Flags of the perceptron sweep that mean nothing to the layer model. */
const NOT_FOR_LAYER = ['noise', 'start', 'backend', 'workers', 'csv', 'npy-dir'] as const;
/** Signals that stop a sweep cleanly: the cells done are saved and --resume continues. */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const TEACHERS = [...ENSEMBLES, 'covariance-pareto'] as const;
const DEFAULT_SAMPLES = 1;
const DEFAULT_SEED = 1;

function choice(flag: string, value: string | boolean | undefined, allowed: readonly string[], fallback: string): string {
  const v = value ?? fallback;
  if (typeof v !== 'string' || !allowed.includes(v)) throw new ParameterError(`--${flag}`, v, `one of ${allowed.join(', ')}`);
  return v;
}

/** Flags → options of runLayerSweep (every error names the flag). */
export function layerSweepOptions(options: CommandContext['options']): LayerSweepOptions {
  const o = options;
  const name = choice('teacher', o.teacher, [...TEACHERS], 'spiked');
  // covariance-pareto is a Gaussian draw with T = G·diag(s), s_j Pareto-I(μ): a shorthand, not an ensemble.
  const covariance = name === 'covariance-pareto';
  const ensemble = (covariance ? 'gaussian' : name) as LayerSweepOptions['teacher']['ensemble'];
  const teacher: LayerSweepOptions['teacher'] = { ensemble, sigma: o.sigma === undefined ? 1 : parseNumber('sigma', String(o.sigma), 'a number > 0') };
  if (covariance) {
    teacher.covariance = { law: 'pareto', mu: parseNumber('mu', required('mu', o.mu, 'the tail exponent μ of the input scales'), 'a tail exponent > 0') };
  }
  if (ensemble === 'spiked') {
    teacher.spikes = parseList('spikes', required('spikes', o.spikes, 'a comma list of spike strengths'));
    teacher.spikeModel = choice('spike-model', o['spike-model'], ['covariance', 'additive'], 'covariance') as 'covariance' | 'additive';
  } else if (o.spikes !== undefined) {
    throw new ParameterError('--spikes', o.spikes, 'only with --teacher spiked');
  }
  if (o.mu !== undefined && !covariance) teacher.mu = parseNumber('mu', String(o.mu), 'a tail exponent > 0');
  const sweeps = (flag: string, min: number) => (o[flag] === undefined ? undefined : parseInteger(flag, String(o[flag]), min));
  const equilibrationSweeps = sweeps('equilibration', 0);
  const measurementSweeps = sweeps('measurement', 0);
  return {
    teacher,
    k: parseInteger('k', required('k', o.k, 'an integer ≥ 10'), 1),
    n: parseInteger('n', required('n', o.n, 'an integer ≥ 10'), 1),
    alphas: parseAxis('alpha', required('alpha', o.alpha, 'start:stop:count, a comma list or one number')),
    taus: parseAxis('tau', required('tau', o.tau, 'start:stop:count, a comma list or one number')),
    inputs: choice('inputs', o.inputs, ['independent', 'shared'], 'independent') as 'independent' | 'shared',
    weights: choice('weights', o.weights, ['spherical', 'ising'], 'spherical') as 'spherical' | 'ising',
    rowNorms: choice('row-norms', o['row-norms'], ['unit', 'teacher'], 'unit') as 'unit' | 'teacher',
    samples: o.samples === undefined ? DEFAULT_SAMPLES : parseInteger('samples', String(o.samples), 1),
    seed: o.seed === undefined ? DEFAULT_SEED : parseSeedFlag('seed', o.seed),
    schedule: {
      ...(equilibrationSweeps === undefined ? {} : { equilibrationSweeps }),
      ...(measurementSweeps === undefined ? {} : { measurementSweeps }),
    },
  };
}

/** Core parameter names → flags, so that errors from the core name what the user typed. */
const FLAGS: Record<string, string> = {
  'teacher.ensemble': '--teacher', 'teacher.spikes': '--spikes', 'teacher.spikeModel': '--spike-model', 'teacher.mu': '--mu', 'teacher.covariance.mu': '--mu',
  'teacher.sigma': '--sigma', k: '--k', n: '--n', alphas: '--alpha', taus: '--tau', grid: '--alpha × --tau', inputs: '--inputs', weights: '--weights',
  rowNorms: '--row-norms', samples: '--samples', seed: '--seed', 'schedule.equilibrationSweeps': '--equilibration',
  'schedule.measurementSweeps': '--measurement',
};

function renamed(error: unknown): unknown {
  if (!(error instanceof ParameterError) || error.parameter.startsWith('--')) return error;
  const base = error.parameter.replace(/\[\d+\]$/, '');
  const flag = FLAGS[base];
  return flag ? new ParameterError(flag, error.value, error.allowed) : error;
}

async function storedCells(path: string, shard: Shard | null, header: LayerSweepHeader): Promise<LayerCellRecord[]> {
  const text = await readResumeText(path);
  if (text === null) return [];
  let data: { model?: unknown; cells?: unknown };
  try {
    data = JSON.parse(text, (key, value) => (key !== 'key' && key !== 'seed' && value === 'NaN' ? NaN : value));
  } catch (error) {
    // A file cut short (a copy or a disk that failed mid-write) is unreadable input, as an empty one is.
    throw new FormatError(path, `not JSON: ${(error as Error).message}`);
  }
  if (data?.model !== 'vsdl-layer' || !Array.isArray(data.cells)) throw new ParameterError('--resume', path, 'a file written by vsdl sweep --layer');
  const index = data.cells.findIndex((c: unknown) => {
    const cell = c as Partial<LayerCellRecord> | null;
    return cell === null || typeof cell !== 'object' || typeof cell.key !== 'string' || typeof cell.alpha !== 'number' || typeof cell.tau !== 'number';
  });
  if (index >= 0) throw new ParameterError('--resume', path, 'a file written by vsdl sweep --layer', `cells[${index}] is not a cell { key, alpha, tau, … }`);
  checkResumableShard(data, shard, path);
  // Cells of other parameters have other keys: resuming would drop every stored cell and overwrite the file.
  checkResumable(data as unknown as LayerSweepDocument, header, path, LAYER_HEADER_FLAGS);
  return data.cells as LayerCellRecord[];
}

/**
 * The perceptron sweep's limits on time and memory, for the cells this run would compute: a grid beyond them is
 * refused with its estimate unless --yes (K = N = 4096 on a 20×20 grid started a run of days without a word). Time
 * on one thread (the layer sweep runs on one); memory of the largest cell: its P×N inputs and fields, 16 bytes per
 * entry as the perceptron sweep counts them, and its K×N weights.
 */
function checkLayerSize(grid: GridPlan, plan: LayerSweepPlan, only: readonly string[] | null | undefined, completed: readonly LayerCellRecord[], confirmed: boolean): void {
  if (confirmed) return;
  const wanted = new Set(only ?? grid.keys);
  for (const cell of completed) wanted.delete(cell.key);
  let seconds = 0;
  let bytes = 0;
  plan.cells.forEach((cell, i) => {
    if (!wanted.has(cell.key)) return;
    seconds += grid.costs[i] * grid.secondsPerCost;
    const { n, k, alpha } = cell.identity;
    bytes = Math.max(bytes, 16 * examplesFor(n, alpha) * n + 8 * k * n);
  });
  const summary = `${wanted.size} of ${grid.keys.length} cells to run, about ${formatSeconds(seconds)} on one thread at ${ASSUMED_RATE.toExponential(1)} field updates/s, ${formatBytes(bytes)} of data`;
  const limits = DEFAULT_SWEEP_LIMITS;
  if (seconds > limits.maxSeconds) {
    throw new ParameterError('--alpha × --tau', `about ${formatSeconds(seconds)}`, `an estimated run time up to ${formatSeconds(limits.maxSeconds)}, or pass --yes to run anyway`, summary);
  }
  if (bytes > limits.maxBytes) {
    throw new ParameterError('--alpha × --tau', `about ${formatBytes(bytes)}`, `an estimated memory use up to ${formatBytes(limits.maxBytes)}, or pass --yes to run anyway`, summary);
  }
}

/** Runs `vsdl sweep --layer …`; returns the exit code (130 when interrupted, after saving what is done). */
export async function runLayerSweepCommand(ctx: CommandContext): Promise<number> {
  const o = ctx.options;
  const json = o.json === true;
  const out = o.out === undefined ? undefined : required('out', o.out, 'a file path');
  if (o.resume === true && !out) throw new ParameterError('--resume', true, 'used together with --out FILE');
  for (const flag of NOT_FOR_LAYER) {
    if (o[flag] !== undefined) throw new ParameterError(`--${flag}`, o[flag], 'unset with --layer (it belongs to the perceptron sweep)');
  }
  const options = layerSweepOptions(o);
  const cells = options.alphas.length * options.taus.length;
  try {
    checkGridCells(options.alphas.length, options.taus.length);
  } catch (error) {
    throw renamed(error);
  }
  if (cells > DEFAULT_SWEEP_LIMITS.maxCells && o.yes !== true) {
    throw new ParameterError('--alpha × --tau', `${cells} cells`, `at most ${DEFAULT_SWEEP_LIMITS.maxCells} cells, or pass --yes to run anyway (up to ${MAX_SWEEP_CELLS})`);
  }
  let plan: LayerSweepPlan;
  try {
    plan = planLayerSweep(options);
  } catch (error) {
    throw renamed(error);
  }
  const grid = layerGridPlan(plan);
  if (o.slurm !== undefined) {
    const h = plan.header;
    const name = `vsdl sweep --layer: ${h.teacher.ensemble} teacher, K = ${h.K}, N = ${h.N}, ${h.alphas.length}×${h.taus.length} (α, τ) cells, seed ${h.seed}`;
    // The layer sweep runs on one thread and refuses --workers: its tasks are not given one.
    return writeSlurmCommand(ctx, 'sweep', grid, name, undefined, { workers: false });
  }
  const sharded = gridShard(ctx, 'sweep', grid);
  if (out) await checkOutputs([{ flag: '--out', path: out }]);
  const completed = o.resume === true ? await storedCells(out!, sharded.shard, plan.header) : [];
  checkLayerSize(grid, plan, sharded.only, completed, o.yes === true);
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => controller.abort(new Error(`interrupted (${signal})`));
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  const progress = new Progress(ctx.stderr, ctx.stderrIsTTY, json);
  let latest: LayerSweepResult | null = null;
  let writing: Promise<void> = Promise.resolve();
  let writeError: unknown = null;
  const save = (result: LayerSweepResult) => {
    if (!out || writeError) return;
    writing = writing
      .then(() => writeAtomic(out, sidecarJson(sharded.wrap(layerSweepDocument(result)))))
      .catch((error: unknown) => {
        // A file that cannot be written stops the run instead of computing cells nobody will see.
        writeError ??= error;
        controller.abort(error);
      });
  };
  let result: LayerSweepResult;
  try {
    progress.stage(`layer sweep ${options.alphas.length}×${options.taus.length}${sharded.label}, K = ${options.k}, N = ${options.n}`);
    result = await runLayerSweep({
      ...options,
      completed,
      only: sharded.only,
      signal: controller.signal,
      onProgress: (p) => progress.update(p.fraction),
      onCell: (_record, snapshot) => {
        latest = snapshot;
        save(snapshot);
      },
    }).catch((error: unknown) => {
      throw renamed(error);
    });
  } catch (error) {
    progress.finish();
    await writing;
    if (writeError) throw writeError;
    if (!(error instanceof MonteCarloAbortError)) throw error;
    // As the perceptron sweep: a run stopped before its first cell has written nothing, and says so.
    const stopped = latest as LayerSweepResult | null;
    const where = out ? (stopped ? `${out} holds ${stopped.cells.length} cells${sharded.label} (status partial); continue with --resume` : `${out} was not changed`) : 'no --out file was given';
    ctx.stderr(`vsdl sweep --layer: interrupted; ${where}\n`);
    return 130;
  } finally {
    for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  }
  progress.finish();
  save(result);
  await writing;
  if (writeError) throw writeError;
  const document = layerSweepDocument(result);
  if (json) ctx.stdout(jsonText(document) + '\n');
  else ctx.stdout(summary(document, out, sharded.label));
  return 0;
}

function summary(document: LayerSweepDocument, out: string | undefined, shard: string): string {
  const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '-' : Number.isInteger(x) ? String(x) : x.toPrecision(4));
  const lines = ['alpha\ttau\tR\ttheory_R\teps_g\tlambda_max\tnum_spikes\talpha_pl\tphase\tpredicted'];
  for (const c of document.cells) {
    lines.push([fmt(c.alpha), fmt(c.tau), fmt(c.R), fmt(c.theory?.R), fmt(c.eps_g), fmt(c.lambda_max), fmt(c.num_spikes), fmt(c.alpha_pl), c.phase ?? '-', c.theory?.predicted_phase ?? '-'].join('\t'));
  }
  lines.push(`${document.cells.length} cells${shard} (${document.status})${out ? `, written to ${out}` : ''}`);
  return lines.join('\n') + '\n';
}
