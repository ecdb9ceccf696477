import { createStream, validateSeed, type Seed } from '../random/index.js';
import { inRange, integer, record } from '../validate.js';
import { summarizeSeries } from '../stats/autocorrelation.js';
import { Chain } from './chain.js';
import { drive, driveSync, sweepsPerBlock, type DriveOptions, type Program } from './drive.js';
import { checkAlpha, checkN, checkNoise, checkSweeps, checkTau, checkTeacherSpec, numberKey } from './params.js';
import { createProblem, signedColumns } from './problem.js';
import { initialStudent } from './startState.js';
import type { TeacherSpec } from './types.js';
import { ParameterError } from '../errors.js';

/**
 * Free energies of the two Ising branches on one disorder sample at temperature τ, to locate the first-order
 * transition where they cross. The branches are the two halves of state space split at R = J·T/N = R*
 * (`perfectThreshold`, default 0.9): Z = Z_poor + Z_perfect, each sampled exactly by a chain restricted to its
 * half (ChainOptions.window), so the metastable chain cannot leave its branch and the split is exact.
 *
 * Poor branch, R < R* (thermodynamic integration from β = 0): ln Z_poor(β) = ln|{R < R*}| − ∫_0^β ⟨E⟩_b db
 * (the count is exact, from binomial sums, for an Ising teacher; otherwise it is taken as 2^N, which neglects
 * the fraction of states with R ≥ R*, exponentially small in N),
 * ⟨E⟩_0 = P/2 exactly and ⟨E⟩_b measured along one chain started at random and cooled through `betaSteps`
 * equal steps of β (Simpson's rule).
 * Perfect branch, R ≥ R* (no integration needed): for the reference state J* = sgn(T), π(J*) = e^(−βE(J*))/Z,
 * so ln Z_perfect = −βE(J*) − ln π(J*), with π(J*) the fraction of sweeps the restricted chain spends there.
 *
 * f = −τ ln Z / N for each; delta = f_poor − f_perfect = (τ/N)·ln(P_perfect/P_poor), positive where the
 * perfect state holds more than half of the Gibbs weight. Standard errors are thermal (τ_int per measured
 * point, points treated as independent).
 */

export interface BranchFreeEnergyOptions extends DriveOptions {
  n: number;
  alpha: number;
  tau: number;
  noise?: number;
  seed: Seed;
  sample?: number;
  teacher?: TeacherSpec;
  /** Number of β steps of the integration (even; default 16). */
  betaSteps?: number;
  /** Sweeps per β point (defaults 100 and 300). */
  equilibrationSweeps?: number;
  measurementSweeps?: number;
  /** Measurement sweeps of the perfect-branch chain (default 2000). */
  perfectSweeps?: number;
  perfectThreshold?: number;
}

export interface BranchFreeEnergies {
  n: number;
  p: number;
  alpha: number;
  tau: number;
  /** ln Z of the branch, its free energy per weight f = −τ ln Z/N, and ⟨R⟩, ⟨E⟩/P at τ within the branch. */
  poor: { lnZ: number; f: number; f_se: number; R: number; eps_t: number };
  /** occupation: π(J*) within the branch. */
  perfect: { lnZ: number; f: number; f_se: number; R: number; eps_t: number; occupation: number };
  delta: number;
  delta_se: number;
}

export function branchFreeEnergies(options: BranchFreeEnergyOptions): Promise<BranchFreeEnergies> {
  record('options', options);
  return drive(freeEnergyProgram(options), options);
}

export function branchFreeEnergiesSync(options: BranchFreeEnergyOptions): BranchFreeEnergies {
  record('options', options);
  return driveSync(freeEnergyProgram(options), options);
}

function* freeEnergyProgram(options: BranchFreeEnergyOptions): Program<BranchFreeEnergies> {
  const n = checkN(options.n);
  const alpha = checkAlpha(options.alpha);
  const tau = checkTau(options.tau);
  if (tau === 0) throw new ParameterError('tau', tau, 'a temperature > 0');
  const noise = checkNoise(options.noise ?? 0);
  const seed = validateSeed(options.seed);
  const sample = integer('sample', options.sample ?? 0, 0, Number.MAX_SAFE_INTEGER);
  const teacher = checkTeacherSpec(options.teacher ?? 'ising', n);
  const betaSteps = integer('betaSteps', options.betaSteps ?? 16, 2, 1e4);
  if (betaSteps % 2 !== 0) throw new ParameterError('betaSteps', betaSteps, 'an even integer ≥ 2 (Simpson rule)');
  const equilibrationSweeps = checkSweeps('equilibrationSweeps', options.equilibrationSweeps ?? 100);
  const measurementSweeps = checkSweeps('measurementSweeps', options.measurementSweeps ?? 300, 1);
  const perfectSweeps = checkSweeps('perfectSweeps', options.perfectSweeps ?? 2000, 1);
  const threshold = inRange('perfectThreshold', options.perfectThreshold ?? 0.9, 0, 1, { minOpen: true });

  const problem = createProblem({ n, alpha, noise, teacher, seed, sample });
  const { p } = problem;
  const columns = signedColumns(problem);
  const kind = teacher instanceof Float64Array ? 'given' : teacher;
  const root = createStream(seed, 'vsdl', 'free-energy', `teacher=${kind}`, `n=${n}`, `alpha=${numberKey(alpha)}`,
    `tau=${numberKey(tau)}`, `noise=${numberKey(noise)}`, `sample=${sample}`);
  const beta = 1 / tau;
  const total = betaSteps * (equilibrationSweeps + measurementSweeps) + equilibrationSweeps + perfectSweeps;
  const block = sweepsPerBlock(n, p);
  let done = 0;
  function* run(chain: Chain, sweeps: number, record?: Float64Array): Program<void> {
    for (let t = 0; t < sweeps; t++) {
      chain.sweep();
      if (record) record[t] = chain.energy;
      if (++done % block === 0) yield done / total;
    }
  }

  // Poor branch: cool a random start through β_j = jβ/M, recording ⟨E⟩ at each.
  const poorStream = root.fork('poor');
  const poorStart = initialStudent('ising', 'random', problem.teacher, poorStream.fork('initial'));
  const poor = new Chain({ weights: 'ising', n, columns, stride: p, p, tau: 1 / (beta / betaSteps), stream: poorStream, initial: poorStart,
    window: { vector: problem.teacher, low: -Infinity, high: threshold } });
  if (!poor.insideWindow) throw new ParameterError('sample', sample, 'a sample whose random start has R < perfectThreshold');
  const meanEnergy = new Float64Array(betaSteps + 1);
  const energySe = new Float64Array(betaSteps + 1);
  meanEnergy[0] = p / 2;
  const series = new Float64Array(measurementSweeps);
  let poorR = 0;
  for (let j = 1; j <= betaSteps; j++) {
    poor.tau = 1 / ((beta * j) / betaSteps);
    yield* run(poor, equilibrationSweeps);
    const overlap = new Float64Array(measurementSweeps);
    for (let t = 0; t < measurementSweeps; t++) {
      poor.sweep();
      series[t] = poor.energy;
      overlap[t] = poor.overlap(problem.teacher);
      if (++done % block === 0) yield done / total;
    }
    const summary = summarizeSeries(series);
    meanEnergy[j] = summary.mean;
    energySe[j] = summary.se;
    if (j === betaSteps) poorR = summarizeSeries(overlap).mean;
  }
  const h = beta / betaSteps;
  let integral = 0;
  let integralVariance = 0;
  for (let j = 0; j <= betaSteps; j++) {
    const weight = ((j === 0 || j === betaSteps ? 1 : j % 2 === 1 ? 4 : 2) * h) / 3;
    integral += weight * meanEnergy[j]!;
    integralVariance += (weight * energySe[j]!) ** 2;
  }
  const lnZPoor = lnPoorCount(problem.teacher, threshold) - integral;

  // Perfect branch: occupation of the reference state J* = sgn(T) by a chain started there.
  const perfectStream = root.fork('perfect');
  const reference = initialStudent('ising', 'teacher', problem.teacher, perfectStream.fork('initial'));
  const perfect = new Chain({ weights: 'ising', n, columns, stride: p, p, tau, stream: perfectStream, initial: reference,
    window: { vector: problem.teacher, low: threshold, high: Infinity } });
  const referenceEnergy = perfect.energy;
  yield* run(perfect, equilibrationSweeps);
  const atReference = new Float64Array(perfectSweeps);
  const perfectEnergy = new Float64Array(perfectSweeps);
  const perfectOverlap = new Float64Array(perfectSweeps);
  for (let t = 0; t < perfectSweeps; t++) {
    perfect.sweep();
    let same = 1;
    for (let i = 0; i < n; i++) if (perfect.J[i] !== reference[i]) { same = 0; break; }
    atReference[t] = same;
    perfectEnergy[t] = perfect.energy;
    perfectOverlap[t] = perfect.overlap(problem.teacher);
    if (++done % block === 0) yield done / total;
  }
  const occupation = summarizeSeries(atReference);
  const lnZPerfect = -beta * referenceEnergy - Math.log(occupation.mean);
  const fPoor = (-tau * lnZPoor) / n;
  const fPoorSe = (tau * Math.sqrt(integralVariance)) / n;
  const fPerfect = (-tau * lnZPerfect) / n;
  const fPerfectSe = (tau * occupation.se) / occupation.mean / n;
  return {
    n,
    p,
    alpha,
    tau,
    poor: { lnZ: lnZPoor, f: fPoor, f_se: fPoorSe, R: poorR, eps_t: meanEnergy[betaSteps]! / p },
    perfect: { lnZ: lnZPerfect, f: fPerfect, f_se: fPerfectSe, R: summarizeSeries(perfectOverlap).mean, eps_t: summarizeSeries(perfectEnergy).mean / p, occupation: occupation.mean },
    delta: fPoor - fPerfect,
    delta_se: Math.hypot(fPoorSe, fPerfectSe),
  };
}

/** ln |{J ∈ {±1}^N : J·T/N < R*}|: exact for an Ising teacher (J·T/N = 1 − 2d/N at Hamming distance d), else N ln 2. */
function lnPoorCount(teacher: Float64Array, threshold: number): number {
  const n = teacher.length;
  if (!teacher.every((t) => t === 1 || t === -1)) return n * Math.LN2;
  // Fraction of states with d ≤ N(1 − R*)/2, by the binomial recurrence on C(N, d)/2^N (underflow only when
  // the fraction is far below double precision anyway).
  let term = Math.pow(2, -n);
  let fraction = 0;
  // Same comparison as the chain window: J·T ≥ R*·N.
  for (let d = 0; d <= n && n - 2 * d >= threshold * n; d++) {
    fraction += term;
    term *= (n - d) / (d + 1);
  }
  return n * Math.LN2 + Math.log1p(-fraction);
}
