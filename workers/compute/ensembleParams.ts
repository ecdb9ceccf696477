/** From the UI's controls to the core's EnsembleParams (ensemble + element law, M from N and Q). */
import type { EnsembleName, EnsembleParams, SpikeModel } from '../../src/core/ensembles/index.js';
import { parseSeed } from '../../src/core/random/index.js';
import { columnsFor } from '../../src/labs/index.js';

export interface EnsembleControls {
  ensemble: string;
  law: string;
  n: number;
  q: number;
  sigma?: number;
  mu: number;
  spikes?: number[];
  spikeModel?: string;
  seed: string;
}

export function coreEnsemble(c: EnsembleControls): EnsembleName {
  if (c.ensemble === 'heavy-tailed') return c.law as EnsembleName;
  return c.ensemble as EnsembleName;
}

export function ensembleParams(c: EnsembleControls, seedSuffix = ''): EnsembleParams {
  const ensemble = coreEnsemble(c);
  const heavy = c.ensemble === 'heavy-tailed';
  const params: EnsembleParams = {
    ensemble,
    n: c.n,
    m: columnsFor(c.n, c.q),
    sigma: c.sigma ?? 1,
    seed: seedSuffix ? `${c.seed}${seedSuffix}` : parseSeed(c.seed),
  };
  if (heavy) params.mu = c.mu;
  if (ensemble === 'spiked') {
    params.spikes = c.spikes ?? [];
    params.spikeModel = (c.spikeModel ?? 'covariance') as SpikeModel;
  }
  return params;
}
