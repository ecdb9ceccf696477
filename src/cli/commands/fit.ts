import { ParameterError } from '../../core/errors.js';
import { estimateAlphaIntervalSeconds, fitEsd, fitEsdAsync, MAX_ALPHA_REPLICATES, METRIC_DEFINITIONS, type EsdFit, type EsdSource, type FitEsdOptions } from '../../core/fit/index.js';
import { formatSeconds } from '../../core/vsdl/index.js';
import { transpose, type Matrix } from '../../core/linalg/index.js';
import { asMatrix, asVector, jsonText } from '../../io/index.js';
import { SOFTWARE } from '../../version.js';
import type { Command, CommandContext } from '../command.js';
import { readNpyFile } from '../files.js';
import { optionalNumber, parseChoice, parseInteger, parseSeedFlag, withFlagNames } from '../parse.js';
import { Progress } from '../progress.js';
import { kernelThreads, threadsFlag, THREADS_OPTION } from '../threads.js';

/** WeightWatcher's columns first, in its order, then ours. */
const WW_COLUMNS = [
  'alpha', 'alpha_weighted', 'log_norm', 'log_spectral_norm', 'log_alpha_norm', 'stable_rank', 'entropy',
  'mp_softrank', 'num_spikes', 'num_pl_spikes', 'rand_distance',
] as const;

function show(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString();
  return String(v);
}

function text(fit: EsdFit, source: string): string {
  const rows: [string, unknown][] = [
    ['source', source],
    ['status', fit.status + (fit.reason ? ` (${fit.reason})` : '')],
    ['shape', `N = ${show(fit.N)}, M = ${fit.M}, Q = ${show(fit.Q)}; eigenvalues in normalization '${fit.normalization}'`],
    ['phase', fit.phase],
    ...fit.phase_reasons.map((r, i): [string, unknown] => [i === 0 ? 'why' : '', r]),
    ['', ''],
    ...WW_COLUMNS.map((c): [string, unknown] => [c, fit[c]]),
    ['', ''],
    [`power law (${fit.fit})`, `xmin = ${show(fit.xmin)}, xmax = ${show(fit.xmax)}, D = ${show(fit.D)}, sigma = ${show(fit.sigma)}${fit.warning ? `, ${fit.warning}` : ''}`],
  ];
  if (fit.fit === 'TPL') rows.push(['truncated', `alpha = ${show(fit.alpha)}, Lambda = ${show(fit.Lambda)} (power-law alpha ${show(fit.pl_alpha)})`]);
  if (fit.alpha_ci_low !== null) rows.push(['alpha interval', `[${show(fit.alpha_ci_low)}, ${show(fit.alpha_ci_high)}] (bootstrap, 90 %)`]);
  if (fit.sigma_mp !== null) {
    rows.push(
      ['MP fit', `sigma = ${show(fit.sigma_mp)}, lambda± = ${show(fit.lambda_minus)}, ${show(fit.lambda_plus)}, KS = ${show(fit.mp_ks)}`],
      ['TW edge', `center ${show(fit.tw_center)}, scale ${show(fit.tw_scale)}, spike threshold ${show(fit.spike_threshold)}; λ_max = ${show(fit.lambda_max)} (TW score ${show(fit.lambda_max_tw)})`],
    );
  }
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  return rows.map(([k, v]) => (k === '' && v === '' ? '' : `${k.padEnd(width)}${show(v)}`)).join('\n') + '\n';
}

/** fitEsd's option and source names → the flags that set them, so that every refusal names what the user typed. */
const FLAGS: Record<string, string> = {
  xmin: '--xmin',
  xmax: '--xmax',
  falsePositiveRate: '--fpr',
  q: '--q',
  n: '--n',
  m: '--m',
  normalization: '--normalization',
  fit: '--fit',
  randNull: '--rand-null',
  alphaBootstrap: '--bootstrap',
  definitions: '--definitions',
  seed: '--seed',
};

/**
 * Why W's entries cannot be fitted (empty when they can): no entries, or a NaN or ±Infinity, named by its place
 * in the file. These are problems of the data, like the same in an eigenvalue input, so they get the same
 * answer: a "failed" record and exit 1, not a refusal of the command line.
 */
function matrixProblem(W: Matrix): string {
  if (W.rows === 0 || W.cols === 0) return `W has shape (${W.rows}, ${W.cols}): no entries, nothing to fit`;
  const x = W.data;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) return `W[${Math.floor(i / W.cols)}][${i % W.cols}] is ${x[i]}: NaN and ±Infinity cannot be fitted`;
  }
  return '';
}

/**
 * The failed record of a matrix that cannot be fitted, with its shape. The record comes from fitEsd itself (an
 * empty spectrum fails with every computed column null), so that it has exactly the fields of any other failure
 * and the options are still checked first (a bad flag stays a usage error, exit 2).
 */
function failedMatrixFit(rows: number, cols: number, options: FitEsdOptions, reason: string): EsdFit {
  const empty = withFlagNames(FLAGS, () => fitEsd({ eigenvalues: [], normalization: 'none' }, options));
  // Q = N/M of an empty W would be 0 or ∞, neither an aspect ratio: null, as when it is unknown.
  return { ...empty, N: rows, M: cols, Q: rows > 0 && cols > 0 ? rows / cols : null, reason };
}

/** The shape flags of an eigenvalue input: --q, --n, --m (each absent when not given). */
function shapeFlags(o: CommandContext['options']): { q?: number; n?: number; m?: number } {
  return {
    q: optionalNumber('q', o.q),
    n: o.n === undefined ? undefined : parseInteger('n', String(o.n), 1),
    m: o.m === undefined ? undefined : parseInteger('m', String(o.m), 1),
  };
}

/** Refuses the flags that the input's kind rules out: an eigenvalue input's shape and units, --transpose for one. */
function checkFlagsOfKind(o: CommandContext['options'], kind: 'matrix' | 'eigenvalues'): void {
  if (kind === 'matrix') {
    for (const flag of ['q', 'n', 'm', 'normalization'] as const) {
      if (o[flag] !== undefined) throw new ParameterError(`--${flag}`, o[flag], 'unset for a matrix input (its shape gives N, M and the units)');
    }
  } else if (o.transpose !== undefined) throw new ParameterError('--transpose', true, 'unset for an eigenvalue input');
}

/**
 * Every check of the flags that needs no data, before the file is read: values and ranges (fitEsd's own checks,
 * run on an empty spectrum, which costs nothing), --xmin against --xmax, and the flags that --input rules out.
 * What depends on the file (--q, --n, --m against the number of eigenvalues; flags that do not fit the array's
 * dimension when --input is not given) is checked once it is read.
 */
function checkFlags(o: CommandContext['options'], kind: 'matrix' | 'eigenvalues' | undefined, options: FitEsdOptions, normalization: '1/N' | 'none' | undefined): void {
  if (options.xmin !== undefined && options.xmax !== undefined && options.xmax <= options.xmin) {
    throw new ParameterError('--xmax', o.xmax, `a value above --xmin (${o.xmin as string}), or one of the two alone`, 'the power law is fitted to the eigenvalues between --xmin and --xmax');
  }
  if (kind) checkFlagsOfKind(o, kind);
  const { q, n } = shapeFlags(o);
  // --m, and --q beside --n, are checked against the number of eigenvalues once the file is read.
  const shape = n !== undefined ? { n } : q !== undefined ? { q } : {};
  withFlagNames(FLAGS, () => fitEsd({ eigenvalues: [], normalization, ...shape }, options));
}

/** A bootstrap estimated beyond this needs --yes. */
const BOOTSTRAP_CONFIRM_SECONDS = 600;

/** Says how long the α bootstrap will take (stderr) and refuses one beyond the threshold without --yes. */
function confirmBootstrap(ctx: CommandContext, source: EsdSource, reps: number, yes: boolean, json: boolean): void {
  const n = 'W' in source ? source.W.cols : source.eigenvalues.length;
  const seconds = estimateAlphaIntervalSeconds(n, reps);
  const estimate = `${reps} replicates of a fit to ${n} eigenvalues, about ${formatSeconds(seconds)}`;
  if (seconds > BOOTSTRAP_CONFIRM_SECONDS && !yes) {
    throw new ParameterError('--bootstrap', reps, `fewer replicates, or --yes to run for ${formatSeconds(seconds)}`, estimate);
  }
  if (!json || ctx.stderrIsTTY) ctx.stderr(`fit: bootstrap: ${estimate}\n`);
}

/** Runs the fit (with the bootstrap's confirmation and progress); refusals name flags, not fitEsd's options. */
async function fitSource(
  ctx: CommandContext,
  source: EsdSource,
  options: FitEsdOptions & { alphaBootstrap: number },
  requested: ReturnType<typeof threadsFlag>,
  yes: boolean,
  json: boolean,
  progress: Progress,
): Promise<EsdFit> {
  if (options.alphaBootstrap > 0) confirmBootstrap(ctx, source, options.alphaBootstrap, yes, json);
  progress.stage('fitting');
  const threads = 'W' in source ? kernelThreads(requested, source.W.cols) : undefined;
  try {
    return await withFlagNames(FLAGS, () =>
      fitEsdAsync(
        source,
        {
          ...options,
          onProgress: (done, total) => {
            if (done === 1) progress.stage(`bootstrap of alpha, ${total} replicates`);
            progress.update(done / total);
          },
        },
        { threads },
      ),
    );
  } catch (error) {
    // With W's shape and entries checked above, a refusal of W itself is of its values: eigenvalues beyond
    // float64. That is the data's problem, so it fails as NaN entries do (a record, exit 1).
    if ('W' in source && error instanceof ParameterError && error.parameter === 'W') return failedMatrixFit(source.W.rows, source.W.cols, options, error.message);
    throw error;
  } finally {
    threads?.close();
  }
}

export const fitCommand: Command = {
  name: 'fit',
  summary: "fit an ESD: power law, MP bulk with TW spike count, WeightWatcher's metrics and the 5+1 phase",
  usage: 'vsdl fit W.npy [--input matrix|eigenvalues] [--xmin X] [--xmax X] [--fit PL|TPL] [--q Q | --n N [--m M]] [--rand-null shuffle|gaussian] [--threads T] [--json]',
  maxPositionals: 1,
  options: {
    input: { type: 'string', value: 'KIND', description: "'matrix' (2-D W, N×M) or 'eigenvalues' (1-D); default: from the array's dimension" },
    xmin: { type: 'string', value: 'X', description: 'fixed xmin of the power law (raw eigenvalue units, see normalization in the output)' },
    xmax: { type: 'string', value: 'X', description: 'drop eigenvalues above X from the power-law fit' },
    fit: { type: 'string', value: 'PL|TPL', description: 'power law, or truncated power law x^(−α)e^(−Λx)', default: 'PL' },
    q: { type: 'string', value: 'Q', description: 'eigenvalue input: aspect ratio N/M (enables the MP fit)' },
    n: { type: 'string', value: 'N', description: 'eigenvalue input: rows N of W (M = number of eigenvalues)' },
    m: { type: 'string', value: 'M', description: 'eigenvalue input: columns M of W (must equal the number of eigenvalues)' },
    normalization: { type: 'string', value: 'KIND', description: "eigenvalue input: '1/N' (X = WᵀW/N, as vsdl esd writes) or 'none' (s(W)²)", default: '1/N' },
    transpose: { type: 'boolean', description: 'matrix input: fit Wᵀ (for a wide W with N < M)' },
    'rand-null': {
      type: 'string',
      value: 'KIND',
      description: "rand_distance against 'shuffle' (permuted entries) or 'gaussian' (fresh draw); it costs a second eigensolve, so, as WeightWatcher's randomize, only on request",
      default: 'none',
    },
    threads: THREADS_OPTION,
    seed: { type: 'string', value: 'SEED', description: 'seed of the rand_distance null and the bootstrap', default: '0' },
    fpr: { type: 'string', value: 'P', description: 'false-positive rate of the Tracy–Widom spike test', default: '0.01' },
    bootstrap: { type: 'string', value: 'REPS', description: `bootstrap replicates for a 90 % interval on alpha (20 to ${MAX_ALPHA_REPLICATES})` },
    yes: { type: 'boolean', description: `run a bootstrap estimated at more than ${BOOTSTRAP_CONFIRM_SECONDS / 60} minutes` },
    definitions: {
      type: 'string',
      value: 'KIND',
      description: "num_spikes, mp_softrank and rand_distance as 'vsdl' defines them, or as 'weightwatcher' does (to compare like with like)",
      default: 'vsdl',
    },
  },
  details: `Output: WeightWatcher's columns (alpha, alpha_weighted, log_norm, log_spectral_norm, log_alpha_norm,
stable_rank, entropy, mp_softrank, num_spikes, num_pl_spikes, rand_distance) computed on raw eigenvalues s(W)²
as WeightWatcher does, plus "phase", "phase_reasons", "normalization", "N", "M", "Q", "status", "reason", the power
law (xmin, xmax, D, sigma, warning), the MP fit (sigma_mp, lambda_minus, lambda_plus, tw_center, tw_scale,
spike_threshold, mp_ks, lambda_max, lambda_max_tw) and, with --fit TPL, Lambda and pl_alpha. "definitions"
says how num_spikes, mp_softrank and rand_distance were computed: --definitions weightwatcher follows
WeightWatcher's own procedure (kernel-density MP fit with its √TW margin; sorted-profile rand_distance).
A matrix must be N×M with N ≥ M (rows ≥ columns): pass --transpose for a wide one. Eigenvalue input needs
--q or --n for the MP fit, the spike count and the phase; without them those are null and "reason" says so.
When the central 90 % of the bulk is zero (rank about M/2 or less) there is no MP law to fit: the MP columns
and num_spikes are null, "reason" says so, and the phase is rank-collapse (exit code 0 if the power law fits). Data that cannot be fitted (fewer than 10 eigenvalues, all equal, negative, NaN), in a matrix (NaN or ±Infinity
entries, no entries, eigenvalues beyond float64) as in eigenvalues, gives "status": "failed" and exit code 1.

examples:
  vsdl fit W.npy --json
  vsdl esd W.npy --out evals.npy && vsdl fit evals.npy --n 1000 --fit TPL`,

  async run(ctx) {
    const o = ctx.options;
    const [input] = ctx.positionals;
    if (!input) throw new ParameterError('W.npy', 'missing', 'the path of a .npy file (2-D matrix or 1-D eigenvalues)');
    const json = o.json === true;
    const kind = parseChoice('input', o.input, ['matrix', 'eigenvalues'] as const);
    const fitKind = parseChoice('fit', o.fit, ['PL', 'TPL'] as const, 'PL');
    const randNull = parseChoice('rand-null', o['rand-null'], ['shuffle', 'gaussian', 'none'] as const, 'none');
    const requested = threadsFlag(o.threads);
    const normalization = parseChoice('normalization', o.normalization, ['1/N', 'none'] as const);
    const definitions = parseChoice('definitions', o.definitions, METRIC_DEFINITIONS, 'vsdl');
    const options = {
      definitions,
      fit: fitKind,
      xmin: optionalNumber('xmin', o.xmin),
      xmax: optionalNumber('xmax', o.xmax),
      falsePositiveRate: optionalNumber('fpr', o.fpr),
      randNull,
      seed: o.seed === undefined ? 0 : parseSeedFlag('seed', o.seed),
      alphaBootstrap: o.bootstrap === undefined ? 0 : parseInteger('bootstrap', String(o.bootstrap), 20, MAX_ALPHA_REPLICATES),
    };

    checkFlags(o, kind, options, normalization);

    const progress = new Progress(ctx.stderr, ctx.stderrIsTTY, json);
    progress.stage(`reading ${input}`);
    // The data is only read (fits copy what they change): it may stay in the file's buffer.
    const { array: arr } = await readNpyFile(input, 'W.npy', { copy: false });
    const dims = arr.shape.length;
    const shape = `${input} has shape (${arr.shape.join(', ')})`;
    const vectorLike = dims === 1 || (dims === 2 && (arr.shape[0] === 1 || arr.shape[1] === 1));
    const wanted = kind ?? (dims === 2 ? 'matrix' : dims === 1 ? 'eigenvalues' : null);
    if (wanted === null) throw new ParameterError('W.npy', shape, 'a 2-D array (matrix W) or a 1-D array (eigenvalues)');
    if (wanted === 'matrix' && dims !== 2) {
      throw new ParameterError('--input', 'matrix', 'a 2-D .npy', `${shape}: for eigenvalues use --input eigenvalues`);
    }
    if (wanted === 'eigenvalues' && !vectorLike) {
      throw new ParameterError('--input', 'eigenvalues', 'a 1-D .npy (or N×1, 1×N)', `${shape}: for a matrix use --input matrix`);
    }

    // Again for a kind inferred from the array (checkFlags could check only a kind given by --input).
    checkFlagsOfKind(o, wanted);
    let source: EsdSource;
    let failed: EsdFit | undefined;
    if (wanted === 'matrix') {
      const file = asMatrix(arr, input, { copy: false });
      const [rows, cols] = o.transpose === true ? [file.cols, file.rows] : [file.rows, file.cols];
      // The orientation is the command line's to fix (--transpose); an empty W has none to fix.
      if (rows < cols && rows > 0) {
        throw new ParameterError('W.npy', `shape ${rows}×${cols}`, 'N×M with N ≥ M (rows ≥ columns): pass --transpose to fit Wᵀ');
      }
      // Checked before the transpose, so that a bad entry is named by its place in the file.
      const problem = matrixProblem(file);
      if (problem) failed = failedMatrixFit(rows, cols, options, problem);
      source = { W: o.transpose === true && !problem ? transpose(file) : file };
    } else {
      source = { eigenvalues: asVector(arr, input), normalization, ...shapeFlags(o) };
    }
    const fit = failed ?? (await fitSource(ctx, source, options, requested, o.yes === true, json, progress));
    progress.finish();

    if (json) ctx.stdout(jsonText({ source: input, input: wanted, ...fit, software: SOFTWARE }) + '\n');
    else ctx.stdout(text(fit, input));
    if (fit.status === 'failed') {
      ctx.stderr(`vsdl fit: ${input}: ${fit.reason}\n`);
      return 1;
    }
    return 0;
  },
};
