import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ParameterError } from '../../core/errors.js';
import {
  DEFAULT_SWEEP_LIMITS,
  MonteCarloAbortError,
  checkGridCells,
  checkSweepSize,
  describeEstimate,
  estimateSweep,
  planSweep,
  runSweep,
  sweepAgreement,
  type CellRecord,
  type SweepOptions,
  type SweepPlan,
  type SweepResult,
} from '../../core/vsdl/index.js';
import { jsonText } from '../../io/index.js';
import type { Command, CommandContext } from '../command.js';
import { checkOutputs, writeAtomic } from '../files.js';
import { parseAxis, parseChoice, parseInteger, parseNumber, parseSeedFlag, required, withFlagNames } from '../parse.js';
import { Progress } from '../progress.js';
import { SWEEP_BACKEND_CHOICES, chooseSweepBackend, usefulWorkers, type SweepBackendChoice } from '../sweep/backends.js';
import { SweepWriter, checkResumable, readSweepDocument, sweepCsv, sweepDocument, sweepNpyFiles, writeSweepNpy, type SweepDocument } from '../sweep/files.js';
import { LAYER_SWEEP_OPTIONS, runLayerSweepCommand } from '../sweep/layer.js';
import { sweepGridPlan } from '../sweep/kinds.js';
import { gridShard, writeSlurmCommand, type GridShard } from '../grid/command.js';
import { SHARD_OPTIONS } from '../grid/flags.js';
import { checkResumableShard } from '../grid/parts.js';

const DEFAULT_SAMPLES = 4;
/** Signals that stop a sweep cleanly: the cells done are saved and --resume continues. */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const DEFAULT_SEED = 1;

export const sweepCommand: Command = {
  name: 'sweep',
  summary: 'VSDL phase diagram: Monte Carlo of every (α, τ) cell of a grid, with the replica theory beside it',
  usage:
    'vsdl sweep --weights ising|spherical --alpha 0.5:3:11 --tau 0.1:1:10 --n 200 [--noise P] [--samples K] ' +
    '[--seed S] [--backend auto|cpu|gpu] [--workers K] [--out sweep.json] [--resume] [--csv FILE] [--npy-dir DIR] [--json] ' +
    '[--shard K/N | --slurm N [--slurm-options "…"]]',
  options: {
    ...LAYER_SWEEP_OPTIONS,
    weights: { type: 'string', value: 'W', description: 'student (and teacher) weights: ising or spherical' },
    alpha: { type: 'string', value: 'AXIS', description: 'loads α > 0: start:stop:count, a comma list, or one number' },
    tau: { type: 'string', value: 'AXIS', description: 'temperatures τ ≥ 0: start:stop:count, a comma list, or one number' },
    n: { type: 'string', value: 'N', description: 'number of weights N ≥ 2' },
    noise: { type: 'string', value: 'P', description: 'label-noise probability p ∈ [0, 0.5]', default: '0' },
    samples: { type: 'string', value: 'K', description: 'independent data sets per cell (SEs are over them when K ≥ 2)', default: String(DEFAULT_SAMPLES) },
    seed: { type: 'string', value: 'S', description: 'integer or string seed', default: String(DEFAULT_SEED) },
    equilibration: { type: 'string', value: 'SWEEPS', description: 'fixed equilibration sweeps per sample', default: 'automatic' },
    measurement: { type: 'string', value: 'SWEEPS', description: 'fixed measurement sweeps per sample', default: 'automatic' },
    start: { type: 'string', value: 'S', description: "mixed (one replica at the teacher, one random), teacher, random, or equilibrium (each cell on the branch theory calls stable)", default: 'mixed' },
    backend: { type: 'string', value: 'B', description: SWEEP_BACKEND_CHOICES.join(', '), default: 'auto' },
    workers: { type: 'string', value: 'K', description: 'worker threads running cells in parallel (results do not depend on it)', default: 'the cores, less one above 4' },
    out: { type: 'string', value: 'FILE', description: 'the sweep as JSON, rewritten atomically after every cell' },
    resume: { type: 'boolean', description: 'read --out and run only the cells it does not hold (a file made with other parameters is refused)' },
    csv: { type: 'string', value: 'FILE', description: 'also write one CSV row per cell' },
    'npy-dir': { type: 'string', value: 'DIR', description: 'also write one .npy grid [n_tau, n_alpha] per observable, with sweep.json' },
    yes: { type: 'boolean', description: 'run even when the estimate exceeds the limits (2500 cells, N 5000, 6 h, 4 GiB)' },
    ...SHARD_OPTIONS,
  },
  details: `Each cell runs K data sets with two replicas each (see runCell); a cell depends only on its own α, τ and
the shared parameters, so grids can be extended, reordered or resumed without changing any number.

Output (the --out file, and stdout with --json): { N, samples, schedule, seed, backend, weights, noise, start,
teacher, alphas, taus, versions: { software, generator }, phase_lines, status, cells }. phase_lines (Ising):
per τ { tau, alpha_c, alpha_spinodal, alpha_zero_entropy, error }. cells, τ-major grid order: { key, alpha, tau,
p, R, q, eps_g, eps_t, energy, R_se, q_se, eps_g_se, eps_t_se, energy_se, error_kind, acceptance,
tau_int: { energy, R }, equilibration_sweeps, measurement_sweeps, unequilibrated,
theory: { R, q, eps_g, eps_t, f, s, branch } | null, theory_error }.
status is 'partial' until the last cell is written; Ctrl-C stops after saving, and --resume continues.
--out and --csv may not be files that --npy-dir writes (alphas.npy, taus.npy, <observable>.npy, sweep.json).
--npy-dir arrays have shape [n_tau, n_alpha]: row i is τ = taus[i], column j is α = alphas[j].

examples:
  vsdl sweep --weights ising --alpha 0.5:3:11 --tau 0.1:1:10 --n 200 --out sweep.json
  vsdl sweep --weights ising --alpha 0.5:3:11 --tau 0.1:1:10 --n 200 --out sweep.json --resume
  vsdl sweep --weights spherical --alpha 1,2,4,8 --tau 0.5 --n 100 --samples 8 --json

The layer model (--layer): K students learn the rows of a teacher layer drawn from an ensemble; each cell
carries the learned layer's fitted spectrum, its 5+1 phase and the predicted phase:
  vsdl sweep --layer --teacher spiked --spikes 5,10 --k 100 --n 200 --alpha 0.5:4:8 --tau 0.5 --out layer.json

On a cluster (either model): --shard K/N runs shard K of N (cells balanced by estimated cost) into the part file
--out, the sweep document with a "shard" field { index, count, cells, command } first; vsdl merge joins the parts
into the file one machine writes. --slurm N writes NAME.slurm (an array job of N shards), NAME.merge.slurm and
NAME.submit.sh beside --out NAME.json instead of running:
  vsdl sweep --weights ising --alpha 0.5:3:32 --tau 0.1:1:32 --n 400 --shard "$SLURM_ARRAY_TASK_ID/16" --out "parts/part-$SLURM_ARRAY_TASK_ID.json" --resume
  vsdl sweep --weights ising --alpha 0.5:3:32 --tau 0.1:1:32 --n 400 --out diagram.json --slurm 16 --slurm-options "--partition=cpu --cpus-per-task=4"`,

  async run(ctx) {
    if (ctx.options.layer === true) return runLayerSweepCommand(ctx);
    const o = ctx.options;
    const json = o.json === true;
    const out = optionalString('out', o.out);
    const csv = optionalString('csv', o.csv);
    const npyDir = optionalString('npy-dir', o['npy-dir']);
    if (o.resume === true && !out) throw new ParameterError('--resume', true, 'used together with --out FILE');
    const options = sweepOptions(ctx);
    const choice = parseChoice('backend', o.backend, SWEEP_BACKEND_CHOICES, 'auto') as SweepBackendChoice;
    const requested = o.workers === undefined ? undefined : withFlagNames(FLAGS, () => parseInteger('workers', String(o.workers), 1));
    // A grid beyond the hard limit is refused from its axis lengths, before any cell is planned; one beyond the
    // confirmation limit from a plan without the per-cell theory of --start equilibrium (costs do not depend on
    // the start), so that the refusal, with its estimate, stays quick.
    withFlagNames(FLAGS, () => checkGridCells(options.alphas.length, options.taus.length));
    if (o.yes !== true && options.alphas.length * options.taus.length > DEFAULT_SWEEP_LIMITS.maxCells) {
      const quick = withFlagNames(FLAGS, () => planSweep({ ...options, start: 'mixed' }));
      checkSize(estimateSweep(quick.cells, quick.cells, usefulWorkers(choice, requested, quick.cells.length).count), quick, false);
    }
    const plan = withFlagNames(FLAGS, () => planSweep(options));
    const grid = sweepGridPlan(plan);
    if (o.slurm !== undefined) {
      const { header } = plan;
      const name = `vsdl sweep: ${header.weights} students, ${header.alphas.length}×${header.taus.length} (α, τ) cells, N = ${header.N}, ${header.samples} samples, seed ${header.seed}`;
      return writeSlurmCommand(ctx, 'sweep', grid, name, (cells) => checkSize(estimateSweep(plan.cells, cells.map((i) => plan.cells[i]!), 1), plan, o.yes === true));
    }
    const sharded = gridShard(ctx, 'sweep', grid);
    await checkOutputs([
      // The folder and the files it will hold come first, so that an --out or --csv that is one of them is the
      // output refused, in the words of any two outputs that are the same file. A folder that does not exist yet
      // holds nothing another output could be: a path inside it is refused as a file in a missing folder.
      ...(npyDir ? [{ flag: '--npy-dir', path: npyDir, kind: 'folder' as const }] : []),
      ...(npyDir && isFolder(npyDir) ? sweepNpyFiles().map((name) => ({ flag: '--npy-dir', path: join(npyDir, name) })) : []),
      ...(out ? [{ flag: '--out', path: out }] : []),
      ...(csv ? [{ flag: '--csv', path: csv }] : []),
    ]);

    const wanted = new Set(sharded.only ?? grid.keys);
    const stored = o.resume === true ? await resumeRecords(out!, plan, ctx, json, sharded, wanted.size) : null;
    const completed = stored?.cells ?? [];
    const done = new Set(completed.map((c) => c.key));
    const pending = plan.cells.filter((cell) => wanted.has(cell.key) && !done.has(cell.key));
    const workers = usefulWorkers(choice, requested, pending.length);
    if (workers.note && !json) ctx.stderr(`sweep: ${workers.note}\n`);
    // The size check comes before any worker starts or any file is touched.
    const estimate = estimateSweep(plan.cells, pending, workers.count);
    checkSize(estimate, plan, o.yes === true);

    const chosen = await chooseSweepBackend(choice, workers.count);
    // The document records one backend for all its cells (GPU cells run fixed sweep counts in float32): resuming
    // on another would mix them under the new one's name, as train-grid and vsdl merge also refuse.
    if (stored && stored.cells.length > 0 && stored.backend !== chosen.backend.name) {
      throw new ParameterError('--backend', chosen.backend.name, `${JSON.stringify(stored.backend)} as in ${out}, whose cells it computed (or a new --out)`, `backend differs: ${JSON.stringify(chosen.backend.name)} here`);
    }
    const controller = new AbortController();
    const onSigint = (signal: NodeJS.Signals) => controller.abort(new Error(`interrupted (${signal})`));
    for (const signal of STOP_SIGNALS) process.on(signal, onSigint);
    const writer = out ? new SweepWriter(out, (error) => controller.abort(error)) : null;
    const progress = new Progress(ctx.stderr, ctx.stderrIsTTY, json);
    let latest: SweepResult | null = null;
    let result: SweepResult;
    try {
      if (!json) ctx.stderr(`sweep: ${describeEstimate(estimate)}\n`);
      progress.stage(`sweep ${plan.header.alphas.length}×${plan.header.taus.length} ${plan.header.weights}${sharded.label}, N = ${plan.header.N}, ${chosen.concurrency} worker${chosen.concurrency === 1 ? '' : 's'}`);
      result = await runSweep({
        ...options,
        backend: chosen.backend,
        concurrency: chosen.concurrency,
        completed,
        only: sharded.only,
        confirm: true,
        signal: controller.signal,
        onProgress: (p) => progress.update(p.fraction),
        onCell: (_record, snapshot) => {
          latest = snapshot;
          writer?.write(sharded.wrap(sweepDocument(snapshot, chosen.backend.name)));
        },
      });
    } catch (error) {
      if (ctx.stderrIsTTY) ctx.stderr('\n'); // leave the progress bar where it stopped
      await writer?.flush();
      if (!(error instanceof MonteCarloAbortError)) throw error;
      return interrupted(ctx, latest, out, wanted.size, sharded.label, chosen.backend.name, { csv, npyDir });
    } finally {
      for (const signal of STOP_SIGNALS) process.off(signal, onSigint);
      await chosen.close();
    }
    progress.finish();
    const document = sweepDocument(result, chosen.backend.name);
    if (writer) {
      writer.write(sharded.wrap(document));
      await writer.flush();
    }
    const extra = await writeExtras(document, { csv, npyDir });
    if (json) ctx.stdout(jsonText(document) + '\n');
    else ctx.stdout(summary(document, out, extra, sharded.label));
    return 0;
  },
};

function sweepOptions(ctx: CommandContext): SweepOptions {
  const o = ctx.options;
  const sweeps = (flag: string, min: number) => (o[flag] === undefined ? undefined : parseInteger(flag, String(o[flag]), min));
  const equilibrationSweeps = sweeps('equilibration', 0);
  const measurementSweeps = sweeps('measurement', 1);
  return {
    weights: parseChoice('weights', required('weights', o.weights, 'ising or spherical'), ['ising', 'spherical'] as const)!,
    alphas: parseAxis('alpha', required('alpha', o.alpha, 'start:stop:count, a comma list or one number')),
    taus: parseAxis('tau', required('tau', o.tau, 'start:stop:count, a comma list or one number')),
    n: parseInteger('n', required('n', o.n, 'an integer ≥ 2'), 2),
    noise: o.noise === undefined ? 0 : parseNumber('noise', String(o.noise), 'a probability in [0, 0.5]'),
    samples: o.samples === undefined ? DEFAULT_SAMPLES : parseInteger('samples', String(o.samples), 1),
    seed: o.seed === undefined ? DEFAULT_SEED : parseSeedFlag('seed', o.seed),
    start: parseChoice('start', o.start, ['mixed', 'teacher', 'random', 'equilibrium'] as const, 'mixed')!,
    schedule: {
      ...(equilibrationSweeps === undefined ? {} : { equilibrationSweeps }),
      ...(measurementSweeps === undefined ? {} : { measurementSweeps }),
    },
  };
}

/** Core parameter names → the flags that set them, so that every message names what the user typed. */
const FLAGS: Record<string, string> = {
  weights: '--weights',
  n: '--n',
  alphas: '--alpha',
  taus: '--tau',
  noise: '--noise',
  samples: '--samples',
  seed: '--seed',
  start: '--start',
  'schedule.equilibrationSweeps': '--equilibration',
  'schedule.measurementSweeps': '--measurement',
  grid: '--alpha × --tau',
};

function checkSize(estimate: ReturnType<typeof estimateSweep>, plan: SweepPlan, confirmed: boolean): void {
  try {
    checkSweepSize(estimate, plan.header.N, { confirm: confirmed });
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    const flag = FLAGS[error.parameter] ?? error.parameter;
    throw new ParameterError(flag, error.value, error.allowed.replace('or confirm to run anyway', 'or pass --yes to run anyway'), describeEstimate(estimate));
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false; // checkOutputs names what is wrong with the path
  }
}

function optionalString(flag: string, value: string | boolean | undefined): string | undefined {
  return value === undefined ? undefined : required(flag, value, 'a file or folder path');
}

/** The stored document's cells and the backend that computed them; null when --out does not exist yet. */
async function resumeRecords(out: string, plan: SweepPlan, ctx: CommandContext, json: boolean, sharded: GridShard, total: number): Promise<{ cells: CellRecord[]; backend: string } | null> {
  const stored = await readSweepDocument(out);
  if (!stored) {
    if (!json) ctx.stderr(`sweep: ${out} does not exist yet; starting a new sweep\n`);
    return null;
  }
  checkResumableShard(stored, sharded.shard, out);
  checkResumable(stored, plan.header, out);
  if (!json) ctx.stderr(`sweep: resuming ${out}: ${stored.cells.length} of ${total} cells${sharded.label} already done\n`);
  return { cells: stored.cells, backend: stored.backend };
}

async function writeExtras(document: SweepDocument, { csv, npyDir }: { csv?: string; npyDir?: string }): Promise<string[]> {
  const written: string[] = [];
  if (csv) {
    await writeAtomic(csv, sweepCsv(document), '--csv');
    written.push(csv);
  }
  if (npyDir) {
    await writeSweepNpy(npyDir, document);
    written.push(`${npyDir}/*.npy`);
  }
  return written;
}

async function interrupted(
  ctx: CommandContext,
  latest: SweepResult | null,
  out: string | undefined,
  total: number,
  shard: string,
  backend: string,
  extras: { csv?: string; npyDir?: string },
): Promise<number> {
  const cells = latest?.cells.length ?? 0;
  if (latest) await writeExtras(sweepDocument(latest, backend), extras);
  const where = out ? (latest ? `${out} holds ${cells} of ${total} cells${shard} (status partial); continue with --resume` : `${out} was not changed`) : 'no --out file was given';
  ctx.stderr(`vsdl sweep: interrupted; ${where}\n`);
  return 130;
}

function summary(document: SweepDocument, out: string | undefined, extra: string[], shard: string): string {
  const agreement = sweepAgreement(document);
  const lines: string[] = [];
  if (!out) {
    lines.push('alpha\ttau\tR\tR_se\ttheory_R\teps_g\ttheory_eps_g\teps_t\ttheory_eps_t');
    for (const c of document.cells) {
      const t = c.theory;
      lines.push([c.alpha, c.tau, c.R, c.R_se, t?.R ?? NaN, c.eps_g, t?.eps_g ?? NaN, c.eps_t, t?.eps_t ?? NaN].map(fmt).join('\t'));
    }
  }
  const files = [out, ...extra].filter(Boolean).join(', ');
  lines.push(
    `${document.cells.length} cells${shard} (${document.status})${files ? `, written to ${files}` : ''}; ` +
      `${agreement.agree} of ${agreement.checked} agree with the replica theory within 3 SE + 1/N in R`,
  );
  return lines.join('\n') + '\n';
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}
