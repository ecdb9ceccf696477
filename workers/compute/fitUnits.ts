/**
 * fitEsd reports eigenvalue-valued columns in WeightWatcher's units (s(W)², normalization 'none') whenever N is
 * known. The labs draw X = WᵀW/N, so those columns are divided by N to share the charts' axis; norms and ranks
 * (log_norm, stable_rank, …) are left as WeightWatcher defines them.
 */
import type { EsdFit } from '../../src/core/fit/index.js';

const EIGENVALUE_COLUMNS = ['xmin', 'xmax', 'lambda_minus', 'lambda_plus', 'tw_center', 'tw_scale', 'spike_threshold', 'lambda_max'] as const;

export function fitPerN(fit: EsdFit): EsdFit {
  if (fit.normalization !== 'none' || fit.N === null) return fit;
  const out: EsdFit = { ...fit, normalization: '1/N' };
  for (const key of EIGENVALUE_COLUMNS) {
    const value = out[key];
    if (typeof value === 'number') out[key] = value / fit.N;
  }
  return out;
}
