import { positive, record } from '../validate.js';
import { PHASE_RULES, type EsdFit } from '../fit/index.js';
import { frechetPdf, twPdf } from '../theory/index.js';
import type { ExtremeVerdict } from './types.js';

/**
 * Fréchet or Tracy–Widom: which law explains the observed λ_max better (one observation, so weak evidence,
 * stated as a likelihood ratio).
 *
 * - Tracy–Widom: λ_max is the largest eigenvalue of an MP bulk, (λ_max − c)/s ~ TW1 with Johnstone's c, s at
 *   the fitted σ (the fit's `lambda_max_tw` score).
 * - Fréchet: λ_max is the largest of M draws from the fitted power-law tail. With n_tail eigenvalues above xmin
 *   and exponent α̂, P(λ > x) ≈ (n_tail/M)(x/xmin)^(1−α̂), so P(λ_max ≤ x) ≈ exp(−(x/a)^(−(α̂−1))) with scale
 *   a = xmin·n_tail^(1/(α̂−1)): the Fréchet law of shape α̂ − 1 (= μ/2 when α̂ = 1 + μ/2, as for μ < 2).
 *
 * Verdict: 'outlier' when λ_max is a separated spike of a thin tail (TW score above the phase classifier's
 * separatedTw = 12 while the fitted α̂ ≥ heavyAlpha = 3: a BBP outlier, which neither law describes; the
 * Fréchet fit would otherwise be fitted to the outlier itself); else the law of higher likelihood when the
 * ratio exceeds RATIO; else 'undecided'.
 * Far tails of TW1 (|z| > 8) use the leading order of its asymptotics, ln f ≈ −(2/3)z^(3/2) on the right and
 * −|z|³/24 on the left: the Nyström density has only absolute accuracy there.
 */

export const RATIO = 3;

function logTw(z: number): number {
  if (z > 8) return -(2 / 3) * Math.pow(z, 1.5);
  if (z < -8) return -Math.pow(-z, 3) / 24;
  const f = twPdf(z, 1);
  return f > 0 ? Math.log(f) : -Infinity;
}

/** `fit` in X units (eigenvalues of AᵀA/N_a): lambda_max, tw_center, tw_scale, xmin as reported by fitEsd / N_a. */
export function extremeVerdict(fit: EsdFit, unitsPerX: number): ExtremeVerdict {
  record('fit', fit);
  positive('unitsPerX', unitsPerX);
  const out: ExtremeVerdict = { verdict: 'undecided', tw_score: null, log_lik_tw: null, log_lik_frechet: null, frechet_shape: null, frechet_scale: null };
  if (fit.status !== 'ok' || fit.lambda_max === null) return out;
  const lambda = fit.lambda_max / unitsPerX;
  if (fit.lambda_max_tw !== null && fit.tw_scale !== null && Number.isFinite(fit.lambda_max_tw)) {
    const z = fit.lambda_max_tw;
    out.tw_score = z;
    out.log_lik_tw = logTw(z) - Math.log(fit.tw_scale / unitsPerX);
  }
  if (fit.alpha !== null && fit.alpha > 1 && fit.xmin !== null && fit.num_pl_spikes !== null && fit.num_pl_spikes > 0) {
    const shape = fit.alpha - 1;
    const scale = (fit.xmin / unitsPerX) * Math.pow(fit.num_pl_spikes, 1 / shape);
    out.frechet_shape = shape;
    out.frechet_scale = scale;
    const f = frechetPdf(lambda / scale, shape);
    out.log_lik_frechet = f > 0 ? Math.log(f) - Math.log(scale) : null;
  }
  const tw = out.log_lik_tw ?? -Infinity;
  const fr = out.log_lik_frechet ?? -Infinity;
  const separated = out.tw_score !== null && out.tw_score > PHASE_RULES.separatedTw;
  const thin = fit.alpha === null || fit.alpha >= PHASE_RULES.heavyAlpha;
  if (separated && thin) out.verdict = 'outlier';
  else if (tw - fr > Math.log(RATIO)) out.verdict = 'tracy-widom';
  else if (fr - tw > Math.log(RATIO)) out.verdict = 'frechet';
  return out;
}
