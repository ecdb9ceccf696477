import { createStream, GENERATOR, validateSeed, type Seed } from '../random/index.js';
import { integer, record } from '../validate.js';
import { summarizeSeries } from '../stats/autocorrelation.js';
import { disorderAverage } from './disorderAverage.js';
import { Chain } from './chain.js';
import { drive, driveSync, sweepsPerBlock, type DriveOptions, type Program } from './drive.js';
import { equilibrate } from './equilibrate.js';
import { measure, type MeasurementSeries } from './measure.js';
import { checkAlpha, checkN, checkNoise, checkStart, checkTau, checkTeacherSpec, checkWeights, examplesFor, numberKey } from './params.js';
import { createProblem, signedColumns } from './problem.js';
import { checkSchedule, type CheckedSchedule } from './scheduleOptions.js';
import { initialStudent } from './startState.js';
import type { AutocorrelationTimes, CellParams, SampleSchedule, ScheduleOverride, Start, TeacherSpec, Weights } from './types.js';

/**
 * One cell (α, τ) of the VSDL phase diagram: `samples` independent data sets; on each, two replicas of the
 * student run on the same data (so q = J¹·J²/N is their overlap), are equilibrated, then measured once per
 * sweep. Thermal averages are over the measurement sweeps and both replicas; disorder averages and standard
 * errors are over the samples (with one sample, the standard errors are the thermal ones, from τ_int).
 *
 * Start 'mixed' (default) puts replica 1 at the teacher and replica 2 at a random state, so the automatic
 * equilibration stops only when both branches agree; in the Ising coexistence region they do not, and the
 * sample is reported with equilibrated = false: use 'teacher' or 'random' there for branch-resolved values.
 * At τ = 0 only moves with ΔE ≤ 0 are accepted: from the teacher (noise 0, E = 0) this samples the version space
 * uniformly (Gibbs learning); from a random state it is a zero-temperature quench, not an equilibrium.
 *
 * Streams: data from createProblem (independent of α, τ and the student); chains from
 * createStream(seed, 'vsdl', 'chain', weights, `teacher=…`, `n=…`, `alpha=…`, `tau=…`, `noise=…`, `start=…`,
 * `sample=k`) forked per replica, with floats written by numberKey. A cell's result therefore depends on its
 * own parameters only, never on the grid it belongs to or the order of evaluation.
 */


export interface SampleResult {
  sample: number;
  R: number;
  q: number;
  eps_g: number;
  eps_t: number;
  energy: number;
  /** Thermal standard errors of this sample's means (from τ_int). */
  R_se: number;
  eps_t_se: number;
  acceptance: number;
  tau_int: AutocorrelationTimes;
  schedule: SampleSchedule;
  /** Rotation width used during measurement (spherical; NaN for Ising). */
  width: number;
}

export interface CellResult {
  weights: Weights;
  n: number;
  p: number;
  alpha: number;
  tau: number;
  noise: number;
  start: Start;
  seed: Seed;
  generator: typeof GENERATOR;
  R: number;
  q: number;
  eps_g: number;
  eps_t: number;
  energy: number;
  R_se: number;
  /** Over samples; null with one sample (q has no thermal standard error). */
  q_se: number | null;
  eps_g_se: number;
  eps_t_se: number;
  energy_se: number;
  /** 'disorder': SE over samples; 'thermal': one sample, SE from its autocorrelation. */
  errorKind: 'disorder' | 'thermal';
  /** Measurement acceptance rate, averaged over samples. */
  acceptance: number;
  /** Mean over samples of the replicas' mean τ_int, in sweeps. */
  tau_int: AutocorrelationTimes;
  schedule: {
    mode: { equilibration: 'auto' | 'fixed'; measurement: 'auto' | 'fixed' };
    /** Largest over the samples. */
    equilibrationSweeps: number;
    measurementSweeps: number;
    /** Samples whose automatic equilibration hit its cap. */
    unequilibrated: number;
  };
  samples: SampleResult[];
}

interface CheckedCell {
  weights: Weights;
  n: number;
  alpha: number;
  tau: number;
  noise: number;
  samples: number;
  seed: Seed;
  teacher: TeacherSpec;
  schedule: CheckedSchedule;
  start: Start;
}

function checkCell(options: CellParams & DriveOptions): CheckedCell {
  record('options', options);
  const weights = checkWeights(options.weights);
  const n = checkN(options.n, weights);
  return {
    weights,
    n,
    alpha: checkAlpha(options.alpha),
    tau: checkTau(options.tau),
    noise: checkNoise(options.noise ?? 0),
    samples: integer('samples', options.samples, 1, 1e6),
    seed: validateSeed(options.seed),
    teacher: checkTeacherSpec(options.teacher ?? weights, n),
    schedule: checkSchedule(options.schedule),
    start: checkStart(options.start ?? 'mixed', true),
  };
}

/** Runs a cell; cancellable through `signal` (checked between blocks of sweeps), rejects with an AbortError. */
export function runCell(options: CellParams & DriveOptions): Promise<CellResult> {
  return drive(cellProgram(checkCell(options)), options);
}

/** Runs a cell synchronously (tests, scripts); `signal` is only seen if a callback aborts it. */
export function runCellSync(options: CellParams & DriveOptions): CellResult {
  return driveSync(cellProgram(checkCell(options)), options);
}

function* cellProgram(cell: CheckedCell): Program<CellResult> {
  const results: SampleResult[] = [];
  for (let k = 0; k < cell.samples; k++) {
    results.push(yield* sampleProgram(cell, k, (fraction) => (k + fraction) / cell.samples));
  }
  return combine(cell, results);
}

function* sampleProgram(cell: CheckedCell, sample: number, progress: (fraction: number) => number): Program<SampleResult> {
  const { weights, n, alpha, tau, noise, seed, teacher, schedule, start } = cell;
  const problem = createProblem({ n, alpha, noise, teacher, seed, sample });
  const columns = signedColumns(problem);
  const kind = teacher instanceof Float64Array ? 'given' : teacher;
  const root = createStream(seed, 'vsdl', 'chain', weights, `teacher=${kind}`, `n=${n}`, `alpha=${numberKey(alpha)}`,
    `tau=${numberKey(tau)}`, `noise=${numberKey(noise)}`, `start=${start}`, `sample=${sample}`);
  const starts: ('teacher' | 'random')[] = start === 'mixed' ? ['teacher', 'random'] : [start, start];
  const chains = starts.map((s, r) => {
    const stream = root.fork(`replica=${r}`);
    const initial = initialStudent(weights, s, problem.teacher, stream.fork('initial'));
    return new Chain({ weights, n, columns, stride: problem.p, p: problem.p, tau, stream, initial });
  });
  const block = sweepsPerBlock(2 * n, problem.p);
  // Progress within the sample: sweeps done over the expected total (the caps when automatic).
  const expected = (schedule.equilibrationSweeps ?? 1000) + (schedule.measurementSweeps ?? 1000);
  const fraction = (done: number) => progress(Math.min(0.99, done / expected));

  const eq = yield* equilibrate(chains, problem.teacher, {
    fixedSweeps: schedule.equilibrationSweeps,
    maxSweeps: schedule.maxEquilibrationSweeps,
    block,
    progress: fraction,
  });
  const series = yield* measure(chains, problem.teacher, {
    fixedSweeps: schedule.measurementSweeps,
    maxSweeps: schedule.maxMeasurementSweeps,
    tauEstimate: eq.tauEstimate,
    block,
    progress: fraction,
    done: eq.sweeps,
  });
  return summarizeSample(sample, problem.p, series, chains, {
    equilibrationSweeps: eq.sweeps,
    measurementSweeps: series.sweeps,
    equilibrated: eq.equilibrated ?? true,
  });
}

function summarizeSample(sample: number, p: number, series: MeasurementSeries, chains: Chain[], schedule: SampleSchedule): SampleResult {
  const energy = series.energy.map(summarizeSeries);
  const overlap = series.R.map(summarizeSeries);
  const replicas = chains.length;
  const average = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  // Replicas are independent chains: the SE of their average is the root-sum-square over replicas / replicas.
  const pooledSe = (values: number[]) => Math.sqrt(values.reduce((a, b) => a + b * b, 0)) / values.length;
  let epsG = 0;
  for (const R of series.R) for (let t = 0; t < series.sweeps; t++) epsG += Math.acos(Math.max(-1, Math.min(1, R[t]!))) / Math.PI;
  epsG /= replicas * series.sweeps;
  let q = NaN;
  if (series.q) {
    q = 0;
    for (let t = 0; t < series.sweeps; t++) q += series.q[t]!;
    q /= series.sweeps;
  }
  const meanEnergy = average(energy.map((s) => s.mean));
  return {
    sample,
    R: average(overlap.map((s) => s.mean)),
    q,
    eps_g: epsG,
    eps_t: meanEnergy / p,
    energy: meanEnergy,
    R_se: pooledSe(overlap.map((s) => s.se)),
    eps_t_se: pooledSe(energy.map((s) => s.se)) / p,
    acceptance: series.proposed > 0 ? series.accepted / series.proposed : NaN,
    tau_int: { energy: average(energy.map((s) => s.tau)), R: average(overlap.map((s) => s.tau)) },
    schedule,
    width: chains[0]!.weights === 'spherical' ? chains[0]!.width : NaN,
  };
}

function combine(cell: CheckedCell, samples: SampleResult[]): CellResult {
  return {
    weights: cell.weights,
    n: cell.n,
    p: samplesP(cell),
    alpha: cell.alpha,
    tau: cell.tau,
    noise: cell.noise,
    start: cell.start,
    seed: cell.seed,
    generator: GENERATOR,
    ...disorderAverage(samples, samplesP(cell)),
    schedule: {
      mode: {
        equilibration: cell.schedule.equilibrationSweeps === undefined ? 'auto' : 'fixed',
        measurement: cell.schedule.measurementSweeps === undefined ? 'auto' : 'fixed',
      },
      equilibrationSweeps: Math.max(...samples.map((s) => s.schedule.equilibrationSweeps)),
      measurementSweeps: Math.max(...samples.map((s) => s.schedule.measurementSweeps)),
      unequilibrated: samples.filter((s) => !s.schedule.equilibrated).length,
    },
    samples,
  };
}

function samplesP(cell: CheckedCell): number {
  return examplesFor(cell.n, cell.alpha);
}
