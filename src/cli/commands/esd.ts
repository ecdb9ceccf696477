import { FormatError, ParameterError } from '../../core/errors.js';
// The modules esd needs, not the linalg index (whose Laguerre, Hermite and random modules it would load at start-up).
import { esdAsync } from '../../core/linalg/esd.js';
import type { KernelPool } from '../../core/linalg/kernelPool.js';
import type { Matrix } from '../../core/linalg/matrix.js';
import type { MatrixRows } from '../../core/linalg/rows.js';
// Single io modules rather than the barrel: `vsdl esd` is timed end to end against NumPy, start-up included.
import { asMatrix } from '../../io/convert.js';
import { writeNpy } from '../../io/npy.js';
import { jsonText } from '../../io/sidecar.js';
import { SOFTWARE } from '../../version.js';
import type { Command } from '../command.js';
import { checkOutputs, readNpyFile, sidecarPath, writeAtomic } from '../files.js';
import { openNpyRows } from '../input.js';
import { readMatchingSidecar } from '../truthFile.js';
import { Progress } from '../progress.js';
import { kernelThreads, threadsFlag, THREADS_OPTION } from '../threads.js';

const NORMALIZATIONS = ['1/N', 'none'] as const;

export const esdCommand: Command = {
  name: 'esd',
  summary: 'eigenvalues of X = WᵀW/N (or of WᵀW: the squared singular values), ascending, in float64',
  usage: 'vsdl esd W.npy [--normalization 1/N|none] [--out evals.npy] [--threads T] [--json]',
  maxPositionals: 1,
  options: {
    normalization: { type: 'string', value: 'KIND', description: "'1/N' for X = WᵀW/N, 'none' for WᵀW = s(W)² as WeightWatcher uses", default: '1/N' },
    out: { type: 'string', value: 'evals.npy', description: 'write the eigenvalues as a 1-D float64 .npy' },
    threads: THREADS_OPTION,
  },
  details: `W must be a 2-D .npy of shape N×M with N ≥ M (any numeric dtype, either byte order, C or Fortran order).
Without --out and --json the eigenvalues are printed one per line after '#' comment lines (numpy.loadtxt reads it).
With --json: { "normalization", "N", "M", "count", "lambda_min", "lambda_max", "eigenvalues": [...], "truth"? }
where "truth" is the generator's sidecar W.json when one lies beside W.npy.
Exit code 1 for a file esd cannot use (NaN or ±Infinity entries, no entries, eigenvalues beyond float64);
2 for the command line (a bad flag, a missing input or output path) and for a wide W (N < M: pass Wᵀ).`,

  async run(ctx) {
    const [input] = ctx.positionals;
    if (!input) throw new ParameterError('W.npy', 'missing', 'the path of a 2-D .npy file');
    const normalization = (ctx.options.normalization as string | undefined) ?? '1/N';
    if (!NORMALIZATIONS.includes(normalization as '1/N')) {
      throw new ParameterError('--normalization', normalization, "'1/N' or 'none'");
    }
    const json = ctx.options.json === true;
    const out = ctx.options.out as string | undefined;
    const requested = threadsFlag(ctx.options.threads);
    const truthPath = sidecarPath(input);
    if (out !== undefined) {
      // W.json is W.npy's truth: an output must not replace either.
      await checkOutputs([{ flag: '--out', path: out }], [{ flag: 'W.npy', path: input }, { flag: 'the truth file of W.npy', path: truthPath }]);
    }
    const progress = new Progress(ctx.stderr, ctx.stderrIsTTY, json);

    let threads: KernelPool | undefined;
    let values: Float64Array;
    let W: Matrix | MatrixRows;
    let fileBytes: Iterable<Uint8Array>;
    let truth: Record<string, unknown> | undefined;
    // A float64 file is read by rows, twice, straight into the kernels' memory; anything else is read whole.
    const rows = await openNpyRows(input, 'W.npy');
    try {
      if (rows) {
        W = rows;
        fileBytes = rows.pieces();
      } else {
        progress.stage(`reading ${input}`);
        // The matrix is only read: it may stay in the file's buffer.
        const { array, bytes } = await readNpyFile(input, 'W.npy', { copy: false });
        W = asMatrix(array, input, { copy: false });
        fileBytes = [bytes];
      }
      // Exit codes as the README sets them: an empty W, NaN or ±Infinity entries and eigenvalues beyond float64 are
      // the file's contents (exit 1, as for a 1-D array); a wide W stays a usage error (exit 2), as it always was:
      // the input to pass is its transpose.
      if (W.rows === 0 || W.cols === 0) {
        throw new FormatError(input, `expected a matrix with at least one row and one column, got shape (${W.rows}, ${W.cols})`);
      }
      if (W.rows < W.cols) {
        throw new ParameterError('W.npy', `shape ${W.rows}×${W.cols}`, 'N×M with N ≥ M (transpose it: X = WᵀW/N uses the smaller side M)');
      }
      // The threads boot while the first block of W is read.
      threads = kernelThreads(requested, W.cols);
      if (json) truth = await readMatchingSidecar(input, fileBytes, (text) => ctx.stderr(`vsdl esd: ${text}\n`));
      progress.stage(`eigenvalues of ${W.cols}×${W.cols} X${rows ? ` from ${input}` : ''}${threads ? ` on ${threads.size} threads` : ''}`);
      values = await esdAsync(W, normalization as '1/N' | 'none', { threads, onProgress: (f) => progress.update(f) }).catch((error: unknown) => {
        // With the shape checked above, a refusal of W is of its entries: a NaN or ±Infinity (W[i][j]), or
        // eigenvalues beyond float64 (W): the file's contents, exit 1.
        if (error instanceof ParameterError && /^W(\[\d+\]\[\d+\])?$/.test(error.parameter)) throw new FormatError(input, error.message);
        throw error;
      });
      rows?.checkUnchanged();
      progress.finish();
    } finally {
      threads?.close();
      await rows?.close();
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
