import { ParameterError } from '../errors.js';
import { createStream, validateSeed, type Seed } from '../random/index.js';
import { inRange, integer, record } from '../validate.js';
import { summarizeSeries } from '../stats/autocorrelation.js';
import { tuneWidth } from './advance.js';
import { Chain } from './chain.js';
import { drive, driveSync, sweepsPerBlock, type DriveOptions, type Program } from './drive.js';
import { checkAlpha, checkN, checkNoise, checkStart, checkSweeps, checkTau, checkTeacherSpec, checkWeights, examplesFor, numberKey } from './params.js';
import { createProblem, signedColumns } from './problem.js';
import { initialStudent } from './startState.js';
import type { TeacherSpec, Weights } from './types.js';

/**
 * Parallel tempering (replica exchange) on one disorder sample: one chain per temperature of an increasing
 * ladder τ_1 < … < τ_K (all > 0). Every `exchangeEvery` sweeps, neighbouring rungs (k, k+1) try to swap their
 * states, even k and odd k on alternate attempts, accepted with min(1, e^((β_k − β_{k+1})(E_k − E_{k+1}))):
 * this keeps the product of the K Gibbs measures invariant while states diffuse along the ladder and cross the
 * barriers of the first-order Ising transition at the hot end. Rotation widths belong to the rungs.
 *
 * `perfect` is the fraction of measurement sweeps a rung spends in the state near the teacher, R ≥
 * `perfectThreshold` (default 0.9, between the poor branch, R ≲ 0.8 near α_c(0.5), and the perfect one,
 * R ≳ 0.95); where it crosses ½ at τ = 0.5 locates the Ising transition at this N.
 *
 * Streams: createStream(seed, 'vsdl', 'tempering', weights, `teacher=…`, `n=…`, `alpha=…`, `noise=…`,
 * `start=…`, `sample=k`), forked into `rung=k` (the chain that starts at rung k) and 'exchange'.
 */

export interface TemperingOptions extends DriveOptions {
  weights: Weights;
  n: number;
  alpha: number;
  /** Strictly increasing temperatures, all > 0, at least two. */
  taus: readonly number[];
  noise?: number;
  seed: Seed;
  sample?: number;
  teacher?: TeacherSpec;
  start?: 'teacher' | 'random';
  /** Sweeps between exchange attempts (default 1). */
  exchangeEvery?: number;
  equilibrationSweeps: number;
  measurementSweeps: number;
  perfectThreshold?: number;
}

export interface TemperingRung {
  tau: number;
  energy: number;
  energy_se: number;
  eps_t: number;
  R: number;
  R_se: number;
  /** Fraction of measurement sweeps with R ≥ perfectThreshold, and its thermal standard error. */
  perfect: number;
  perfect_se: number;
  /** τ_int of R at this rung, in sweeps. */
  tau_int_R: number;
  acceptance: number;
}

export interface TemperingResult {
  weights: Weights;
  n: number;
  p: number;
  alpha: number;
  sample: number;
  exchangeEvery: number;
  equilibrationSweeps: number;
  measurementSweeps: number;
  perfectThreshold: number;
  rungs: TemperingRung[];
  /** Acceptance rate of swaps between rungs k and k+1 during measurement (length K − 1). */
  exchangeAcceptance: number[];
}

export function runTempering(options: TemperingOptions): Promise<TemperingResult> {
  record('options', options);
  return drive(temperingProgram(options), options);
}

export function runTemperingSync(options: TemperingOptions): TemperingResult {
  record('options', options);
  return driveSync(temperingProgram(options), options);
}

function checkLadder(taus: unknown): number[] {
  if (!Array.isArray(taus) || taus.length < 2) throw new ParameterError('taus', taus, 'an array of at least two temperatures');
  const ladder = taus.map((t, i) => checkTau(t, `taus[${i}]`));
  ladder.forEach((t, i) => {
    if (t <= 0) throw new ParameterError(`taus[${i}]`, t, 'a temperature > 0');
    if (i > 0 && t <= ladder[i - 1]!) throw new ParameterError('taus', taus, 'strictly increasing temperatures');
  });
  return ladder;
}

function* temperingProgram(options: TemperingOptions): Program<TemperingResult> {
  const weights = checkWeights(options.weights);
  const n = checkN(options.n, weights);
  const alpha = checkAlpha(options.alpha);
  const taus = checkLadder(options.taus);
  const noise = checkNoise(options.noise ?? 0);
  const seed = validateSeed(options.seed);
  const sample = integer('sample', options.sample ?? 0, 0, Number.MAX_SAFE_INTEGER);
  const teacher = checkTeacherSpec(options.teacher ?? weights, n);
  const start = checkStart(options.start ?? 'random', false) as 'teacher' | 'random';
  const exchangeEvery = integer('exchangeEvery', options.exchangeEvery ?? 1, 1, 1e6);
  const equilibrationSweeps = checkSweeps('equilibrationSweeps', options.equilibrationSweeps);
  const measurementSweeps = checkSweeps('measurementSweeps', options.measurementSweeps, 1);
  const perfectThreshold = inRange('perfectThreshold', options.perfectThreshold ?? 0.9, -1, 1);

  const problem = createProblem({ n, alpha, noise, teacher, seed, sample });
  const columns = signedColumns(problem);
  const kind = teacher instanceof Float64Array ? 'given' : teacher;
  const root = createStream(seed, 'vsdl', 'tempering', weights, `teacher=${kind}`, `n=${n}`, `alpha=${numberKey(alpha)}`,
    `noise=${numberKey(noise)}`, `start=${start}`, `sample=${sample}`);
  const exchangeStream = root.fork('exchange');
  const K = taus.length;
  // ladder[k] is the chain currently at rung k; widths[k] the rung's rotation width.
  const ladder = taus.map((tau, k) => {
    const stream = root.fork(`rung=${k}`);
    const initial = initialStudent(weights, start, problem.teacher, stream.fork('initial'));
    return new Chain({ weights, n, columns, stride: problem.p, p: problem.p, tau, stream, initial });
  });
  const widths = ladder.map((chain) => chain.width);
  const swapsTried = new Float64Array(K - 1);
  const swapsAccepted = new Float64Array(K - 1);
  let attempt = 0;

  const exchange = (count: boolean) => {
    for (let k = attempt % 2; k + 1 < K; k += 2) {
      const a = ladder[k]!;
      const b = ladder[k + 1]!;
      const logRatio = (1 / taus[k]! - 1 / taus[k + 1]!) * (a.energy - b.energy);
      const accept = logRatio >= 0 || exchangeStream.nextFloat() < Math.exp(logRatio);
      if (count) swapsTried[k]!++;
      if (!accept) continue;
      if (count) swapsAccepted[k]!++;
      ladder[k] = b;
      ladder[k + 1] = a;
      b.tau = taus[k]!;
      a.tau = taus[k + 1]!;
      b.width = widths[k]!;
      a.width = widths[k + 1]!;
    }
    attempt++;
  };

  const total = equilibrationSweeps + measurementSweeps;
  const block = sweepsPerBlock(K * n, problem.p);
  const energy = taus.map(() => new Float64Array(measurementSweeps));
  const overlap = taus.map(() => new Float64Array(measurementSweeps));
  const accepted = new Float64Array(K);
  for (let t = 0; t < total; t++) {
    const measuring = t >= equilibrationSweeps;
    for (let k = 0; k < K; k++) {
      const chain = ladder[k]!;
      const before = chain.accepted;
      chain.sweep();
      if (measuring) accepted[k]! += chain.accepted - before;
      else if (weights === 'spherical') {
        tuneWidth(chain, (chain.accepted - before) / n);
        widths[k] = chain.width;
      }
    }
    if ((t + 1) % exchangeEvery === 0) exchange(measuring);
    if (measuring) {
      const m = t - equilibrationSweeps;
      for (let k = 0; k < K; k++) {
        energy[k]![m] = ladder[k]!.energy;
        overlap[k]![m] = ladder[k]!.overlap(problem.teacher);
      }
    }
    if ((t + 1) % block === 0) yield (t + 1) / total;
  }

  const rungs = taus.map((tau, k): TemperingRung => {
    const e = summarizeSeries(energy[k]!);
    const r = summarizeSeries(overlap[k]!);
    const indicator = overlap[k]!.map((R) => (R >= perfectThreshold ? 1 : 0));
    const perfect = summarizeSeries(indicator);
    return {
      tau,
      energy: e.mean,
      energy_se: e.se,
      eps_t: e.mean / problem.p,
      R: r.mean,
      R_se: r.se,
      perfect: perfect.mean,
      perfect_se: perfect.se,
      tau_int_R: r.tau,
      acceptance: accepted[k]! / (n * measurementSweeps),
    };
  });
  return {
    weights,
    n,
    p: examplesFor(n, alpha),
    alpha,
    sample,
    exchangeEvery,
    equilibrationSweeps,
    measurementSweeps,
    perfectThreshold,
    rungs,
    exchangeAcceptance: Array.from(swapsTried, (tried, k) => (tried > 0 ? swapsAccepted[k]! / tried : NaN)),
  };
}
