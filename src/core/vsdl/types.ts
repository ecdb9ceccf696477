/** Shared types of the VSDL teacher–student Monte Carlo (docs/theory.md, "The VSDL model"). */

import type { Seed } from '../random/index.js';
import type { Weights } from '../theory/perceptron/types.js';

/** The student prior is the theory's: spherical or Ising. */
export type { Weights };

/** A random teacher of either kind, or a given vector (rescaled to |T|² = N). */
export type TeacherSpec = Weights | Float64Array;

/** Where a chain starts: at the teacher, at a random state, or (cells only) one replica at each. */
export type Start = 'teacher' | 'random' | 'mixed';

/** One disorder sample: P examples of dimension N with (possibly noisy) teacher labels. */
export interface Problem {
  n: number;
  p: number;
  /** Inputs ξ^μ, P×N row-major. */
  xi: Float64Array;
  /** σ^μ ∈ {−1, +1}, after label noise. */
  labels: Int8Array;
  /** The teacher, |T|² = N. */
  teacher: Float64Array;
}

/** Options of createProblem. */
export interface ProblemOptions {
  n: number;
  alpha: number;
  noise?: number;
  teacher: TeacherSpec;
  seed: Seed;
  sample: number;
}

/** Sweep counts: a sweep is N proposals. Unset fields are chosen from the measured autocorrelation. */
export interface ScheduleOverride {
  equilibrationSweeps?: number;
  measurementSweeps?: number;
  /** Caps of the automatic choice (defaults 10 000 and 20 000 sweeps). */
  maxEquilibrationSweeps?: number;
  maxMeasurementSweeps?: number;
}

/** The schedule one chain pair actually ran. */
export interface SampleSchedule {
  equilibrationSweeps: number;
  measurementSweeps: number;
  /** False when the automatic equilibration hit its cap before its criterion held. */
  equilibrated: boolean;
}

/** Integrated autocorrelation times, in sweeps. */
export interface AutocorrelationTimes {
  energy: number;
  R: number;
}

/**
 * One cell of the VSDL model: everything a Monte Carlo run at one (α, τ) needs, for the CPU reference (runCell),
 * the sweep's workers and the GPU path alike. Defaults: noise 0, a random teacher of the student's kind, the
 * automatic schedule, the mixed start.
 */
export interface CellParams {
  weights: Weights;
  n: number;
  alpha: number;
  tau: number;
  noise?: number;
  /** Disorder samples (data sets), two replicas each. */
  samples: number;
  seed: Seed;
  teacher?: TeacherSpec;
  schedule?: ScheduleOverride;
  start?: Start;
}

/** A cell with every default made explicit: what a sweep plans, keys, stores and sends to its backends. */
export type ResolvedCellParams = Required<CellParams>;
