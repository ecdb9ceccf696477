import { ParameterError } from '../errors.js';
import { createStream, validateSeed, type Seed } from '../random/index.js';
import { integer, record } from '../validate.js';
import { summarizeSeries } from '../stats/autocorrelation.js';
import { Chain } from './chain.js';
import { drive, driveSync, sweepsPerBlock, type DriveOptions, type Program } from './drive.js';
import { equilibrate } from './equilibrate.js';
import { measure } from './measure.js';
import { checkAlpha, checkN, checkNoise, checkStart, checkSweeps, checkTau, checkTeacherSpec, checkWeights, examplesFor, numberKey } from './params.js';
import { createProblem, signedColumns } from './problem.js';
import { initialStudent } from './startState.js';
import type { TeacherSpec, Weights } from './types.js';

/**
 * α-scan with warm starts, for hysteresis: two replicas start at the teacher or at random and visit the loads in
 * `alphas` in the given order (e.g. up then down), each point continuing the chains of the previous one. The
 * data set is generated once for the largest α and each point uses its first P(α) = round(αN) examples (fields
 * recomputed when P changes), so growing α adds examples and shrinking α removes the newest ones. Each point
 * runs a fixed number of equilibration sweeps (rotation width tuned) and of measurement sweeps.
 *
 * Streams: createStream(seed, 'vsdl', 'scan', weights, `teacher=…`, `n=…`, `tau=…`, `noise=…`, `start=…`,
 * `sample=k`), forked per replica; a point's result depends on the path of loads before it, as it should.
 */

export interface ScanOptions extends DriveOptions {
  weights: Weights;
  n: number;
  /** Loads in the order visited. */
  alphas: readonly number[];
  tau: number;
  noise?: number;
  seed: Seed;
  sample?: number;
  teacher?: TeacherSpec;
  start: 'teacher' | 'random';
  /** Sweeps per point (defaults 200 and 200). */
  equilibrationSweeps?: number;
  measurementSweeps?: number;
}

export interface ScanPoint {
  alpha: number;
  p: number;
  R: number;
  q: number;
  eps_g: number;
  eps_t: number;
  energy: number;
  /** Thermal standard errors (from τ_int, both replicas pooled). */
  R_se: number;
  eps_t_se: number;
  acceptance: number;
}

export interface ScanResult {
  weights: Weights;
  n: number;
  tau: number;
  noise: number;
  start: 'teacher' | 'random';
  equilibrationSweeps: number;
  measurementSweeps: number;
  points: ScanPoint[];
}

export function scanAlpha(options: ScanOptions): Promise<ScanResult> {
  record('options', options);
  return drive(scanProgram(options), options);
}

export function scanAlphaSync(options: ScanOptions): ScanResult {
  record('options', options);
  return driveSync(scanProgram(options), options);
}

function* scanProgram(options: ScanOptions): Program<ScanResult> {
  const weights = checkWeights(options.weights);
  const n = checkN(options.n, weights);
  if (!Array.isArray(options.alphas) || options.alphas.length === 0) {
    throw new ParameterError('alphas', options.alphas, 'a non-empty array of loads α > 0');
  }
  const alphas = options.alphas.map((a, i) => checkAlpha(a, `alphas[${i}]`));
  const tau = checkTau(options.tau);
  const noise = checkNoise(options.noise ?? 0);
  const seed = validateSeed(options.seed);
  const sample = integer('sample', options.sample ?? 0, 0, Number.MAX_SAFE_INTEGER);
  const teacher = checkTeacherSpec(options.teacher ?? weights, n);
  const start = checkStart(options.start, false) as 'teacher' | 'random';
  const equilibrationSweeps = checkSweeps('equilibrationSweeps', options.equilibrationSweeps ?? 200);
  const measurementSweeps = checkSweeps('measurementSweeps', options.measurementSweeps ?? 200, 1);

  const problem = createProblem({ n, alpha: Math.max(...alphas), noise, teacher, seed, sample });
  const columns = signedColumns(problem);
  const kind = teacher instanceof Float64Array ? 'given' : teacher;
  const root = createStream(seed, 'vsdl', 'scan', weights, `teacher=${kind}`, `n=${n}`, `tau=${numberKey(tau)}`,
    `noise=${numberKey(noise)}`, `start=${start}`, `sample=${sample}`);
  const chains = [0, 1].map((r) => {
    const stream = root.fork(`replica=${r}`);
    const initial = initialStudent(weights, start, problem.teacher, stream.fork('initial'));
    const p = examplesFor(n, alphas[0]!);
    return new Chain({ weights, n, columns, stride: problem.p, p, tau, stream, initial });
  });
  const perPoint = equilibrationSweeps + measurementSweeps;
  const total = perPoint * alphas.length;
  const points: ScanPoint[] = [];
  for (const [index, alpha] of alphas.entries()) {
    const p = examplesFor(n, alpha);
    for (const chain of chains) chain.setExamples(p);
    const progress = (done: number) => (index * perPoint + done) / total;
    const block = sweepsPerBlock(2 * n, p);
    yield* equilibrate(chains, problem.teacher, { fixedSweeps: equilibrationSweeps, maxSweeps: equilibrationSweeps, block, progress });
    const series = yield* measure(chains, problem.teacher, {
      fixedSweeps: measurementSweeps,
      maxSweeps: measurementSweeps,
      tauEstimate: NaN,
      block,
      progress,
      done: equilibrationSweeps,
    });
    const energy = series.energy.map(summarizeSeries);
    const overlap = series.R.map(summarizeSeries);
    let epsG = 0;
    for (const R of series.R) for (let t = 0; t < series.sweeps; t++) epsG += Math.acos(Math.max(-1, Math.min(1, R[t]!))) / Math.PI;
    let q = 0;
    for (let t = 0; t < series.sweeps; t++) q += series.q![t]!;
    const meanEnergy = (energy[0]!.mean + energy[1]!.mean) / 2;
    points.push({
      alpha,
      p,
      R: (overlap[0]!.mean + overlap[1]!.mean) / 2,
      q: q / series.sweeps,
      eps_g: epsG / (2 * series.sweeps),
      eps_t: meanEnergy / p,
      energy: meanEnergy,
      R_se: Math.hypot(overlap[0]!.se, overlap[1]!.se) / 2,
      eps_t_se: Math.hypot(energy[0]!.se, energy[1]!.se) / 2 / p,
      acceptance: series.accepted / series.proposed,
    });
  }
  return { weights, n, tau, noise, start, equilibrationSweeps, measurementSweeps, points };
}
