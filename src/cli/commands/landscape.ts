import {
  COUPLING_LAWS,
  DEFAULT_ENUMERATION_N,
  DEFAULT_QUENCHES,
  DESCENT_RULES,
  LANDSCAPE_METHODS,
  TEMPERING_DEFAULTS,
  checkLandscapeSize,
  describeLandscapeEstimate,
  estimateLandscape,
  landscapeRecord,
  landscapeSummary,
  resolveLandscape,
  runLandscape,
  type LandscapeOptions,
  type LandscapeRecord,
  type LandscapeResult,
  type LandscapeSummary,
} from '../../core/landscape/index.js';
import { MonteCarloAbortError } from '../../core/vsdl/index.js';
import { jsonText, sidecarJson, writeNpy } from '../../io/index.js';
import type { Command, CommandContext } from '../command.js';
import { checkOutputWithSidecar, writeAtomicGroup, type Sidecar } from '../files.js';
import { createEnumerationPool, defaultEnumerationWorkers, enumerationWorkerAvailable, type EnumerationPool } from '../landscape/pool.js';
import { optionalNumber, parseChoice, parseInteger, parseSeedFlag, required, withFlagNames } from '../parse.js';
import { Progress } from '../progress.js';
import { matrixFileRecord } from '../truthFile.js';

/** Core parameter names → flags, so that every message names what the user typed. */
const FLAGS: Record<string, string> = {
  couplings: '--couplings',
  mu: '--mu',
  planted: '--planted',
  n: '--n',
  instances: '--instances',
  method: '--method',
  quenches: '--quenches',
  rule: '--rule',
  seed: '--seed',
  'tempering.sweeps': '--sweeps',
  'tempering.replicas': '--replicas',
  run: '--n, --instances, --quenches or --sweeps',
};

/** Below this N one thread enumerates faster than starting workers (2^23 configurations take a few ms). */
const POOL_MIN_N = 24;

export const landscapeCommand: Command = {
  name: 'landscape',
  summary: 'energy landscape of a spin glass: exact or best-found ground state, local minima from quenches',
  usage:
    'vsdl landscape --couplings gaussian|pareto|student-t|stable [--mu MU] [--planted L] --n N [--instances K] ' +
    '[--method enumerate|quench|tempering] [--quenches Q] --seed S [--save-couplings J.npy] [--json]',
  options: {
    couplings: { type: 'string', value: 'LAW', description: `law of the couplings: ${COUPLING_LAWS.join(', ')}` },
    mu: { type: 'string', value: 'MU', description: 'tail exponent μ of pareto and student-t (μ ≥ 0.5) and stable (0.5 ≤ μ ≤ 2)' },
    planted: { type: 'string', value: 'L', description: 'strength 0 ≤ λ ≤ 1e300 of a planted pattern: J + (λ/N)ξξᵀ', default: '0' },
    n: { type: 'string', value: 'N', description: 'number of spins, N ≥ 2 (enumeration: N ≤ 48)' },
    instances: { type: 'string', value: 'K', description: 'independent coupling matrices', default: '1' },
    method: { type: 'string', value: 'M', description: `ground state: ${LANDSCAPE_METHODS.join(', ')}`, default: `enumerate up to N = ${DEFAULT_ENUMERATION_N}, else tempering` },
    quenches: { type: 'string', value: 'Q', description: 'zero-temperature descents from random starts per instance', default: String(DEFAULT_QUENCHES) },
    rule: { type: 'string', value: 'R', description: 'descent rule: greedy (steepest) or random (a random unstable spin)', default: 'greedy' },
    sweeps: { type: 'string', value: 'S', description: 'tempering: sweeps of each replica, per run', default: String(TEMPERING_DEFAULTS.sweeps) },
    replicas: { type: 'string', value: 'R', description: 'tempering: temperatures of the ladder', default: String(TEMPERING_DEFAULTS.replicas) },
    seed: { type: 'string', value: 'S', description: 'integer or string seed (required: every instance is reproducible)' },
    'save-couplings': { type: 'string', value: 'J.npy', description: 'write J as float64 .npy (N×N, or K×N×N), with its parameters and the size and SHA-256 of J.npy in J.json' },
    workers: { type: 'string', value: 'K', description: 'threads for enumeration (results do not depend on it)', default: 'the cores' },
    yes: { type: 'boolean', description: 'run even when the estimate exceeds the limits (enumeration N > 36, N > 5000, 1 h, 4 GiB)' },
  },
  details: `Model: E(s) = −½ sᵀJs over s ∈ {±1}^N, J symmetric with zero diagonal; energies are per spin, e = E/N.
gaussian: J_ij ~ N(0, 1/N) (Sherrington–Kirkpatrick, ground state → −0.7633 as N → ∞). pareto, student-t,
stable: iid heavy-tailed couplings with tail exponent μ, scaled by N^(−1/μ) when their variance is infinite
(μ ≤ 2, Cizeau–Bouchaud) and to variance 1/N otherwise. --planted L adds (L/N)ξξᵀ for a random ξ ∈ {±1}^N.

Ground state: enumerate is exact (all 2^(N−1) configurations, in parallel); tempering is the best of two
parallel-tempering runs (tempering_runs_agree says whether they ended in the same configuration); quench is the
lowest of the quenches. Quenches: from Q uniform random starts, flip spins that lower the energy until none does
(greedy: the largest decrease first; random: a uniformly chosen unstable spin).

Output (stdout with --json): { couplings, mu, planted, n, method, seed, quenches, rule, tempering, versions,
instances: [ { ground_state_energy, ground_state_exact, minima_energies, minima_overlaps,
fraction_at_ground_state, ground_state_found_by, tempering_runs_agree, distinct_minima, largest_basins,
ground_state_planted_overlap, minima_planted_overlaps } ], summary }. minima_overlaps are |s·s_GS|/N per
quench; summary holds means over instances with their standard errors.

examples:
  vsdl landscape --couplings gaussian --n 24 --instances 10 --seed 1
  vsdl landscape --couplings pareto --mu 1.5 --n 24 --quenches 2000 --seed 1 --json
  vsdl landscape --couplings gaussian --n 200 --method tempering --planted 1.5 --seed 1 --save-couplings J.npy`,

  async run(ctx) {
    const o = ctx.options;
    const json = o.json === true;
    const options = landscapeOptions(ctx);
    const params = withFlagNames(FLAGS, () => resolveLandscape(options));
    const save = o['save-couplings'] === undefined ? undefined : required('save-couplings', o['save-couplings'], 'an output path ending in .npy');
    const sidecar = save ? await checkOutputWithSidecar('--save-couplings', save) : undefined;
    const usePool = params.method === 'enumerate' && params.n >= POOL_MIN_N && enumerationWorkerAvailable();
    const workers = o.workers === undefined ? defaultEnumerationWorkers() : parseInteger('workers', String(o.workers), 1);
    const estimate = estimateLandscape(params, { workers: usePool ? workers : 1, keepCouplings: save !== undefined });
    withFlagNames(FLAGS, () => checkLandscapeSize(estimate, params, { confirm: o.yes === true, howToConfirm: 'pass --yes to run anyway' }));
    if (!json) ctx.stderr(`landscape: ${describeLandscapeEstimate(estimate)}\n`);

    const pool: EnumerationPool | null = usePool ? createEnumerationPool(workers) : null;
    const controller = new AbortController();
    const onSigint = () => controller.abort(new Error('interrupted (SIGINT)'));
    process.on('SIGINT', onSigint);
    const progress = new Progress(ctx.stderr, ctx.stderrIsTTY, json);
    let result: LandscapeResult;
    try {
      progress.stage(`landscape ${params.couplings}${params.mu === null ? '' : ` μ = ${params.mu}`}, N = ${params.n}, ${params.instances} instance${params.instances === 1 ? '' : 's'}`);
      result = await runLandscape(options, {
        signal: controller.signal,
        onProgress: (p) => progress.update(p.fraction),
        enumerate: pool?.enumerate,
        workers: pool?.size ?? 1,
        keepCouplings: save !== undefined,
      });
    } catch (error) {
      if (ctx.stderrIsTTY) ctx.stderr('\n');
      if (!(error instanceof MonteCarloAbortError)) throw error;
      ctx.stderr(`vsdl landscape: interrupted; nothing was written\n`);
      return 130;
    } finally {
      process.off('SIGINT', onSigint);
      await pool?.close();
    }
    progress.finish();
    const record = landscapeRecord(result);
    const summary = landscapeSummary(record.instances);
    if (save && sidecar) await saveCouplings(save, sidecar, result, record);
    if (json) {
      if (sidecar?.notice) ctx.stderr(`vsdl landscape: ${sidecar.notice}\n`);
      ctx.stdout(jsonText({ ...record, summary }) + '\n');
    } else ctx.stdout(table(record, summary, save, sidecar));
    return 0;
  },
};

function landscapeOptions(ctx: CommandContext): LandscapeOptions {
  const o = ctx.options;
  const integer = (flag: string, min: number) => (o[flag] === undefined ? undefined : parseInteger(flag, String(o[flag]), min));
  return {
    couplings: parseChoice('couplings', required('couplings', o.couplings, COUPLING_LAWS.join(' or ')), COUPLING_LAWS)!,
    mu: optionalNumber('mu', o.mu),
    planted: optionalNumber('planted', o.planted),
    n: parseInteger('n', required('n', o.n, 'an integer ≥ 2'), 2),
    instances: integer('instances', 1),
    method: parseChoice('method', o.method, LANDSCAPE_METHODS),
    quenches: integer('quenches', 1),
    rule: parseChoice('rule', o.rule, DESCENT_RULES),
    seed: parseSeedFlag('seed', o.seed),
    tempering: { sweeps: integer('sweeps', 1), replicas: integer('replicas', 2) },
  };
}

/** J of every instance as one float64 array (N×N, or K×N×N), and its parameters beside it (unless sidecarFor says not). */
async function saveCouplings(path: string, sidecarFile: Sidecar, result: LandscapeResult, record: LandscapeRecord): Promise<void> {
  const { n, instances } = result.params;
  const data = new Float64Array(instances * n * n);
  result.instances.forEach((r, k) => data.set(r.couplings!, k * n * n));
  const shape = instances === 1 ? [n, n] : [instances, n, n];
  const { versions, couplings, mu, planted, seed } = record;
  const npy = { path, content: writeNpy({ data, shape }) };
  // The size and SHA-256 of the .npy, as generate's truth file records them: readers (vsdl esd) use the sidecar
  // only beside these very bytes.
  const sidecar = {
    couplings, mu, planted, n, instances, seed, shape, versions,
    planted_patterns: result.instances.map((r) => (r.planted ? Array.from(r.planted) : null)),
    matrix_file: matrixFileRecord(path, npy.content),
  };
  await writeAtomicGroup(sidecarFile.path === null ? [npy] : [npy, { path: sidecarFile.path, content: sidecarJson(sidecar) }], '--save-couplings');
}

function table(record: LandscapeRecord, s: LandscapeSummary, save: string | undefined, sidecar: Sidecar | undefined): string {
  const lines = ['instance\te_GS\texact\tmean_e_min\tgap\tfraction_at_GS\tdistinct_minima'];
  record.instances.forEach((r, k) => {
    const mean = r.minima_energies.reduce((a, b) => a + b, 0) / r.minima_energies.length;
    lines.push([k, fmt(r.ground_state_energy), r.ground_state_exact ? 'yes' : `no (${r.ground_state_found_by})`, fmt(mean), fmt(mean - r.ground_state_energy), fmt(r.fraction_at_ground_state), r.distinct_minima].join('\t'));
  });
  const pm = (x: { mean: number; se: number }) => (Number.isNaN(x.se) ? fmt(x.mean) : `${fmt(x.mean)} ± ${fmt(x.se)}`);
  lines.push(
    `over ${s.instances} instance${s.instances === 1 ? '' : 's'} (± SE): e_GS ${pm(s.ground_state_energy)}, gap ⟨e_min − e_GS⟩ ${pm(s.gap)}, ` +
      `spread of e_min ${pm(s.width)}, fraction at GS ${pm(s.fraction_at_ground_state)}`,
  );
  if (save && sidecar) lines.push(`couplings written to ${save} ${sidecar.path === null ? `(${sidecar.notice})` : `and ${sidecar.path}`}`);
  return lines.join('\n') + '\n';
}

function fmt(x: number): string {
  return x.toPrecision(5);
}
