import { ParameterError } from '../errors.js';
import type { MpFit } from './mpFit.js';

/**
 * The 5+1 phases of Martin & Mahoney (JMLR 2021) as an explicit rule set. The paper describes the phases by
 * pictures, not numbers; the cut-offs below are ours, chosen on generated matrices whose phase is known by
 * construction (see the validation harness) and stated in every output.
 *
 * Quantities: the MP fit (σ, Johnstone's TW centre μ_J and scale s_J, the spike threshold μ_J + s_J·TW1⁻¹(0.99)),
 * the outliers above that threshold split into *near* (TW score ≤ SEPARATED_TW: the edge bleeds) and *far*
 * (separated spikes), the power-law α of the tail, the KS distance of the bulk to its MP fit, and the mass at zero.
 * Rules, first match wins:
 *   1. rank-collapse  zero_fraction ≥ 0.10: W is numerically rank-deficient (λ ≤ M·ε·λ_max) by at least M/10
 *   2. heavy-tailed   outliers exist and (α < 3 or ≥ 10 % of the ESD lies above the MP edge); or the bulk is not
 *                     MP-shaped (KS > 0.1) and α < 3. The boundary is α = 3 rather than WeightWatcher's 4 because
 *                     moderate tails (μ ≈ 3) fit α ≈ 3.7–6 at M ≤ 1000 and belong to bulk-decay.
 *   3. bulk-decay     near and far outliers together, at least 3 in all (the edge decays continuously into a
 *                     tail, unlike isolated BBP spikes); or the bulk is not MP-shaped (KS > 0.1).
 *   4. bulk+spikes    at least one separated spike (TW score > 12).
 *   5. bleeding-out   outliers, all within 12 TW scales of the edge.
 *   6. random-like    no outlier: λ_max is within the TW fluctuations of the fitted edge.
 * SEPARATED_TW = 12: near-critical BBP outliers fluctuate by ~3 TW scales at M ≈ 200–500, so a spike placed a
 * few scales above the edge stays 'near' with high probability, while a spike 12 scales out is visibly detached.
 */

export const PHASES = ['random-like', 'bleeding-out', 'bulk+spikes', 'bulk-decay', 'heavy-tailed', 'rank-collapse'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_RULES = Object.freeze({
  zeroFraction: 0.1,
  heavyAlpha: 3,
  heavyOutlierFraction: 0.1,
  maxBulkKs: 0.1,
  separatedTw: 12,
  decayMinOutliers: 3,
});

export interface PhaseInput {
  /** The ESD, in the units of the MP fit. */
  eigenvalues: Float64Array | readonly number[];
  /** Null when no MP fit could be made (Q unknown): only rank-collapse can then be decided. */
  mp: MpFit | null;
  /** Power-law exponent of the tail (NaN when not fitted). */
  alpha: number;
  /** Fraction of numerically zero eigenvalues, rank_loss/M (see metrics.ts). */
  zero_fraction: number;
}

export interface PhaseResult {
  phase: Phase | null;
  /** The rule that fired first, with its numbers, then the values the rules looked at. */
  phase_reasons: string[];
  near_spikes: number;
  far_spikes: number;
}

const fmt = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(4)).toString() : String(x));

export function classifyPhase(input: PhaseInput): PhaseResult {
  if (input === null || typeof input !== 'object') throw new ParameterError('input', input, 'an object');
  const { eigenvalues, mp, alpha, zero_fraction: zeros } = input;
  const r = PHASE_RULES;
  const context: string[] = [];
  const done = (phase: Phase | null, why: string, near = 0, far = 0): PhaseResult => ({
    phase,
    phase_reasons: [why, ...context],
    near_spikes: near,
    far_spikes: far,
  });

  if (zeros >= r.zeroFraction) {
    return done('rank-collapse', `rank-collapse: ${fmt(100 * zeros)} % of eigenvalues are numerically zero (≥ ${100 * r.zeroFraction} %)`);
  }
  if (!mp) return done(null, 'no phase: the MP fit was skipped (Q unknown), so spikes and bulk cannot be told apart');

  let near = 0;
  let far = 0;
  for (let i = 0; i < eigenvalues.length; i++) {
    const x = eigenvalues[i];
    if (!(x > mp.spike_threshold)) continue;
    if ((x - mp.tw_center) / mp.tw_scale > r.separatedTw) far++;
    else near++;
  }
  const k = near + far;
  const outlierFraction = k / eigenvalues.length;
  const badBulk = mp.mp_ks > r.maxBulkKs;
  const heavyAlpha = alpha < r.heavyAlpha;
  context.push(
    `outliers above the TW edge: ${k} (${near} within ${r.separatedTw} TW scales, ${far} beyond); largest TW score ${fmt(mp.lambda_max_tw)}`,
    `alpha = ${fmt(alpha)}, MP bulk KS = ${fmt(mp.mp_ks)}, zero fraction = ${fmt(zeros)}`,
  );

  if ((k >= 1 && (heavyAlpha || outlierFraction >= r.heavyOutlierFraction)) || (badBulk && heavyAlpha)) {
    const why = heavyAlpha
      ? `alpha = ${fmt(alpha)} < ${r.heavyAlpha}`
      : `${fmt(100 * outlierFraction)} % of eigenvalues above the MP edge (≥ ${100 * r.heavyOutlierFraction} %)`;
    return done('heavy-tailed', `heavy-tailed: ${why}`, near, far);
  }
  if ((near >= 1 && far >= 1 && k >= r.decayMinOutliers) || badBulk) {
    const why = badBulk
      ? `bulk not MP-shaped (KS = ${fmt(mp.mp_ks)} > ${r.maxBulkKs})`
      : `${near} near and ${far} separated outliers (${k} ≥ ${r.decayMinOutliers}): the edge decays into a tail`;
    return done('bulk-decay', `bulk-decay: ${why}`, near, far);
  }
  if (far >= 1) return done('bulk+spikes', `bulk+spikes: ${far} spike(s) more than ${r.separatedTw} TW scales above the edge`, near, far);
  if (near >= 1) return done('bleeding-out', `bleeding-out: ${near} outlier(s) within ${r.separatedTw} TW scales of the edge`, near, far);
  return done('random-like', `random-like: no eigenvalue above the TW edge (largest TW score ${fmt(mp.lambda_max_tw)})`);
}
