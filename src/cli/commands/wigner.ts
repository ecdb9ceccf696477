import { ParameterError } from '../../core/errors.js';
import {
  LAWS,
  MAX_WIGNER_DENSE_N,
  MAX_WIGNER_TRIDIAGONAL_N,
  resolveWignerParams,
  symmetricScale,
  WIGNER_METHODS,
  WIGNER_TAILS,
  wignerEigenvalues,
  wignerLargestEigenvalues,
  type WignerMethod,
  type WignerTail,
} from '../../core/ensembles/index.js';
import { MAX_HERMITE_TOP_K, MAX_HERMITE_TOP_N } from '../../core/linalg/index.js';
import { GENERATOR } from '../../core/random/index.js';
import { jsonText, sidecarJson, writeNpy } from '../../io/index.js';
import { SOFTWARE } from '../../version.js';
import type { Command } from '../command.js';
import { checkOutputWithSidecar, writeAtomicGroup } from '../files.js';
import { optionalNumber, parseInteger, parseSeedFlag, required, withFlagNames } from '../parse.js';
import { Progress } from '../progress.js';

/** The flags behind the core's parameter names, so that a refusal names what the user typed. */
const FLAGS: Record<string, string> = { n: '--n', beta: '--beta', tail: '--tail', mu: '--mu', method: '--method' };

/** The core's check with flag names (withFlagNames); a refused --n also says how far each method goes. */
function resolveFlags(params: Parameters<typeof resolveWignerParams>[0], maxN: number | undefined) {
  try {
    return withFlagNames(FLAGS, () => resolveWignerParams(params, maxN));
  } catch (err) {
    if (!(err instanceof ParameterError) || err.parameter !== '--n') throw err;
    const sizes = `${MAX_WIGNER_DENSE_N} for the dense method, ${MAX_WIGNER_TRIDIAGONAL_N} for all eigenvalues of the tridiagonal model, ${MAX_HERMITE_TOP_N} with --top K`;
    throw new ParameterError('--n', err.value, `${err.allowed} (${sizes})`);
  }
}

/**
 * --tail without --mu: the core's refusal would show μ as undefined; this one says that --mu is required with that
 * --tail, and what it takes (stable: 0 < μ ≤ 2).
 */
function requireMu(tail: string | boolean | undefined, mu: string | boolean | undefined): void {
  if (typeof tail !== 'string' || mu !== undefined || !(WIGNER_TAILS as readonly string[]).includes(tail)) return;
  const range = LAWS[tail as WignerTail].mu;
  const allowed = !range || range.max === Infinity ? 'μ > 0' : `0 < μ ${range.maxOpen ? '<' : '≤'} ${range.max}`;
  throw new ParameterError('--mu', 'missing', `a tail exponent ${allowed}, required with --tail ${tail}`);
}

/** Rough single-core times on the reference machine (bench/RESULTS.md), for the estimate shown before long work. */
function estimateSeconds(method: WignerMethod, n: number, top: number | undefined): number {
  if (top !== undefined) return 1e-9 * (12 * Math.cbrt(n)) ** 2 * 30;
  return method === 'dense' ? 1.1 * (n / 2000) ** 3 : 1.3 * (n / 10_000) ** 2;
}

export const wignerCommand: Command = {
  name: 'wigner',
  summary: 'eigenvalues of a Wigner matrix (semicircle on [−2, 2]): GOE, heavy-tailed entries, or the β-Hermite model',
  usage:
    'vsdl wigner --n N --seed S [--beta B] [--tail pareto|student-t|stable --mu MU] [--method dense|tridiagonal] ' +
    '[--top K] [--out evals.npy] [--json]',
  options: {
    n: { type: 'string', value: 'N', description: 'size of the symmetric matrix H' },
    seed: { type: 'string', value: 'S', description: 'integer or string seed (required: every draw is reproducible)' },
    beta: { type: 'string', value: 'B', description: 'Dyson index: 1 (real) with dense; 1, 2, 4 or any β > 0 with tridiagonal', default: '1' },
    tail: { type: 'string', value: 'LAW', description: `heavy-tailed entries (dense only): ${WIGNER_TAILS.join(', ')}` },
    mu: { type: 'string', value: 'MU', description: 'tail exponent of --tail, P(|x| > t) ~ t^(−μ); stable needs 0 < μ ≤ 2' },
    method: { type: 'string', value: 'M', description: `${WIGNER_METHODS.join(' or ')} (default: dense for β = 1 and --tail, tridiagonal otherwise)` },
    top: { type: 'string', value: 'K', description: `only the K largest eigenvalues, from the tridiagonal model's leading block (N up to ${MAX_HERMITE_TOP_N.toExponential(0)})` },
    out: { type: 'string', value: 'evals.npy', description: 'write the eigenvalues as a 1-D float64 .npy, and the parameters to the .json beside it' },
  },
  details: `H is N×N symmetric with off-diagonal variance 1/N: its ESD tends to the semicircle on [−2, 2] and
λ_max ≈ 2 + N^(−2/3)·TW_β (vsdl theory tw --wigner --n N). Dense draws are real (β = 1): Gaussian entries give
the GOE; --tail draws symmetric heavy-tailed entries, scaled to variance 1/N when their variance is finite and by
N^(−1/μ) when it is not (μ ≤ 2, Lévy matrices: vsdl theory levy). The tridiagonal Dumitriu–Edelman model samples
Gaussian spectra for any β > 0 in O(N) memory.

Refused: dense with β ≠ 1 (use tridiagonal), tridiagonal with --tail (the model is Gaussian), --top with dense,
and sizes beyond N = ${MAX_WIGNER_DENSE_N} (dense), ${MAX_WIGNER_TRIDIAGONAL_N} (tridiagonal, every eigenvalue: O(N²), minutes)
or ${MAX_HERMITE_TOP_N.toExponential(0)} (--top), before anything is allocated.

JSON: { beta, n, method, tail, mu, seed, entry_scale, count, lambda_min, lambda_max, out, generator, software }
plus "eigenvalues" (ascending) when there is no --out.

examples:
  vsdl wigner --n 2000 --seed 1 --json
  vsdl wigner --n 100000 --beta 2 --seed 1 --out gue.npy
  vsdl wigner --n 1000000 --beta 4 --top 5 --seed 1 --json
  vsdl wigner --n 2000 --tail pareto --mu 1.5 --seed 1 --out levy.npy`,

  async run(ctx) {
    const o = ctx.options;
    const json = o.json === true;
    if (ctx.positionals.length) throw new ParameterError('arguments', ctx.positionals.join(' '), 'options only (see --help)');
    const seed = parseSeedFlag('seed', o.seed);
    const top = o.top === undefined ? undefined : parseInteger('top', String(o.top), 1);
    const method = (o.method as WignerMethod | undefined) ?? (top !== undefined ? 'tridiagonal' : undefined);
    requireMu(o.tail, o.mu);
    const params = {
      n: parseInteger('n', required('n', o.n, 'an integer ≥ 1')),
      beta: optionalNumber('beta', o.beta, 1),
      tail: o.tail as WignerTail | undefined,
      mu: optionalNumber('mu', o.mu),
      method,
      seed,
    };
    if (top !== undefined && method === 'dense') throw new ParameterError('--top', top, 'the tridiagonal method (the leading block exists only for the β-Hermite model)');
    const p = resolveFlags(params, top !== undefined ? MAX_HERMITE_TOP_N : undefined);
    if (top !== undefined && top > Math.min(p.n, MAX_HERMITE_TOP_K)) throw new ParameterError('--top', top, `an integer in [1, ${Math.min(p.n, MAX_HERMITE_TOP_K)}]`);
    // The output and its sidecar are checked before the solve (which can take minutes), as generate does: a missing
    // folder, a folder, or an --out that is its own sidecar (ev.json) is refused now, not after the work.
    const out = o.out === undefined ? undefined : required('out', o.out, 'an output path ending in .npy');
    const sidecar = out === undefined ? undefined : await checkOutputWithSidecar('--out', out);

    const progress = new Progress(ctx.stderr, ctx.stderrIsTTY, json);
    const seconds = estimateSeconds(p.method, p.n, top);
    const estimate = seconds >= 2 ? ` (about ${seconds < 120 ? `${Math.round(seconds)} s` : `${Math.round(seconds / 60)} min`} on one core)` : '';
    const what = top !== undefined ? `the top ${top} of the ${p.n}×${p.n} β = ${p.beta} tridiagonal model` : `eigenvalues of the ${p.n}×${p.n} ${p.method} H`;
    progress.stage(`${what}${estimate}`);
    const values = top !== undefined ? wignerLargestEigenvalues({ ...params, k: top }) : wignerEigenvalues(params);
    progress.finish();

    const summary = {
      beta: p.beta,
      n: p.n,
      method: p.method,
      tail: p.tail,
      mu: p.mu,
      seed,
      entry_scale: p.method === 'dense' ? symmetricScale(p.tail ?? 'gaussian', p.mu, p.n) : 1 / Math.sqrt(p.beta * p.n),
      count: values.length,
      lambda_min: values[0],
      lambda_max: values[values.length - 1],
      out: out ?? null,
      generator: GENERATOR,
      software: SOFTWARE,
    };
    if (out && sidecar) {
      const npy = { path: out, content: writeNpy({ data: values, shape: [values.length] }) };
      await writeAtomicGroup(sidecar.path === null ? [npy] : [npy, { path: sidecar.path, content: sidecarJson({ ...summary, top: top ?? null }) }]);
    }
    if (json) {
      if (sidecar?.notice) ctx.stderr(`vsdl wigner: ${sidecar.notice}\n`);
      ctx.stdout(jsonText(out ? summary : { ...summary, eigenvalues: Array.from(values) }) + '\n');
    } else if (out && sidecar) {
      const where = sidecar.path === null ? `${out} (${sidecar.notice})` : `${out} and ${sidecar.path}`;
      ctx.stdout(`wrote ${values.length} eigenvalues to ${where}; λ_min = ${summary.lambda_min}, λ_max = ${summary.lambda_max}\n`);
    }
    else {
      const head = Object.entries(summary).map(([k, v]) => `# ${k}: ${v !== null && typeof v === 'object' ? JSON.stringify(v) : v}`);
      ctx.stdout([...head, ...Array.from(values, (x) => String(x))].join('\n') + '\n');
    }
    return 0;
  },
};
