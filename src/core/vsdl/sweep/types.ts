/** Types of (α, τ) sweeps: a grid of independent VSDL cells with the replica theory beside each. */

import type { Seed } from '../../random/index.js';
import type { AbortSignalLike } from '../abort.js';
import type { CellResult } from '../cell.js';
import type { ResolvedCellParams, ScheduleOverride, Start, TeacherSpec, Weights } from '../types.js';

/** What a sweep shares across its cells, plus the two axes. */
export interface SweepOptions {
  weights: Weights;
  /** Loads α > 0, distinct; the grid's columns in this order. */
  alphas: readonly number[];
  /** Temperatures τ ≥ 0, distinct; the grid's rows in this order. */
  taus: readonly number[];
  /** N ≥ 2. */
  n: number;
  /** Label-noise probability p ∈ [0, 0.5] (default 0). */
  noise?: number;
  /** Disorder samples per cell, ≥ 1. */
  samples: number;
  seed: Seed;
  teacher?: TeacherSpec;
  schedule?: ScheduleOverride;
  /**
   * Default 'mixed' (one replica at the teacher, one at random: see cell.ts). 'equilibrium' starts both replicas
   * of each cell on the branch that replica theory calls stable there (Ising: the teacher on the perfect branch,
   * random on the poor one), so that finite runs sample that branch instead of a metastable one.
   */
  start?: SweepStart;
}

export type SweepStart = Start | 'equilibrium';


/** Replica-symmetric theory of a cell (equilibrium branch); R, q, ε_t and f are per weight or per example as in perceptronReplica. */
export interface CellTheory {
  R: number;
  q: number;
  eps_g: number;
  eps_t: number;
  f: number;
  s: number;
  branch: 'poor' | 'perfect' | 'unique';
}

/** One finished cell, in the form it is stored (JSON-ready, snake_case like the rest of the exports). */
export interface CellRecord {
  /** Exact identity of the cell: its α and τ and every shared parameter (see key.ts). */
  key: string;
  alpha: number;
  tau: number;
  /** Examples P = round(αN). */
  p: number;
  R: number;
  q: number;
  eps_g: number;
  eps_t: number;
  /** Mean number of training errors. */
  energy: number;
  R_se: number;
  /** Over samples; null with one sample (q has no thermal standard error). */
  q_se: number | null;
  eps_g_se: number;
  eps_t_se: number;
  energy_se: number;
  /** 'disorder': SE over samples; 'thermal': one sample, SE from its autocorrelation. */
  error_kind: 'disorder' | 'thermal';
  acceptance: number;
  tau_int: { energy: number; R: number };
  /** Largest over the samples. */
  equilibration_sweeps: number;
  measurement_sweeps: number;
  /** Samples whose automatic equilibration hit its cap (with the 'mixed' start: the Ising coexistence region). */
  unequilibrated: number;
  /** null where the theory has no answer; the reason is then in theory_error. */
  theory: CellTheory | null;
  theory_error: string | null;
}

/** The Ising phase lines at one τ (null where a line does not exist, or where `error` says why none was computed). */
export interface PhaseLineRecord {
  tau: number;
  alpha_c: number | null;
  alpha_spinodal: number | null;
  alpha_zero_entropy: number | null;
  error: string | null;
}

/** The schedule shared by the cells: a fixed number of sweeps, or 'auto' (chosen from τ_int, up to the caps). */
export interface SweepSchedule {
  equilibration: number | 'auto';
  measurement: number | 'auto';
  max_equilibration: number;
  max_measurement: number;
}

/** The shared parameters of a sweep, as recorded with its results. */
export interface SweepHeader {
  weights: Weights;
  N: number;
  samples: number;
  noise: number;
  seed: Seed;
  start: SweepStart;
  /** The teacher's kind ('given' for a caller's vector, identified in the cell keys by a checksum). */
  teacher: Weights | 'given';
  schedule: SweepSchedule;
  alphas: number[];
  taus: number[];
}

export interface SweepResult extends SweepHeader {
  /** One entry per τ for Ising students; null for spherical ones (no phase transition). */
  phase_lines: PhaseLineRecord[] | null;
  status: 'complete' | 'partial';
  /** Finished cells in grid order (τ-major: all α of taus[0], then of taus[1], …). */
  cells: CellRecord[];
}

/** Cost of a sweep before it runs (for refusal and for the user). */
export interface SweepEstimate {
  /** Cells in the grid, and those still to run. */
  cells: number;
  pending: number;
  /** Metropolis proposals of the pending cells (automatic schedules: at 1000 + 1000 sweeps, as progress assumes). */
  proposals: number;
  /** Local-field updates (each proposal costs P of them): the unit of work. */
  fieldUpdates: number;
  /** Field updates per second per worker that the times assume. */
  rate: number;
  /** Wall time on `workers` workers: typical, and with automatic schedules running to their caps. */
  seconds: number;
  secondsMax: number;
  workers: number;
  /** Peak memory of the largest cell (inputs and signed columns, 16·P·N bytes), and of `workers` cells at once. */
  bytesPerCell: number;
  bytes: number;
}

export interface SweepLimits {
  maxCells: number;
  maxN: number;
  /** Typical wall time (SweepEstimate.seconds). */
  maxSeconds: number;
  maxBytes: number;
}

export interface SweepProgress {
  /** Cells finished (including those taken from `completed`) and in the grid. */
  done: number;
  total: number;
  /** (done + the running cells' own fractions) / total, in [0, 1]. */
  fraction: number;
}

export interface CellControl {
  signal?: AbortSignalLike;
  onProgress?: (fraction: number) => void;
}

/**
 * Where cells run: the CPU reference in this thread, a pool of worker threads, a GPU. A backend must return what
 * runCell returns for the same parameters (the GPU within its float32 tolerance) and reject with
 * MonteCarloAbortError when the signal aborts.
 */
export interface SweepBackend {
  name: string;
  runCell(params: ResolvedCellParams, control: CellControl): Promise<CellResult>;
  /**
   * Optional: many cells of one sweep at once (they differ only in α and τ), in the order given. A GPU runs a
   * whole grid in shared launches this way; results must equal what runCell gives each cell.
   */
  runCells?(cells: readonly ResolvedCellParams[], control: CellControl): Promise<CellResult[]>;
}
