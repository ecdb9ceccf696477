import { ParameterError } from '../errors.js';
import { ENTRY_LIMIT, MAX_ENTRIES, overEntryLimit } from '../limits.js';
import { validateSeed } from '../random/index.js';
import { inRange, integer, list, oneOf, positive, record } from '../validate.js';
import { ENSEMBLES, SPIKE_MODELS, type EnsembleParams } from './types.js';

export { MAX_ENTRIES };

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

  const heavy = ensemble === 'pareto' || ensemble === 'lomax' || ensemble === 'student-t' || ensemble === 'stable';
  let mu: number | null = null;
  if (heavy) {
    if (p.mu === undefined) throw new ParameterError('mu', undefined, `a tail exponent μ > 0 (required by ${ensemble})`);
    mu = ensemble === 'stable' ? inRange('mu', p.mu, 0, 2, { minOpen: true }) : positive('mu', p.mu);
  } else if (p.mu !== undefined) {
    throw new ParameterError('mu', p.mu, 'no μ: only pareto, lomax, student-t and stable take a tail exponent');
  }

  if (p.spikes !== undefined && p.spikes !== null) list('spikes', p.spikes, 'an array of spike strengths');
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
