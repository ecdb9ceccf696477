import type { Matrix } from '../linalg/matrix.js';
import type { Seed } from '../random/index.js';
import { HEAVY_TAILED_LAWS, type ElementLaw, type LawName } from './laws.js';

export type { ElementLaw } from './laws.js';

/** The ensembles: every element law of laws.ts as iid entries, and Gaussian entries with spikes. */
export type EnsembleName = LawName | 'spiked';
export const ENSEMBLES: readonly EnsembleName[] = ['gaussian', 'spiked', ...HEAVY_TAILED_LAWS];

export const SPIKE_MODELS = ['covariance', 'additive'] as const;
export type SpikeModel = (typeof SPIKE_MODELS)[number];


export interface EnsembleParams {
  ensemble: EnsembleName;
  /** Rows of W (N ≥ M). */
  n: number;
  /** Columns of W. */
  m: number;
  /** Standard deviation of the entries (Gaussian, spiked) or scale of the law (heavy-tailed). */
  sigma?: number;
  /** Tail exponent μ of the heavy-tailed laws: P(|x| > t) ~ t^(−μ). */
  mu?: number;
  /** Spike strengths: population eigenvalues ℓ (covariance model) or signal strengths θ (additive model). */
  spikes?: number[];
  spikeModel?: SpikeModel;
  seed: Seed;
}

/** BBP prediction for one spike, in the X = WᵀW/N convention. */
export interface SpikeTruth {
  strength: number;
  threshold: number;
  detached: boolean;
  outlier: number | null;
  overlap2: number;
}

/**
 * Everything theory predicts about a draw. JSON-ready (snake_case, as in every export), so that a sidecar file is
 * this object verbatim. Null means "theory makes no prediction here", never "unknown because not computed".
 */
export interface Truth {
  ensemble: EnsembleName;
  law: ElementLaw;
  N: number;
  M: number;
  Q: number;
  sigma: number;
  mu: number | null;
  spikes: number[];
  spike_model: SpikeModel | null;
  /** Which matrix the predictions below refer to: eigenvalues of X = WᵀW/N. */
  normalization: '1/N';
  /** Variance of one entry (null when infinite). */
  element_variance: number | null;
  /** Marchenko–Pastur bulk (null when the entry variance is infinite). */
  mp: { lambda_minus: number; lambda_plus: number } | null;
  /** One entry per spike, plus the rank-one mean spike of the (uncentred) Lomax law. */
  bbp: SpikeTruth[];
  /** Johnstone's centring and scale: (λ_max − center)/scale → TW_β. Null where the edge is not Tracy–Widom. */
  tracy_widom: { beta: 1; center: number; scale: number; applies_to: 'lambda_max' | 'first_bulk_eigenvalue' } | null;
  heavy_tail: {
    regime: string;
    /** The expected ESD tail exponent α, or null where neither a limit nor the calibration gives one. */
    predicted_alpha: number | null;
    /** 'limit': 1 + μ/2 (μ ≤ 2); 'empirical-calibration': the measured α̂ of `calibratedAlpha` (2 < μ < 4). */
    predicted_alpha_basis: 'limit' | 'empirical-calibration' | null;
    /** For the calibration: where one fit's α̂ falls about 95% of the time (see `calibratedAlpha`); null otherwise. */
    predicted_alpha_interval: [number, number] | null;
    /** What the number is (the law, Q and M of the calibration) or why there is none. */
    predicted_alpha_note: string;
    lambda_max_law: string;
    /** C in P(|x| > t) ~ C t^(−μ) for this law and scale. */
    tail_constant: number;
    /** Fréchet scale of λ_max(X): P(λ_max ≤ x·scale) → exp(−x^(−μ/2)); null for μ ≥ 4. */
    frechet_scale: number | null;
  } | null;
}

export interface EnsembleDraw {
  W: Matrix;
  truth: Truth;
  /** Unit spike directions v_k in ℝ^M (rows of a k×M matrix), for overlap checks; absent without spikes. */
  spikeDirections?: Matrix;
}
