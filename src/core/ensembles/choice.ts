import { ParameterError } from '../errors.js';
import { parseSeed } from '../random/index.js';
import { integer, oneOf, positive, record } from '../validate.js';
import { HEAVY_TAILED_LAWS } from './laws.js';
import { SPIKE_MODELS, type EnsembleParams } from './types.js';

/**
 * An ensemble as the labs offer it: a family (Gaussian, spiked, or heavy-tailed with one of the heavy-tailed
 * laws), N and the aspect ratio Q instead of M, and a text seed.
 */
export const ENSEMBLE_FAMILIES = ['gaussian', 'spiked', 'heavy-tailed'] as const;
export type EnsembleFamily = (typeof ENSEMBLE_FAMILIES)[number];

export interface EnsembleChoice {
  ensemble: string;
  /** The element law of the heavy-tailed family (ignored by the others). */
  law: string;
  n: number;
  q: number;
  sigma?: number;
  mu: number;
  spikes?: number[];
  spikeModel?: string;
  seed: string;
}

/** Columns M of an N-row matrix at aspect ratio Q = N/M (at least 1). */
export function columnsFor(n: number, q: number): number {
  return Math.max(1, Math.round(integer('n', n, 1) / positive('q', q)));
}

/**
 * The core's parameters for a choice; `seedSuffix` derives a distinct draw (the seed text plus the suffix).
 * @throws ParameterError for an unknown family, law or spike model.
 */
export function ensembleParams(c: EnsembleChoice, seedSuffix = ''): EnsembleParams {
  record('c', c, 'an ensemble choice { ensemble, law, n, q, mu, seed }');
  const family = oneOf('ensemble', c.ensemble, ENSEMBLE_FAMILIES);
  const heavy = family === 'heavy-tailed';
  const params: EnsembleParams = {
    ensemble: heavy ? oneOf('law', c.law, HEAVY_TAILED_LAWS) : family,
    n: c.n,
    m: columnsFor(c.n, c.q),
    sigma: c.sigma ?? 1,
    seed: seedSuffix ? `${c.seed}${seedSuffix}` : parseSeed(c.seed),
  };
  if (heavy) params.mu = c.mu;
  if (family === 'spiked') {
    params.spikes = c.spikes ?? [];
    params.spikeModel = oneOf('spikeModel', c.spikeModel ?? 'covariance', SPIKE_MODELS);
  }
  if (typeof c.seed !== 'string') throw new ParameterError('seed', c.seed, 'a seed as text');
  return params;
}
