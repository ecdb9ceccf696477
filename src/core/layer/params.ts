import { checkMu, ENSEMBLES, ensembleLaw, SPIKE_MODELS } from '../ensembles/index.js';
import { ParameterError } from '../errors.js';
import { validateSeed } from '../random/index.js';
import { finite, integer, oneOf, positive } from '../validate.js';
import { checkAlpha, checkTau, checkWeights } from '../vsdl/params.js';
import { checkGridCells } from '../vsdl/sweep/plan.js';
import type { InputMode, LayerSchedule, LayerSweepOptions, LayerTeacherSpec, RowNorms } from './types.js';

/** Boundary checks of the layer model; everything inside trusts the checked values. */

export const INPUT_MODES: readonly InputMode[] = ['independent', 'shared'];
export const ROW_NORMS: readonly RowNorms[] = ['unit', 'teacher'];
/** Layer sides: a spherical pair rotation needs N ≥ 2; the MP fit needs at least 10 eigenvalues. */
export const MIN_SIDE = 10;
export const MAX_SIDE = 4096;
export const DEFAULT_MAX_EQUILIBRATION = 4000;

export interface CheckedTeacher {
  ensemble: LayerTeacherSpec['ensemble'];
  spikes: number[];
  spikeModel: 'covariance' | 'additive' | null;
  mu: number | null;
  sigma: number;
  covariance: { law: 'pareto'; mu: number } | null;
}

export const COVARIANCE_LAWS = ['pareto'] as const;

export function checkTeacher(value: unknown): CheckedTeacher {
  if (value === null || typeof value !== 'object') throw new ParameterError('teacher', value, 'an object { ensemble, spikes?, spikeModel?, mu?, sigma?, covariance? }');
  const t = value as LayerTeacherSpec;
  const ensemble = oneOf('teacher.ensemble', t.ensemble, ENSEMBLES);
  const sigma = t.sigma === undefined ? 1 : positive('teacher.sigma', t.sigma);
  let spikes: number[] = [];
  let spikeModel: CheckedTeacher['spikeModel'] = null;
  if (ensemble === 'spiked') {
    if (!Array.isArray(t.spikes) || t.spikes.length === 0) throw new ParameterError('teacher.spikes', t.spikes, 'a non-empty list of spike strengths for the spiked ensemble');
    spikeModel = oneOf('teacher.spikeModel', t.spikeModel ?? 'covariance', SPIKE_MODELS);
    spikes = t.spikes.map((s, i) => {
      const x = finite(`teacher.spikes[${i}]`, s);
      const min = spikeModel === 'covariance' ? 1 : 0;
      if (x < min) throw new ParameterError(`teacher.spikes[${i}]`, s, spikeModel === 'covariance' ? 'a population eigenvalue ℓ ≥ 1' : 'a strength θ ≥ 0');
      return x;
    });
  } else if (t.spikes !== undefined && t.spikes.length > 0) {
    throw new ParameterError('teacher.spikes', t.spikes, "none unless the ensemble is 'spiked'");
  }
  const mu = checkMu(ensembleLaw(ensemble), t.mu, 'teacher.mu');
  return { ensemble, spikes, spikeModel, mu, sigma, covariance: checkCovariance(t.covariance, ensemble) };
}

function checkCovariance(value: unknown, ensemble: LayerTeacherSpec['ensemble']): CheckedTeacher['covariance'] {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object') throw new ParameterError('teacher.covariance', value, "an object { law: 'pareto', mu }");
  if (ensemble !== 'gaussian') throw new ParameterError('teacher.covariance', value, "only with the 'gaussian' ensemble (T = G·diag(s))");
  const c = value as { law?: unknown; mu?: unknown };
  const law = oneOf('teacher.covariance.law', c.law ?? 'pareto', COVARIANCE_LAWS);
  return { law, mu: positive('teacher.covariance.mu', c.mu) };
}

export function checkSide(name: 'k' | 'n', value: unknown): number {
  return integer(name, value, MIN_SIDE, MAX_SIDE);
}

export function checkInputs(value: unknown): InputMode {
  return oneOf('inputs', value ?? 'independent', INPUT_MODES);
}

export function checkRowNorms(value: unknown): RowNorms {
  return oneOf('rowNorms', value ?? 'unit', ROW_NORMS);
}

export interface CheckedLayerSchedule {
  equilibrationSweeps: number | undefined;
  maxEquilibrationSweeps: number;
  measurementSweeps: number;
}

export function checkLayerSchedule(value: unknown): CheckedLayerSchedule {
  if (value !== undefined && (value === null || typeof value !== 'object')) {
    throw new ParameterError('schedule', value, 'an object { equilibrationSweeps?, maxEquilibrationSweeps?, measurementSweeps? }');
  }
  const s = (value ?? {}) as LayerSchedule;
  return {
    equilibrationSweeps: s.equilibrationSweeps === undefined ? undefined : integer('schedule.equilibrationSweeps', s.equilibrationSweeps, 0, 1e7),
    maxEquilibrationSweeps: integer('schedule.maxEquilibrationSweeps', s.maxEquilibrationSweeps ?? DEFAULT_MAX_EQUILIBRATION, 1, 1e7),
    measurementSweeps: integer('schedule.measurementSweeps', s.measurementSweeps ?? 0, 0, 1e7),
  };
}

/** A grid axis: finite, distinct values, each checked by `check`. */
export function checkAxis(name: 'alphas' | 'taus', values: unknown, check: (v: unknown, name: string) => number): number[] {
  if (!Array.isArray(values) || values.length === 0) throw new ParameterError(name, values, 'a non-empty list of numbers');
  const out = values.map((v, i) => check(v, `${name}[${i}]`));
  if (new Set(out).size !== out.length) throw new ParameterError(name, values, 'distinct values');
  return out;
}

export interface CheckedLayerSweep {
  teacher: CheckedTeacher;
  k: number;
  n: number;
  alphas: number[];
  taus: number[];
  inputs: InputMode;
  weights: 'spherical' | 'ising';
  rowNorms: RowNorms;
  samples: number;
  seed: ReturnType<typeof validateSeed>;
  schedule: CheckedLayerSchedule;
}

export function checkLayerSweep(options: LayerSweepOptions): CheckedLayerSweep {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  const teacher = checkTeacher(options.teacher);
  const weights = checkWeights(options.weights ?? 'spherical');
  // An Ising teacher is sgn(T), and sgn(G·diag(s)) = sgn(G): the covariance would silently vanish.
  if (teacher.covariance && weights === 'ising') throw new ParameterError('weights', weights, "'spherical' with a power-law-covariance teacher");
  const alphas = checkAxis('alphas', options.alphas, (v, name) => checkAlpha(v, name));
  const taus = checkAxis('taus', options.taus, (v, name) => checkTau(v, name));
  checkGridCells(alphas.length, taus.length);
  return {
    teacher,
    k: checkSide('k', options.k),
    n: checkSide('n', options.n),
    alphas,
    taus,
    inputs: checkInputs(options.inputs),
    weights,
    rowNorms: checkRowNorms(options.rowNorms),
    samples: integer('samples', options.samples ?? 1, 1, 1000),
    seed: validateSeed(options.seed),
    schedule: checkLayerSchedule(options.schedule),
  };
}
