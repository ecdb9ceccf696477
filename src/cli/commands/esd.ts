import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { ParameterError } from '../../core/errors.js';
import { esdAsync } from '../../core/linalg/index.js';
import { asMatrix, jsonText, readNpy, writeNpy } from '../../io/index.js';
import { SOFTWARE } from '../../version.js';
import type { Command } from '../command.js';
import { readBytes, sidecarPath, writeAtomic } from '../files.js';
import { Progress } from '../progress.js';
import { kernelThreads, threadsFlag, THREADS_OPTION } from '../threads.js';

const NORMALIZATIONS = ['1/N', 'none'] as const;

export const esdCommand: Command = {
  name: 'esd',
  summary: 'eigenvalues of X = WᵀW/N (or of WᵀW: the squared singular values), ascending, in float64',
  usage: 'vsdl esd W.npy [--normalization 1/N|none] [--out evals.npy] [--threads T] [--json]',
  options: {
    normalization: { type: 'string', value: 'KIND', description: "'1/N' for X = WᵀW/N, 'none' for WᵀW = s(W)² as WeightWatcher uses", default: '1/N' },
    out: { type: 'string', value: 'evals.npy', description: 'write the eigenvalues as a 1-D float64 .npy' },
    threads: THREADS_OPTION,
  },
  details: `W must be a 2-D .npy of shape N×M with N ≥ M (any numeric dtype, either byte order, C or Fortran order).
Without --out and --json the eigenvalues are printed one per line after '#' comment lines (numpy.loadtxt reads it).
With --json: { "normalization", "N", "M", "count", "lambda_min", "lambda_max", "eigenvalues": [...], "truth"? }
where "truth" is the generator's sidecar W.json when one lies beside W.npy.`,

  async run(ctx) {
    const [input, ...extra] = ctx.positionals;
    if (!input) throw new ParameterError('W.npy', 'missing', 'the path of a 2-D .npy file');
    if (extra.length) throw new ParameterError('arguments', extra.join(' '), 'exactly one input file');
    const normalization = (ctx.options.normalization as string | undefined) ?? '1/N';
    if (!NORMALIZATIONS.includes(normalization as '1/N')) {
      throw new ParameterError('--normalization', normalization, "'1/N' or 'none'");
    }
    const json = ctx.options.json === true;
    const out = ctx.options.out as string | undefined;
    const requested = threadsFlag(ctx.options.threads);
    const progress = new Progress(ctx.stderr, ctx.stderrIsTTY, json);

    progress.stage(`reading ${input}`);
    // The matrix is only read: it may stay in the file's buffer.
    const W = asMatrix(readNpy(await readBytes(input, 'W.npy'), input, { copy: false }), input, { copy: false });
    if (W.rows < W.cols) {
      throw new ParameterError('W.npy', `shape ${W.rows}×${W.cols}`, 'N×M with N ≥ M (transpose it: X = WᵀW/N uses the smaller side M)');
    }
    const threads = kernelThreads(requested, W.cols);
    let values: Float64Array;
    try {
      progress.stage(`eigenvalues of ${W.cols}×${W.cols} X${threads ? ` on ${threads.size} threads` : ''}`);
      values = await esdAsync(W, normalization as '1/N' | 'none', { threads, onProgress: (f) => progress.update(f) });
      progress.finish();
    } finally {
      threads?.close();
    }
    if (out) await writeAtomic(out, writeNpy({ data: values, shape: [values.length] }));

    const summary = {
      source: input,
      normalization,
      N: W.rows,
      M: W.cols,
      count: values.length,
      lambda_min: values[0],
      lambda_max: values[values.length - 1],
      software: SOFTWARE,
    };
    if (json) {
      const truthPath = sidecarPath(input);
      const truth = existsSync(truthPath) ? JSON.parse(await readFile(truthPath, 'utf8')) : undefined;
      ctx.stdout(jsonText({ ...summary, out: out ?? null, eigenvalues: Array.from(values), truth }) + '\n');
    } else if (out) {
      ctx.stdout(`wrote ${values.length} eigenvalues (${normalization}) to ${out}; λ_min = ${summary.lambda_min}, λ_max = ${summary.lambda_max}\n`);
    } else {
      const head = Object.entries(summary).map(([k, v]) => `# ${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`);
      ctx.stdout([...head, ...Array.from(values, (x) => String(x))].join('\n') + '\n');
    }
    return 0;
  },
};
