import { ParameterError } from '../errors.js';
import { ENTRY_LIMIT, MAX_ENTRIES, overEntryLimit } from '../limits.js';
import { validateSeed } from '../random/index.js';
import { inRange, integer, list, oneOf, positive, record } from '../validate.js';
import { checkMu, LAWS, lawOf, type LawDescriptor } from './laws.js';
import { ENSEMBLES, SPIKE_MODELS, type EnsembleName, type EnsembleParams } from './types.js';

export { MAX_ENTRIES };

/** The law of an ensemble's entries (the spiked ensemble is Gaussian underneath). */
export function ensembleLaw(ensemble: EnsembleName): LawDescriptor {
  return ensemble === 'spiked' ? LAWS.gaussian : lawOf(ensemble, 'ensemble');
}

export type ResolvedParams = Required<Omit<EnsembleParams, 'mu'>> & { mu: number | null };

/** Validates user parameters (the boundary of every caller) and fills in the defaults. */
export function resolveParams(p: EnsembleParams): ResolvedParams {
  record('params', p, 'an object of ensemble parameters { ensemble, n, m, seed, … }');
  const ensemble = oneOf('ensemble', p.ensemble, ENSEMBLES);
  const n = integer('n', p.n, 1);
  const m = integer('m', p.m, 1);
  if (m > n) throw new ParameterError('m', m, `an integer in [1, n = ${n}] (W is N×M with N ≥ M)`);
  const tooLarge = overEntryLimit(n * m);
  if (tooLarge) throw new ParameterError('n×m', `${n}×${m}`, ENTRY_LIMIT, tooLarge);
  const sigma = positive('sigma', p.sigma ?? 1);
  const seed = validateSeed(p.seed);

  const mu = checkMu(ensembleLaw(ensemble), p.mu);

  if (p.spikes !== undefined && p.spikes !== null) list('spikes', p.spikes, 'an array of spike strengths');
  let spikes: number[] = [];
  // Checked for every ensemble: the resolved parameters (and so every export's record) hold it.
  const spikeModel = oneOf('spike-model', p.spikeModel ?? 'covariance', SPIKE_MODELS);
  if (ensemble === 'spiked') {
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
