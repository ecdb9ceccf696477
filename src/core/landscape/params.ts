import { ParameterError } from '../errors.js';
import { SYMMETRIC_LAWS, type SymmetricLaw } from '../ensembles/symmetric.js';
import { validateSeed, type Seed } from '../random/index.js';
import { finite, inRange, integer, oneOf, options, record } from '../validate.js';
import { MAX_ENUMERATION_N } from './enumerate.js';
import { DESCENT_RULES, type DescentRule } from './quench.js';
import { TEMPERING_DEFAULTS, type TemperingSearchOptions } from './tempering.js';

/** The parameters of a landscape run, their defaults and the checks every boundary applies. */

export const COUPLING_LAWS = SYMMETRIC_LAWS;
export type CouplingLaw = SymmetricLaw;
export const LANDSCAPE_METHODS = ['enumerate', 'quench', 'tempering'] as const;
export type LandscapeMethod = (typeof LANDSCAPE_METHODS)[number];

/**
 * Smallest tail exponent: at μ = 0.5 the largest of the N² couplings exceeds a typical one by about N^(2/μ) =
 * N⁴, so float64 energies keep only a few digits of the typical bonds at N = 1000; below it they keep none.
 */
export const MIN_MU = 0.5;
/** Largest N for quenches and tempering: J alone is N² float64 (2 GiB at this size). */
export const MAX_LANDSCAPE_N = 16384;
/** Up to this N the default method is exact enumeration (under a second per instance on one core). */
export const DEFAULT_ENUMERATION_N = 32;
export const DEFAULT_QUENCHES = 1000;
/**
 * Largest planted strength λ. The planted part adds up to about N·λ/2 to an energy (and 2λ to a local field), and
 * the searches add and compare such numbers: at N ≤ MAX_LANDSCAPE_N and λ ≤ 1e300 they stay below 1e305, inside
 * float64 (1.8e308), where 1e308 at N = 12 already gave a ground-state energy of −Infinity.
 */
export const MAX_PLANTED = 1e300;
const PLANTED_RULE = 'a strength 0 ≤ λ ≤ 1e300 (J + (λ/N)ξξᵀ)';
const MAX_INSTANCES = 100_000;
const MAX_QUENCHES = 100_000;

export interface LandscapeOptions {
  couplings: CouplingLaw;
  /** Tail exponent μ (pareto, student-t: μ ≥ 0.5; stable: 0.5 ≤ μ ≤ 2; none for gaussian). */
  mu?: number | null;
  /** Strength λ ≥ 0 of the planted pattern: J + (λ/N)ξξᵀ off the diagonal (default 0: none). */
  planted?: number;
  n: number;
  instances?: number;
  /** How the ground state is found (default: enumerate up to N = 32, tempering above). */
  method?: LandscapeMethod;
  quenches?: number;
  rule?: DescentRule;
  seed: Seed;
  tempering?: TemperingSearchOptions;
}

export interface ResolvedLandscape {
  couplings: CouplingLaw;
  mu: number | null;
  planted: number;
  n: number;
  instances: number;
  method: LandscapeMethod;
  quenches: number;
  rule: DescentRule;
  seed: Seed;
  tempering: Required<TemperingSearchOptions>;
}

/** Resolving is idempotent, so functions that take resolved parameters check them by resolving them again. */
export function resolveLandscape(o: LandscapeOptions): ResolvedLandscape {
  record('options', o, 'landscape options { couplings, n, seed, … }');
  const couplings = oneOf('couplings', o.couplings, COUPLING_LAWS);
  let mu: number | null = null;
  if (couplings === 'gaussian') {
    if (o.mu !== undefined && o.mu !== null) throw new ParameterError('mu', o.mu, 'no μ: only pareto, student-t and stable couplings take a tail exponent');
  } else {
    if (o.mu === undefined || o.mu === null) throw new ParameterError('mu', o.mu ?? 'missing', `a tail exponent μ (required by ${couplings} couplings)`);
    mu = couplings === 'stable' ? inRange('mu', o.mu, MIN_MU, 2) : inRange('mu', o.mu, MIN_MU, Infinity, { maxOpen: true });
  }
  const planted = o.planted === undefined ? 0 : finite('planted', o.planted, PLANTED_RULE);
  if (planted < 0) throw new ParameterError('planted', planted, PLANTED_RULE);
  if (planted > MAX_PLANTED) throw new ParameterError('planted', planted, PLANTED_RULE, 'the energies of its configurations would exceed float64');
  const method = o.method === undefined ? (o.n <= DEFAULT_ENUMERATION_N ? 'enumerate' : 'tempering') : oneOf('method', o.method, LANDSCAPE_METHODS);
  const n = integer('n', o.n, 2, MAX_LANDSCAPE_N);
  if (method === 'enumerate' && n > MAX_ENUMERATION_N) {
    throw new ParameterError('n', n, `N ≤ ${MAX_ENUMERATION_N} for exact enumeration`, `2^${n - 1} configurations; tempering or quench give the best found`);
  }
  const t = options<TemperingSearchOptions>('tempering', o.tempering);
  const tMin = inRange('tempering.tMin', t.tMin ?? TEMPERING_DEFAULTS.tMin, 0, Infinity, { minOpen: true, maxOpen: true });
  const tempering = {
    replicas: integer('tempering.replicas', t.replicas ?? TEMPERING_DEFAULTS.replicas, 2, 1000),
    sweeps: integer('tempering.sweeps', t.sweeps ?? TEMPERING_DEFAULTS.sweeps, 1),
    tMin,
    tMax: inRange('tempering.tMax', t.tMax ?? TEMPERING_DEFAULTS.tMax, tMin, Infinity, { minOpen: true, maxOpen: true }),
  };
  return {
    couplings,
    mu,
    planted,
    n,
    instances: integer('instances', o.instances ?? 1, 1, MAX_INSTANCES),
    method,
    quenches: integer('quenches', o.quenches ?? DEFAULT_QUENCHES, 1, MAX_QUENCHES),
    rule: oneOf('rule', o.rule ?? 'greedy', DESCENT_RULES),
    seed: validateSeed(o.seed),
    tempering,
  };
}
