import { ParameterError } from '../errors.js';
import { esd, esdAsync, type Matrix, type PlanOptions } from '../linalg/index.js';
import type { Seed } from '../random/index.js';
import { callback, finite, inRange, integer, oneOf, positive } from '../validate.js';
import { alphaInterval, MAX_ALPHA_REPLICATES } from './powerLaw/alphaInterval.js';
import { fitTruncatedPowerLaw } from './distributions.js';
import { spectralMetrics } from './metrics.js';
import { fitMarchenkoPastur, MIN_MP_EIGENVALUES, type MpFit, type Normalization } from './mpFit.js';
import { classifyPhase, type Phase } from './phases.js';
import { fitPowerLaw, type PowerLawWarning } from './powerLaw/fit.js';
import { randDistance, randNullMatrix, RAND_NULLS, type RandNull } from './randDistance.js';
import { METRIC_DEFINITIONS, weightWatcherMpFit, type MetricDefinitions } from './weightwatcherDefinitions.js';

/** A matrix W (N×M, N ≥ M), or its eigenvalues with what is known of its shape. */
export type EsdSource =
  | { W: Matrix }
  | {
      eigenvalues: Float64Array | readonly number[];
      /** Units of the eigenvalues (default '1/N', as `vsdl esd` writes them). */
      normalization?: Normalization;
      /** Q = N/M, or N (with M = number of eigenvalues / matrices). Without either the MP part is skipped. */
      q?: number;
      n?: number;
      m?: number;
      /**
       * The eigenvalues pool this many independent N×M matrices (a convolution's k² kernel slices; default 1):
       * the MP law is that of one N×M matrix and the spike test is on the largest of them.
       */
      matrices?: number;
    };

export interface FitEsdOptions {
  fit?: 'PL' | 'TPL';
  /** Fixed xmin / xmax for the power law, in the units of the raw eigenvalues reported (see normalization). */
  xmin?: number;
  xmax?: number;
  /** False-positive rate of the TW spike test (default 0.01). */
  falsePositiveRate?: number;
  /** Null model of rand_distance (default 'shuffle' for a matrix; needs W). */
  randNull?: RandNull | 'none';
  seed?: Seed;
  /** Bootstrap replicates for an interval on α (default 0: none; at most MAX_ALPHA_REPLICATES). */
  alphaBootstrap?: number;
  /** Progress of the α bootstrap, the one long stage: replicates done of total. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Definitions of num_spikes, mp_softrank and rand_distance: 'vsdl' (default: quantile MP fit, TW margin at the
   * stated false-positive rate, histogram JS distance) or 'weightwatcher' (WeightWatcher's own procedure, to
   * compare with its columns). Every other column is the same either way.
   */
  definitions?: MetricDefinitions;
}

/** One flat record with WeightWatcher's column names, plus the MP fit, the phase and the bookkeeping. */
export interface EsdFit {
  status: 'ok' | 'failed';
  /** Why the fit failed, or what was skipped (empty when everything was computed). */
  reason: string;
  N: number | null;
  /** Columns of W (of each pooled matrix): its number of eigenvalues. */
  M: number;
  Q: number | null;
  /** Number of N×M matrices whose eigenvalues were pooled (1 for one matrix). */
  matrices: number;
  /** Units of every eigenvalue-valued column: 'none' = s(W)² (WeightWatcher's), '1/N' = eigenvalues of WᵀW/N. */
  normalization: Normalization;
  fit: 'PL' | 'TPL';
  /** Which definitions num_spikes, mp_softrank and rand_distance follow. */
  definitions: MetricDefinitions;
  alpha: number | null;
  alpha_weighted: number | null;
  log_norm: number | null;
  log_spectral_norm: number | null;
  log_alpha_norm: number | null;
  stable_rank: number | null;
  entropy: number | null;
  mp_softrank: number | null;
  num_spikes: number | null;
  num_pl_spikes: number | null;
  rand_distance: number | null;
  rand_null: RandNull | null;
  rank_loss: number | null;
  xmin: number | null;
  xmax: number | null;
  D: number | null;
  /** Standard error of α, (α − 1)/√n (of the power-law α also when fit = 'TPL'). */
  sigma: number | null;
  warning: PowerLawWarning | null;
  /** Truncated power law x^(−α) e^(−Λx) (fit = 'TPL'): alpha is then the TPL exponent, pl_alpha the PL one. */
  Lambda: number | null;
  pl_alpha: number | null;
  alpha_ci_low: number | null;
  alpha_ci_high: number | null;
  sigma_mp: number | null;
  lambda_minus: number | null;
  lambda_plus: number | null;
  tw_center: number | null;
  tw_scale: number | null;
  spike_threshold: number | null;
  mp_ks: number | null;
  lambda_max: number | null;
  lambda_max_tw: number | null;
  zero_fraction: number | null;
  phase: Phase | null;
  phase_reasons: string[];
}

const MIN_EIGENVALUES = MIN_MP_EIGENVALUES;

function emptyFit(m: number, matrices: number, normalization: Normalization, fit: 'PL' | 'TPL', definitions: MetricDefinitions): EsdFit {
  return {
    status: 'failed', reason: '', N: null, M: m, Q: null, matrices, normalization, fit, definitions,
    alpha: null, alpha_weighted: null, log_norm: null, log_spectral_norm: null, log_alpha_norm: null,
    stable_rank: null, entropy: null, mp_softrank: null, num_spikes: null, num_pl_spikes: null,
    rand_distance: null, rand_null: null, rank_loss: null, xmin: null, xmax: null, D: null, sigma: null,
    warning: null, Lambda: null, pl_alpha: null, alpha_ci_low: null, alpha_ci_high: null, sigma_mp: null,
    lambda_minus: null, lambda_plus: null, tw_center: null, tw_scale: null, spike_threshold: null, mp_ks: null,
    lambda_max: null, lambda_max_tw: null, zero_fraction: null, phase: null, phase_reasons: [],
  };
}

/** Problems with the data itself (not with the options): they give status 'failed', never an exception. */
function dataProblem(x: Float64Array): string {
  if (x.length < MIN_EIGENVALUES) return `too few eigenvalues for a fit: ${x.length} (at least ${MIN_EIGENVALUES})`;
  let max = -Infinity;
  let min = Infinity;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) return `eigenvalue ${i} is ${x[i]}: NaN and ±Infinity cannot be fitted`;
    max = Math.max(max, x[i]);
    min = Math.min(min, x[i]);
  }
  if (!(max > 0)) return 'all eigenvalues are ≤ 0: an ESD of WᵀW is non-negative and not all zero';
  if (min < -1e-9 * max) return `negative eigenvalue ${min}: an ESD of WᵀW is non-negative`;
  if (min === max) return `all ${x.length} eigenvalues equal ${max}: no spectrum to fit`;
  return '';
}

function resolveOptions(options: FitEsdOptions) {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  const xmin = options.xmin === undefined ? undefined : positive('xmin', options.xmin);
  const xmax = options.xmax === undefined ? undefined : positive('xmax', options.xmax);
  // The tail lies between the two: an xmax at or below xmin leaves none, whatever the eigenvalues.
  if (xmin !== undefined && xmax !== undefined && xmax <= xmin) throw new ParameterError('xmax', xmax, `a value above xmin (${xmin})`);
  return {
    fit: oneOf('fit', options.fit ?? 'PL', ['PL', 'TPL'] as const),
    xmin,
    xmax,
    falsePositiveRate: inRange('falsePositiveRate', options.falsePositiveRate ?? 0.01, 0, 0.5, { minOpen: true }),
    randNull: options.randNull === undefined ? undefined : oneOf('randNull', options.randNull, [...RAND_NULLS, 'none'] as const),
    seed: options.seed ?? 0,
    alphaBootstrap: options.alphaBootstrap === undefined || options.alphaBootstrap === 0 ? 0 : integer('alphaBootstrap', options.alphaBootstrap, 20, MAX_ALPHA_REPLICATES),
    onProgress: options.onProgress === undefined ? undefined : callback<NonNullable<FitEsdOptions['onProgress']>>('onProgress', options.onProgress),
    definitions: oneOf('definitions', options.definitions ?? 'vsdl', METRIC_DEFINITIONS),
  };
}

/** Raw eigenvalues, shape and units from either kind of source. */
interface Spectrum {
  x: Float64Array;
  n: number | null;
  m: number;
  q: number | null;
  matrices: number;
  normalization: Normalization;
  W?: Matrix;
}

/** Spectra already computed for a matrix source (by fitEsdAsync): its own ESD and the null matrix's. */
interface Computed {
  own?: Float64Array;
  rand?: Float64Array;
}

function spectrumOf(source: EsdSource, computed: Computed): Spectrum {
  if (source === null || typeof source !== 'object') throw new ParameterError('source', source, '{ W } or { eigenvalues }');
  if ('W' in source) {
    if ('eigenvalues' in source) throw new ParameterError('source', '{ W, eigenvalues }', '{ W } or { eigenvalues }, not both: the fit would use one and ignore the other');
    const W = source.W;
    if (W.rows < W.cols) {
      throw new ParameterError('W', `${W.rows}×${W.cols}`, 'N×M with N ≥ M: pass the transpose (the ESD uses the smaller side M)');
    }
    return { x: computed.own ?? esd(W, 'none'), n: W.rows, m: W.cols, q: W.rows / W.cols, matrices: 1, normalization: 'none', W };
  }
  const ev = source.eigenvalues;
  if (!(ev instanceof Float64Array) && !Array.isArray(ev)) {
    throw new ParameterError('eigenvalues', ev, 'a Float64Array or an array of numbers');
  }
  const matrices = integer('matrices', source.matrices ?? 1, 1);
  if (ev.length % matrices !== 0) {
    throw new ParameterError('matrices', matrices, `a divisor of the number of eigenvalues (${ev.length})`);
  }
  const m = ev.length / matrices;
  const normalization = oneOf('normalization', source.normalization ?? '1/N', ['1/N', 'none'] as const);
  if (source.m !== undefined && integer('m', source.m, 1) !== m) {
    const per = matrices === 1 ? '' : ` per matrix: ${ev.length} pooled over ${matrices} matrices`;
    throw new ParameterError('m', source.m, `the number of eigenvalues (${m}${per})`);
  }
  let n: number | null = null;
  let q: number | null = null;
  if (source.n !== undefined) {
    n = integer('n', source.n, Math.max(2, m));
    q = n / m;
    if (source.q !== undefined && Math.abs(finite('q', source.q) - q) > 1e-9 * q) {
      throw new ParameterError('q', source.q, `n/m = ${q} when n is also given`);
    }
  } else if (source.q !== undefined) {
    q = inRange('q', source.q, 1, Infinity, { maxOpen: true });
    n = Math.max(2, Math.round(q * m));
  }
  const x = Float64Array.from(ev as ArrayLike<number>);
  // Metrics follow WeightWatcher's raw s(W)²: convert X = WᵀW/N eigenvalues when N is known.
  if (normalization === '1/N' && n !== null) {
    for (let i = 0; i < x.length; i++) x[i] *= n;
    return { x, n, m, q, matrices, normalization: 'none' };
  }
  return { x, n, m, q, matrices, normalization };
}

/**
 * The full fit of one ESD: power law (or truncated power law), MP fit with TW spike count, WeightWatcher's
 * metrics, rand_distance (for a matrix), an optional bootstrap interval on α, and the 5+1 phase.
 * Invalid options throw ParameterError; data that cannot be fitted (too few eigenvalues, NaN, all equal,
 * negative) returns status 'failed' with the reason.
 */
export function fitEsd(source: EsdSource, options: FitEsdOptions = {}): EsdFit {
  return fitWith(source, options, {});
}

/**
 * `fitEsd` with the dense spectra of a matrix source (W's, and the null matrix's for rand_distance) computed on
 * the given threads: the same record, number for number.
 */
export async function fitEsdAsync(source: EsdSource, options: FitEsdOptions = {}, plan: PlanOptions = {}): Promise<EsdFit> {
  const o = resolveOptions(options);
  if (source === null || typeof source !== 'object' || !('W' in source) || source.W.rows < source.W.cols) return fitEsd(source, options);
  const own = await esdAsync(source.W, 'none', plan);
  const randNull = o.randNull ?? 'shuffle';
  const rand = randNull === 'none' ? undefined : await esdAsync(randNullMatrix(source.W, randNull, o.seed), 'none', plan);
  return fitWith(source, options, { own, rand });
}

function fitWith(source: EsdSource, options: FitEsdOptions, computed: Computed): EsdFit {
  const o = resolveOptions(options);
  const { x, n, m, q, matrices, normalization, W } = spectrumOf(source, computed);
  const out = emptyFit(m, matrices, normalization, o.fit, o.definitions);
  out.N = n;
  out.Q = q;
  const problem = dataProblem(x);
  if (problem) {
    out.reason = problem;
    return out;
  }
  const notes: string[] = [];

  let pl;
  try {
    pl = fitPowerLaw(x, { xmin: o.xmin, xmax: o.xmax });
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    out.reason = `power-law fit impossible: ${error.message}`;
    return out;
  }
  out.alpha = pl.alpha;
  out.pl_alpha = pl.alpha;
  out.xmin = pl.xmin;
  out.xmax = pl.xmax;
  out.D = pl.D;
  out.sigma = pl.sigma;
  out.num_pl_spikes = pl.num_pl_spikes;
  out.warning = pl.warning;
  if (o.fit === 'TPL') {
    const tail = x.filter((v) => v >= pl.xmin && (o.xmax === undefined || v <= o.xmax));
    const tpl = fitTruncatedPowerLaw(Float64Array.from(tail), pl.xmin, pl.alpha);
    out.alpha = tpl.parameters.alpha;
    out.Lambda = tpl.parameters.Lambda;
  }
  if (o.alphaBootstrap > 0) {
    const ci = alphaInterval(x, { reps: o.alphaBootstrap, seed: o.seed, xmin: o.xmin, xmax: o.xmax, onProgress: o.onProgress });
    out.alpha_ci_low = ci.low;
    out.alpha_ci_high = ci.high;
  }

  const metrics = spectralMetrics(x, out.alpha);
  Object.assign(out, {
    alpha_weighted: metrics.alpha_weighted,
    log_norm: metrics.log_norm,
    log_spectral_norm: metrics.log_spectral_norm,
    log_alpha_norm: metrics.log_alpha_norm,
    stable_rank: metrics.stable_rank,
    entropy: metrics.entropy,
    rank_loss: metrics.rank_loss,
    zero_fraction: metrics.zero_fraction,
  });

  let mp: MpFit | null = null;
  if (q === null || n === null) {
    notes.push('MP fit skipped: Q unknown (give q, or n, for an eigenvalue input)');
  } else {
    try {
      mp = fitMarchenkoPastur(x, { q, n, normalization, falsePositiveRate: o.falsePositiveRate, matrices });
    } catch (error) {
      // Every option was checked above, so this is the data: a W of rank about M/2 or less leaves the central 90 %
      // of its bulk at zero and no MP law to fit. Nearly half the ESD is then zero, which is the rank-collapse
      // phase, decided without an MP fit: the record stays ok with the MP columns null instead of an error.
      if (!(error instanceof ParameterError) || error.parameter !== 'eigenvalues' || error.value !== 'central bulk all zero') throw error;
      notes.push('MP fit skipped: the central 90 % of the bulk is zero (W is rank-deficient), so no MP law can be fitted');
    }
  }
  if (mp && q !== null) {
    Object.assign(out, {
      sigma_mp: mp.sigma_mp,
      lambda_minus: mp.lambda_minus,
      lambda_plus: mp.lambda_plus,
      tw_center: mp.tw_center,
      tw_scale: mp.tw_scale,
      spike_threshold: mp.spike_threshold,
      num_spikes: mp.num_spikes,
      mp_softrank: mp.mp_softrank,
      mp_ks: mp.mp_ks,
      lambda_max: mp.lambda_max,
      lambda_max_tw: mp.lambda_max_tw,
    });
    if (o.definitions === 'weightwatcher') {
      const ww = weightWatcherMpFit(x, q, m);
      out.num_spikes = ww.num_spikes;
      out.mp_softrank = ww.mp_softrank;
    }
  }
  if (out.lambda_max === null) out.lambda_max = x.reduce((a, b) => Math.max(a, b), -Infinity);

  const randNull = o.randNull ?? (W ? 'shuffle' : 'none');
  if (randNull !== 'none') {
    if (!W) notes.push('rand_distance skipped: it needs the matrix W, not only its eigenvalues');
    else {
      const rd = randDistance(W, x, { null: randNull, seed: o.seed, definitions: o.definitions, nullEigenvalues: computed.rand });
      out.rand_distance = rd.rand_distance;
      out.rand_null = rd.rand_null;
    }
  }

  const phase = classifyPhase({ eigenvalues: x, mp, alpha: out.alpha, zero_fraction: metrics.zero_fraction });
  out.phase = phase.phase;
  out.phase_reasons = phase.phase_reasons;
  out.status = 'ok';
  out.reason = notes.join('; ');
  return out;
}
