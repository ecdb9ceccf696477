/** Types of the layer VSDL model: a K×N layer of perceptron students learning a teacher layer drawn from an ensemble. */

import type { EnsembleName, SpikeModel, Truth } from '../ensembles/index.js';
import type { Phase } from '../fit/index.js';
import type { Seed } from '../random/index.js';
import type { AbortSignalLike } from '../vsdl/abort.js';
import type { Weights } from '../theory/index.js';
import type { LayerCellIdentity } from './key.js';
import type { LearnedLayer } from './students.js';
import type { LayerTeacher } from './teacher.js';

/** One input set for all rows (students' noise correlated across rows), or an independent set per row. */
export type InputMode = 'shared' | 'independent';

/** Learned rows as the Gibbs measure gives them (|J_k|² = N), or rescaled to their teacher row's norm. */
export type RowNorms = 'unit' | 'teacher';

/**
 * A power-law input covariance for a Gaussian teacher: T = G·diag(s) with s_j iid Pareto-I(μ), so the teacher's
 * covariance Σ = diag(s_j²) has eigenvalue density ∝ σ^(−1−μ/2) (covariance.ts). Unlike heavy-tailed entries it
 * survives row normalisation.
 */
export interface TeacherCovariance {
  law: 'pareto';
  mu: number;
}

/** The teacher layer's ensemble (see src/core/ensembles); σ is irrelevant to the perceptron but not to spikes. */
export interface LayerTeacherSpec {
  ensemble: EnsembleName;
  spikes?: number[];
  spikeModel?: SpikeModel;
  mu?: number;
  sigma?: number;
  /** Only with ensemble 'gaussian' and spherical students (sgn(G·diag(s)) = sgn(G) would lose it). */
  covariance?: TeacherCovariance;
}

/**
 * Sweeps per row. Unset equilibrationSweeps: automatic (runCell's rounds with a teacher-start and a random-start
 * replica, up to maxEquilibrationSweeps); set: that many sweeps of the sampled replica alone. measurementSweeps
 * (default 0): extra sweeps over which R is averaged before the sample is taken.
 */
export interface LayerSchedule {
  equilibrationSweeps?: number;
  maxEquilibrationSweeps?: number;
  measurementSweeps?: number;
}

export interface LayerCellParams {
  teacher: LayerTeacherSpec;
  k: number;
  n: number;
  alpha: number;
  tau: number;
  inputs: InputMode;
  weights: Weights;
  rowNorms: RowNorms;
  samples: number;
  seed: Seed;
  schedule: LayerSchedule;
}

/** A compact picture of an ESD: a histogram on [0, max] plus the largest eigenvalues (X units, see `normalization`). */
export interface SpectrumSummary {
  /** Bin edges: `bins` equal bins from 0 to `max` (the largest eigenvalue over the samples). */
  max: number;
  bins: number;
  /** Fraction of all eigenvalues (pooled over samples) in each bin: sums to 1. */
  density: number[];
  /** The largest eigenvalues, descending, averaged over the samples rank by rank. */
  top: number[];
}

/** Which law explains λ_max better (see extremes.ts). */
export interface ExtremeVerdict {
  verdict: 'tracy-widom' | 'frechet' | 'outlier' | 'undecided';
  /** TW1 score (λ_max − centre)/scale against the fitted bulk. */
  tw_score: number | null;
  /** ln-likelihood of λ_max under each law (null where a law cannot be set up). */
  log_lik_tw: number | null;
  log_lik_frechet: number | null;
  /** Fréchet shape (α̂ − 1) and scale from the power-law fit of the tail. */
  frechet_shape: number | null;
  frechet_scale: number | null;
}

/** One predicted BBP outlier. */
export interface LayerBbp {
  /** The teacher's spike: ℓ (covariance) or θ (additive), as given. */
  strength: number;
  /** What BBP sees in the learned layer at this R: population eigenvalue ℓ_eff or signal strength θ_eff. */
  effective: number;
  /** Overlap R above which this spike detaches (null if it never does for R ≤ 1). */
  threshold_R: number | null;
  detached: boolean;
  /** Predicted outlier of X (null below threshold). */
  outlier: number | null;
}

export interface LayerTheory {
  /** Perceptron theory (replica-symmetric, equilibrium branch). */
  R: number;
  eps_g: number;
  /** The phase of the model spectrum R·T + √(1−R²)·Ξ (see surrogate.ts). */
  predicted_phase: Phase | null;
  /** Closed-form outliers (Gaussian and spiked teachers; null where there is none, e.g. Ising with additive spikes). */
  bbp: LayerBbp[] | null;
  /** Predicted right edge of the bulk (null for heavy-tailed teachers). */
  lambda_plus: number | null;
  /**
   * Heavy-tailed teachers: the class the layer inherits (μ kept; the scale shrinks with R). For the
   * power-law-covariance teacher, regime 'power-law-covariance', predicted_alpha = 1 + μ/2 (the ESD density's
   * tail exponent at any μ and R > 0) and threshold_R, the estimated overlap above which ≥ 10 % of the
   * eigenvalues leave the bulk (covariance.ts); threshold_R is null for entry-wise heavy tails.
   */
  heavy_tail: { mu: number; regime: string; predicted_alpha: number | null; threshold_R: number | null } | null;
  /** Why a part is missing. */
  note: string | null;
}

/** One cell of a layer sweep (JSON-ready). Spectral values are in units of X = AᵀA/N_a (see orientation). */
export interface LayerCellRecord {
  key: string;
  alpha: number;
  tau: number;
  p: number;
  /** Most frequent fitted phase over the samples, and the count of each. */
  phase: Phase | null;
  phase_counts: Partial<Record<Phase, number>>;
  /** Mean over rows (and samples) of arccos(R_k)/π and of R_k, with standard errors over rows. */
  eps_g: number;
  R: number;
  R_se: number;
  /** Means over samples of the fitted values. */
  alpha_pl: number | null;
  num_spikes: number;
  lambda_max: number;
  mp_lambda_plus: number | null;
  entropy: number | null;
  stable_rank: number | null;
  mp_ks: number | null;
  extremes: ExtremeVerdict;
  spectrum: SpectrumSummary;
  /** Rows whose automatic equilibration hit its cap (over all samples). */
  unequilibrated: number;
  equilibration_sweeps: number;
  theory: LayerTheory | null;
  theory_error: string | null;
}

export interface LayerSweepHeader {
  model: 'vsdl-layer';
  N: number;
  K: number;
  /** The analysed matrix is N_a×M_a with N_a = max(K, N) ≥ M_a = min(K, N); X = AᵀA/N_a (M_a eigenvalues). */
  orientation: 'A = Wᵀ (N×K)' | 'A = W (K×N)';
  normalization: '1/N';
  weights: Weights;
  inputs: InputMode;
  row_norms: RowNorms;
  samples: number;
  seed: Seed;
  teacher: {
    ensemble: EnsembleName;
    spikes: number[];
    spike_model: SpikeModel | null;
    mu: number | null;
    sigma: number;
    law: Truth['law'];
    /** Present (non-null) for the power-law-covariance teacher only. */
    covariance?: TeacherCovariance;
  };
  schedule: { equilibration: number | 'auto'; max_equilibration: number; measurement: number };
  alphas: number[];
  taus: number[];
}

export interface LayerSweepResult extends LayerSweepHeader {
  status: 'complete' | 'partial';
  /** Cells in τ-major grid order. */
  cells: LayerCellRecord[];
  /** Phase labels, row-major [taus.length][alphas.length] (null for cells not run). */
  phase_grid: (Phase | null)[][];
  predicted_phase_grid: (Phase | null)[][];
}

export interface LayerProgress {
  done: number;
  total: number;
  fraction: number;
}

export interface LayerSweepOptions {
  teacher: LayerTeacherSpec;
  k: number;
  n: number;
  alphas: readonly number[];
  taus: readonly number[];
  inputs?: InputMode;
  weights?: Weights;
  rowNorms?: RowNorms;
  samples?: number;
  seed: Seed;
  schedule?: LayerSchedule;
  /** Records of an earlier run; cells with a matching key are reused. */
  completed?: readonly LayerCellRecord[];
  /** Keys of the cells to run, a shard of the grid (src/core/shards); the others are left out. Default: all. */
  only?: readonly string[];
  onCell?: (record: LayerCellRecord, snapshot: LayerSweepResult) => void;
  onProgress?: (progress: LayerProgress) => void;
  signal?: AbortSignalLike;
  /**
   * Learns the pending cells in one batch instead of cell by cell with the CPU chains (a GPU runs every row of
   * every cell at once); the cells are then summarised and reported in grid order when the batch ends.
   */
  learner?: LayerBatchLearner;
}

/** What a batch learner is given: the cells, and each sample's teacher layer (shared by every cell). */
export interface LayerBatch {
  cells: readonly LayerCellIdentity[];
  samples: number;
  seed: Seed;
  teacher: (sample: number) => LayerTeacher;
  signal?: AbortSignalLike;
  onProgress?: (fraction: number) => void;
}

export interface LayerBatchLearner {
  /** learned[j][s]: cell j's layer of sample s, as learnLayer would learn it (same contract, its own streams). */
  learnCells(batch: LayerBatch): Promise<LearnedLayer[][]>;
}
