import { ParameterError } from '../errors.js';
import { record } from '../validate.js';
import {
  bbpAdditive,
  bbpCovariance,
  checkAspect,
  frechetScale,
  heavyTailClass,
  johnstone,
  mpEdges,
} from '../theory/index.js';
import { calibratedAlpha, calibratedAlphaGap } from './alphaCalibration.js';
import { ensembleLaw, type ResolvedParams } from './params.js';
import type { SpikeTruth, Truth } from './types.js';

/** The theory predictions that apply to a draw with these parameters (docs/conventions.md, "Ground truth"). */
export function predictTruth(p: ResolvedParams): Truth {
  record('p', p);
  const { ensemble, n, m, sigma, mu } = p;
  const q = n / m;
  const descriptor = ensembleLaw(ensemble);
  const law = descriptor.recordedAs(mu);
  const variance = descriptor.variance(mu, sigma);
  if (variance !== null) checkVariance(sigma, variance, descriptor.variance(mu, 1) as number, q);
  const sd = variance === null ? null : Math.sqrt(variance);
  const heavy = law !== 'gaussian';

  let mp: Truth['mp'] = null;
  if (sd !== null) {
    const e = mpEdges(q, sd);
    mp = { lambda_minus: e.lambdaMinus, lambda_plus: e.lambdaPlus };
  }

  const bbp: SpikeTruth[] = p.spikes.map((s) => {
    const r = p.spikeModel === 'covariance' ? bbpCovariance(s, q, sigma) : bbpAdditive(s, q, sigma);
    return { strength: s, threshold: r.threshold, detached: r.detached, outlier: r.outlier, overlap2: r.overlap2 };
  });
  // An uncentred law (Lomax) is a centred matrix plus mean·11ᵀ: an additive spike θ = mean·√M/sd along the flat
  // directions, far above threshold.
  const mean = descriptor.mean(mu, sigma);
  if (mean !== null && mean !== 0 && sd !== null) {
    const theta = (mean * Math.sqrt(m)) / sd;
    const r = bbpAdditive(theta, q, sd);
    bbp.push({ strength: theta, threshold: r.threshold, detached: r.detached, outlier: r.outlier, overlap2: r.overlap2 });
  }

  // Tracy–Widom governs the top bulk eigenvalue of light-tailed matrices; detached spikes sit above it. Johnstone's
  // real-data centring uses N − 1, so N = 1 (then M = 1 and X = w² is one σ²χ²₁ value, with no edge law) has
  // none: the field is null, as for heavy tails, rather than the draw failing.
  let tracy_widom: Truth['tracy_widom'] = null;
  if (!heavy && sd !== null && n >= 2) {
    const j = johnstone(n, m, { beta: 1, sigma: sd });
    const anyDetached = bbp.some((b) => b.detached);
    tracy_widom = { beta: 1, center: j.center, scale: j.scale, applies_to: anyDetached ? 'first_bulk_eigenvalue' : 'lambda_max' };
  }

  let heavy_tail: Truth['heavy_tail'] = null;
  if (heavy) {
    const cls = heavyTailClass(mu as number);
    const C = descriptor.tailConstant(mu, sigma) as number;
    heavy_tail = {
      regime: cls.regime,
      ...predictedAlpha(ensemble, mu as number, q, m, cls.predictedAlpha),
      lambda_max_law: cls.lambdaMaxLaw,
      tail_constant: C,
      frechet_scale: (mu as number) < 4 ? checkedFrechetScale(n, m, mu as number, sigma, C) : null,
    };
  }

  return {
    ensemble,
    law,
    N: n,
    M: m,
    Q: q,
    sigma,
    mu,
    spikes: p.spikes,
    spike_model: ensemble === 'spiked' ? p.spikeModel : null,
    normalization: '1/N',
    element_variance: variance,
    mp,
    bbp,
    tracy_widom,
    heavy_tail,
  };
}

/**
 * The MP edges and Johnstone's scaling are σ_x² times numbers of order one, with σ_x² the entries' variance
 * (σ² for Gaussian entries): a σ for which that variance is not a normal float64 (it underflows to 0 or overflows
 * to Infinity) is refused here, naming the σ the user gave, rather than by the theory functions, which would be
 * handed √variance, a value the user never passed (σ = 1e-200 gives √0 = 0).
 */
function checkVariance(sigma: number, variance: number, unitVariance: number, q: number): void {
  try {
    checkAspect(q, Math.sqrt(variance));
  } catch (err) {
    if (!(err instanceof ParameterError) || err.parameter !== 'sigma') throw err;
    const log10 = Math.log10(unitVariance) + 2 * Math.log10(sigma);
    throw new ParameterError(
      'sigma',
      sigma,
      "a σ whose entries' variance is a normal float64, 4 times it finite (Gaussian entries: about 1.5e-154 ≤ σ ≤ 6.7e153)",
      `the entries' variance would be about 1e${Math.floor(log10)}, so the Marchenko–Pastur edges of the truth are not float64 numbers`,
    );
  }
}

/**
 * The Fréchet scale (C·N·M)^(2/μ)/N of λ_max; a μ for which it is beyond float64 is refused, naming μ (X = WᵀW/N of
 * such a draw cannot be computed in float64 either), rather than recorded as Infinity.
 */
function checkedFrechetScale(n: number, m: number, mu: number, sigma: number, tailConstant: number): number {
  const scale = frechetScale(n, m, mu, { tailConstant });
  if (scale <= Number.MAX_VALUE) return scale;
  const log10 = (2 / mu) * Math.log10(tailConstant * n * m) - Math.log10(n);
  throw new ParameterError(
    'mu',
    mu,
    'a μ (or σ) whose λ_max scale fits in float64: a larger μ',
    `the Fréchet scale (C·N·M)^(2/μ)/N of λ_max would be about 1e${Math.floor(log10)} at μ = ${mu}, σ = ${sigma}, beyond float64`,
  );
}

type PredictedAlpha = Pick<
  NonNullable<Truth['heavy_tail']>,
  'predicted_alpha' | 'predicted_alpha_basis' | 'predicted_alpha_interval' | 'predicted_alpha_note'
>;

/**
 * The ESD tail exponent to expect: the limit 1 + μ/2 for μ ≤ 2; for 2 < μ < 4 the empirical calibration at this
 * law, Q and M (notebook 13); none otherwise, with the reason.
 */
function predictedAlpha(ensemble: string, mu: number, q: number, m: number, limit: number | null): PredictedAlpha {
  if (limit !== null) {
    return { predicted_alpha: limit, predicted_alpha_basis: 'limit', predicted_alpha_interval: null, predicted_alpha_note: 'limit theorem: α = 1 + μ/2 for μ ≤ 2' };
  }
  const none = (why: string): PredictedAlpha => ({ predicted_alpha: null, predicted_alpha_basis: null, predicted_alpha_interval: null, predicted_alpha_note: why });
  if (mu >= 4) return none('μ ≥ 4: no power-law tail in the limit, and the fitted α̂ is unstable');
  const c = calibratedAlpha(ensemble, mu, q, m);
  if (!c) return none(`2 < μ < 4 has no limit theorem, and the empirical calibration does not cover this draw: ${calibratedAlphaGap(ensemble, mu, q, m)}`);
  const where = c.interpolated ? 'interpolated between calibrated cells' : 'a calibrated cell';
  return {
    predicted_alpha: c.alpha,
    predicted_alpha_basis: 'empirical-calibration',
    predicted_alpha_interval: c.interval,
    predicted_alpha_note:
      `empirical calibration of the fitted α̂ (notebook 13) for ${ensemble} entries at Q = ${q}, M = ${m}, μ = ${mu} ` +
      `(${where}; mean over ${c.seeds}+ seeds, SE ${c.se.toPrecision(2)}; one fit falls in [${c.interval[0].toPrecision(3)}, ${c.interval[1].toPrecision(3)}] about 95% of the time)`,
  };
}
