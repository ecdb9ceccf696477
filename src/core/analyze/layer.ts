import { ParameterError } from '../errors.js';
import { fitEsd, MIN_MP_EIGENVALUES, type EsdFit, type Phase, type PowerLawWarning } from '../fit/index.js';
import { esd } from '../linalg/index.js';
import { float64Array, inRange, integer, options as optionsObject, record as objectArgument } from '../validate.js';
import { weightGeometry, weightMatrices, type ConvLayout, type WeightGeometry, type WeightKind, type WeightTensor } from './matrices.js';

/** A layer's pooled ESD: squared singular values s(W)² of its matrices (normalization 'none'), ascending. */
export interface WeightSpectrum extends WeightGeometry {
  eigenvalues: Float64Array;
}

export interface AnalyzeLayerOptions {
  /** Layout of a 4-D convolution kernel (required for one). */
  layout?: ConvLayout;
  /** False-positive rate of the Tracy–Widom spike test for the whole layer, in (0, 0.5] (default 0.01). */
  falsePositiveRate?: number;
}

/** The spike test's false-positive rate when none is given (fitEsd's). */
export const DEFAULT_FALSE_POSITIVE_RATE = 0.01;

/** Checks a false-positive rate (undefined: the default) before any work, whatever the layers turn out to be. */
export function checkFalsePositiveRate(value: unknown): number {
  return value === undefined ? DEFAULT_FALSE_POSITIVE_RATE : inRange('falsePositiveRate', value, 0, 0.5, { minOpen: true });
}

/** The serialised record of one layer (snake_case fields; eigenvalue-valued numbers in units of s(W)²). */
export interface LayerRecord {
  name: string;
  shape: number[];
  kind: WeightKind;
  layout: ConvLayout | null;
  N: number;
  M: number;
  /** N/M; 0 for an empty tensor (M = 0), whose record is failed. */
  Q: number;
  matrices: number;
  num_eigenvalues: number;
  normalization: 'none';
  status: 'ok' | 'failed';
  /** Why the fit failed, or what was skipped; empty when everything was computed. */
  reason: string;
  alpha: number | null;
  alpha_weighted: number | null;
  D: number | null;
  xmin: number | null;
  sigma: number | null;
  num_pl_spikes: number | null;
  warning: PowerLawWarning | null;
  entropy: number | null;
  stable_rank: number | null;
  log_norm: number | null;
  log_spectral_norm: number | null;
  lambda_max: number | null;
  sigma_mp: number | null;
  lambda_plus: number | null;
  mp_ks: number | null;
  num_spikes: number | null;
  phase: Phase | null;
  /** The phase rule that fired, with its numbers (or why there is no phase). */
  phase_reason: string;
}

/** The pooled ESD of a dense weight or a convolution kernel (see matrices.ts for the convention). */
export function weightSpectrum(tensor: WeightTensor, layout?: ConvLayout): WeightSpectrum {
  const { list, ...geometry } = weightMatrices(tensor, layout);
  const eigenvalues = new Float64Array(list.length * geometry.M);
  list.forEach((W, i) => eigenvalues.set(esd(W, 'none'), i * geometry.M));
  if (list.length > 1) eigenvalues.sort();
  return { ...geometry, eigenvalues };
}

/**
 * Fewer eigenvalues than this get no MP fit, spike count or phase. Measured on Gaussian layers (150 draws each,
 * Q = 2 and 10): the 5+1 rules call 93 % of them non-random at M = 10, 17–33 % at M = 16, 3–5 % at M = 24 and
 * none at M ≥ 32, because the bulk's KS distance to its MP fit exceeds the rules' 0.1 by chance at small M.
 */
export const MIN_PHASE_EIGENVALUES = 32;

/**
 * The full fit of a layer's ESD (fitEsd: power law, MP fit with the TW spike count, metrics, 5+1 phase), without
 * rand_distance. A pooled ESD's MP law is that of one N×M matrix. The MP fit, the spike count and the phase are
 * left out, with the reason, when the ESD has fewer than 32 eigenvalues (above) or each pooled matrix fewer than
 * 10 (a first convolution over one input channel: k² vectors, no MP bulk); the power law is still fitted.
 */
export function fitWeightSpectrum(spectrum: WeightSpectrum, options: { falsePositiveRate?: number } = {}): EsdFit {
  objectArgument('spectrum', spectrum, 'a weight spectrum { eigenvalues, N, M, matrices }');
  optionsObject('options', options);
  const eigenvalues = float64Array('spectrum.eigenvalues', spectrum.eigenvalues);
  const N = integer('spectrum.N', spectrum.N, 1);
  const M = integer('spectrum.M', spectrum.M, 1);
  const matrices = integer('spectrum.matrices', spectrum.matrices, 1);
  const count = eigenvalues.length;
  const why =
    M < MIN_MP_EIGENVALUES && matrices > 1
      ? `no MP fit or phase: each of the ${matrices} matrices is ${N}×${M}, and an MP bulk needs at least ${MIN_MP_EIGENVALUES} eigenvalues per matrix`
      : count < MIN_PHASE_EIGENVALUES
        ? `no MP fit or phase: ${count} eigenvalues, fewer than ${MIN_PHASE_EIGENVALUES} (below that the 5+1 rules misclassify random layers)`
        : '';
  const fit = fitEsd(
    why ? { eigenvalues, normalization: 'none', matrices } : { eigenvalues, normalization: 'none', n: N, matrices },
    { randNull: 'none', falsePositiveRate: options.falsePositiveRate },
  );
  if (why && fit.status === 'ok') {
    fit.N = N;
    fit.Q = N / M;
    fit.reason = why;
    fit.phase_reasons = [why];
  }
  return fit;
}

/** First non-finite entry, as a reason; empty when all are finite. */
function nonFinite(data: Float32Array | Float64Array): string {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) return `entry ${i} is ${data[i]}: a weight with NaN or ±Infinity cannot be analysed`;
  }
  return '';
}

function record(tensor: WeightTensor, s: WeightGeometry, fit: EsdFit | null, reason: string): LayerRecord {
  const ok = fit !== null && fit.status === 'ok';
  const get = <K extends keyof EsdFit>(key: K): EsdFit[K] | null => (fit ? fit[key] : null);
  return {
    name: tensor.name,
    shape: [...tensor.shape],
    kind: s.kind,
    layout: s.layout,
    N: s.N,
    M: s.M,
    Q: s.M > 0 ? s.N / s.M : 0,
    matrices: s.matrices,
    num_eigenvalues: s.matrices * s.M,
    normalization: 'none',
    status: ok ? 'ok' : 'failed',
    reason: fit ? fit.reason : reason,
    alpha: get('alpha'),
    alpha_weighted: get('alpha_weighted'),
    D: get('D'),
    xmin: get('xmin'),
    sigma: get('sigma'),
    num_pl_spikes: get('num_pl_spikes'),
    warning: get('warning'),
    entropy: get('entropy'),
    stable_rank: get('stable_rank'),
    log_norm: get('log_norm'),
    log_spectral_norm: get('log_spectral_norm'),
    lambda_max: get('lambda_max'),
    sigma_mp: get('sigma_mp'),
    lambda_plus: get('lambda_plus'),
    mp_ks: get('mp_ks'),
    num_spikes: get('num_spikes'),
    phase: get('phase'),
    phase_reason: fit?.phase_reasons[0] ?? `no phase: ${fit ? fit.reason : reason}`,
  };
}

/**
 * Analyses one weight tensor: its pooled ESD, power-law and MP fits, WeightWatcher's metrics and the 5+1 phase,
 * as one serialisable record. Invalid tensors or options throw ParameterError; a tensor whose values cannot be
 * fitted (NaN entries, entries so large that the eigenvalues pass float64, an empty tensor, too few eigenvalues,
 * all equal) gives status 'failed' with the reason, never an exception, so that a diverging training run still
 * gets its record and one bad tensor of a model file does not stop the analysis of the others.
 */
export function analyzeLayer(tensor: WeightTensor, options: AnalyzeLayerOptions = {}): LayerRecord {
  return analyzeLayerSpectrum(tensor, options).record;
}

/**
 * analyzeLayer's record together with the pooled ESD it was computed from (null when the weights are not finite),
 * for a caller that also draws the spectrum: the eigenvalues are computed once.
 */
export function analyzeLayerSpectrum(tensor: WeightTensor, options: AnalyzeLayerOptions = {}): { record: LayerRecord; eigenvalues: Float64Array | null } {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  checkFalsePositiveRate(options.falsePositiveRate);
  const geometry = weightGeometry(tensor, options.layout, { allowEmpty: true });
  const problem = tensor.data.length === 0 ? empty(tensor) : nonFinite(tensor.data);
  if (problem) return { record: record(tensor, geometry, null, problem), eigenvalues: null };
  let spectrum: WeightSpectrum;
  try {
    spectrum = weightSpectrum(tensor, options.layout);
  } catch (error) {
    // The tensor and layout are checked above: what is left to refuse ('W') is the values, a spectrum beyond float64.
    if (!(error instanceof ParameterError) || error.parameter !== 'W') throw error;
    return { record: record(tensor, geometry, null, beyondFloat64Reason(error)), eigenvalues: null };
  }
  const fit = fitWeightSpectrum(spectrum, { falsePositiveRate: options.falsePositiveRate });
  return { record: record(tensor, geometry, fit, ''), eigenvalues: spectrum.eigenvalues };
}

/** Why an empty tensor (a dimension of 0) has no record of numbers. */
function empty(tensor: WeightTensor): string {
  return `empty: shape [${tensor.shape.join(', ')}] has a dimension of 0, so there are no eigenvalues to fit`;
}

/** esd's refusal of a spectrum beyond float64 ("entries up to 3e+200 (λ_max … would be about 2e401; …)") as a reason. */
function beyondFloat64Reason(error: ParameterError): string {
  const detail = /\((.*)\); allowed: /.exec(error.message)?.[1];
  return `${String(error.value)}: the eigenvalues do not fit in float64 (${detail ?? 'λ_max above 1.8e308'})`;
}

/**
 * The relative cost of a layer's analysis, from its shape alone: one Gram product N·M² and one eigenvalue problem
 * M³ per pooled matrix; the fits after them are linear in the number of eigenvalues.
 */
export function spectrumWork({ N, M, matrices }: Pick<WeightGeometry, 'N' | 'M' | 'matrices'>): number {
  return matrices * (N * M * M + M * M * M);
}
