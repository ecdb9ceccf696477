import { ParameterError } from '../errors.js';
import { validateSeed } from '../random/index.js';
import { inRange, integer, oneOf, positive } from '../validate.js';
import { checkMu, LAWS, type LawDescriptor } from './laws.js';
import { ENSEMBLES, SPIKE_MODELS, type EnsembleName, type EnsembleParams } from './types.js';

/** Largest W we agree to build: 2.5e8 entries is 2 GB of float64, already beyond what a spectrum can use. */
export const MAX_ENTRIES = 250_000_000;

/** The law of an ensemble's entries (the spiked ensemble is Gaussian underneath). */
export function ensembleLaw(ensemble: EnsembleName): LawDescriptor {
  return ensemble === 'spiked' ? LAWS.gaussian : LAWS[ensemble];
}

export type ResolvedParams = Required<Omit<EnsembleParams, 'mu'>> & { mu: number | null };

/** Validates user parameters (the boundary of every caller) and fills in the defaults. */
export function resolveParams(p: EnsembleParams): ResolvedParams {
  const ensemble = oneOf('ensemble', p.ensemble, ENSEMBLES);
  const n = integer('n', p.n, 1);
  const m = integer('m', p.m, 1);
  if (m > n) throw new ParameterError('m', m, `an integer in [1, n = ${n}] (W is N×M with N ≥ M)`);
  if (n * m > MAX_ENTRIES) {
    const gb = ((n * m * 8) / 1e9).toFixed(1);
    throw new ParameterError('n×m', `${n}×${m}`, `at most ${MAX_ENTRIES} entries`, `W would need ${gb} GB`);
  }
  const sigma = positive('sigma', p.sigma ?? 1);
  const seed = validateSeed(p.seed);

  const mu = checkMu(ensembleLaw(ensemble), p.mu);

  let spikes: number[] = [];
  let spikeModel = p.spikeModel ?? 'covariance';
  if (ensemble === 'spiked') {
    spikeModel = oneOf('spike-model', spikeModel, SPIKE_MODELS);
    if (!p.spikes || p.spikes.length === 0) {
      throw new ParameterError('spikes', p.spikes ?? 'none', 'a non-empty list of spike strengths (required by spiked)');
    }
    if (p.spikes.length > m) throw new ParameterError('spikes', `${p.spikes.length} spikes`, `at most m = ${m} spikes`);
    spikes = p.spikes.map((s, k) =>
      spikeModel === 'covariance'
        ? inRange(`spikes[${k}]`, s, 1, Infinity, { maxOpen: true })
        : inRange(`spikes[${k}]`, s, 0, Infinity, { maxOpen: true }),
    );
  } else if (p.spikes && p.spikes.length > 0) {
    throw new ParameterError('spikes', p.spikes.join(','), 'no spikes: only the spiked ensemble takes spikes');
  }
  return { ensemble, n, m, sigma, mu, spikes, spikeModel, seed };
}
