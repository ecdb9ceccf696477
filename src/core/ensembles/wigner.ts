import { ParameterError } from '../errors.js';
import {
  hermiteEigenvalues,
  hermiteHistogram,
  hermiteLargestEigenvalues,
  MAX_HERMITE_N,
  MAX_HERMITE_TOP_N,
  symmetricEigenvalues,
  type SpectrumHistogram,
} from '../linalg/index.js';
import type { Matrix } from '../linalg/matrix.js';
import { createStream, validateSeed, type RandomStream, type Seed } from '../random/index.js';
import { integer, oneOf, record } from '../validate.js';
import { checkMu, LAWS } from './laws.js';
import { symmetricMatrix, SYMMETRIC_LAWS } from './symmetric.js';

/**
 * Wigner matrices: symmetric N×N H with independent entries above the diagonal, normalised so that Gaussian entries
 * give the semicircle on [−2, 2] (off-diagonal variance 1/N). Dense draws are real (β = 1), with Gaussian or
 * symmetric heavy-tailed entries; the tridiagonal β-Hermite model gives Gaussian spectra for any β > 0 at sizes no
 * dense method reaches.
 */

/** The heavy-tailed symmetric laws (the symmetric matrices' laws but the Gaussian). */
export type WignerTail = Exclude<(typeof SYMMETRIC_LAWS)[number], 'gaussian'>;
export const WIGNER_TAILS = SYMMETRIC_LAWS.filter((law): law is WignerTail => law !== 'gaussian');
export const WIGNER_METHODS = ['dense', 'tridiagonal'] as const;
export type WignerMethod = (typeof WIGNER_METHODS)[number];

/** Largest dense H: 10⁴×10⁴ is 0.8 GB and about two minutes of eigenvalues. */
export const MAX_WIGNER_DENSE_N = 10_000;
/** Largest tridiagonal model whose every eigenvalue is computed (O(n²): minutes at 10⁵). */
export const MAX_WIGNER_TRIDIAGONAL_N = 100_000;

export interface WignerParams {
  n: number;
  /** Dyson index: 1 (default) for dense draws; any β > 0 with the tridiagonal method. */
  beta?: number;
  /** Heavy-tailed symmetric entries (dense only); omitted: Gaussian. */
  tail?: WignerTail;
  /** Tail exponent of `tail`: P(|x| > t) ~ t^(−μ); stable needs 0 < μ ≤ 2. */
  mu?: number;
  /** Default: dense for β = 1 and heavy tails, tridiagonal otherwise. */
  method?: WignerMethod;
  seed: Seed;
}

export interface ResolvedWignerParams {
  n: number;
  beta: number;
  tail: WignerTail | null;
  mu: number | null;
  method: WignerMethod;
  seed: Seed;
}

/** Validates at the boundary and says which combinations are refused, and why. */
export function resolveWignerParams(p: WignerParams, maxN?: number): ResolvedWignerParams {
  if (p === null || typeof p !== 'object') throw new ParameterError('params', p, 'an object');
  const beta = p.beta ?? 1;
  if (typeof beta !== 'number' || !(beta > 0 && beta < Infinity)) throw new ParameterError('beta', beta, 'a number β > 0 (1 with the dense method)');
  const tail = p.tail === undefined ? null : oneOf('tail', p.tail, WIGNER_TAILS);
  const method = oneOf('method', p.method ?? (beta === 1 || tail ? 'dense' : 'tridiagonal'), WIGNER_METHODS);
  if (method === 'dense' && beta !== 1) {
    throw new ParameterError('beta', beta, '1 with the dense method (real symmetric H); use the tridiagonal method for β = 2, 4 or any β > 0');
  }
  if (method === 'tridiagonal' && tail) {
    throw new ParameterError('tail', tail, 'none with the tridiagonal method (the β-Hermite model is Gaussian); use the dense method for heavy tails');
  }
  const limit = maxN ?? (method === 'dense' ? MAX_WIGNER_DENSE_N : MAX_WIGNER_TRIDIAGONAL_N);
  const n = integer('n', p.n, 1, limit);
  // The chain's off-diagonal entries are χ with β(N − 1), …, β degrees of freedom, and it is scaled by 1/√(βN):
  // β·N must be a finite float64.
  if (!(beta * n <= Number.MAX_VALUE)) {
    const bound = Number.MAX_VALUE / n;
    const unit = 10 ** (Math.floor(Math.log10(bound)) - 2);
    const most = Number((Math.floor(bound / unit) * unit).toPrecision(3)); // three digits, rounded down: itself allowed
    throw new ParameterError('beta', beta, `a number 0 < β ≤ ${most} at N = ${n} (β·N must fit in float64)`, 'the β-Hermite chain has χ entries with up to β·(N − 1) degrees of freedom');
  }
  if (!tail && p.mu !== undefined) throw new ParameterError('mu', p.mu, 'no μ without --tail (Gaussian entries)');
  const mu = tail ? checkMu(LAWS[tail], p.mu) : null;
  return { n, beta, tail, mu, method, seed: validateSeed(p.seed) };
}

function streams(seed: Seed): { entries: RandomStream; tridiagonal: RandomStream } {
  const root = createStream(seed, 'wigner');
  return { entries: root, tridiagonal: root.fork('tridiagonal') };
}

/**
 * The dense symmetric H: the symmetric matrix of the entry law with iid diagonal (`symmetricMatrix`: s·x_ij above
 * the diagonal, mirrored below), its diagonal multiplied by √2. The scale s is `symmetricScale`, shared with the
 * spin-glass couplings: 1/√(vN) for entry variance v, and N^(−1/μ) for infinite-variance tails (μ ≤ 2, Cizeau and
 * Bouchaud's normalisation, under which the spectrum tends to `levyDensity`). For Gaussian entries this is the GOE,
 * equal in law to (A + Aᵀ)/√(2N): off-diagonal variance 1/N, diagonal 2/N.
 */
export function wignerMatrix(params: WignerParams): Matrix {
  const p = resolveWignerParams({ ...wignerObject(params), method: params.method ?? 'dense' });
  if (p.method !== 'dense') throw new ParameterError('method', p.method, "'dense' (the tridiagonal model has no dense matrix)");
  const { n, tail, mu } = p;
  const H = symmetricMatrix(streams(p.seed).entries, { law: tail ?? 'gaussian', mu, n, diagonal: 'iid' });
  for (let i = 0; i < n; i++) H.data[i * n + i] *= Math.SQRT2;
  return H;
}

/** All eigenvalues of H, ascending: dense (β = 1, any tail) or tridiagonal (Gaussian, any β > 0). */
export function wignerEigenvalues(params: WignerParams): Float64Array {
  const p = resolveWignerParams(params);
  if (p.method === 'dense') return symmetricEigenvalues(wignerMatrix(params));
  return hermiteEigenvalues(streams(p.seed).tridiagonal, { n: p.n, beta: p.beta });
}

/**
 * The k largest eigenvalues of the tridiagonal model, ascending, from its leading block (O(n^(2/3)) time: n = 10⁶
 * in a fraction of a second, n = 10⁹ in seconds). The method defaults to 'tridiagonal' here for every β, while
 * wignerEigenvalues defaults to 'dense' for β = 1: with β = 1 and no method the two are different random matrices
 * of the same law (the dense GOE H and the β-Hermite chain, from different sub-streams of the seed). They equal the
 * top k of wignerEigenvalues({ ...params, method: 'tridiagonal' }) to rounding, and those of wignerEigenvalues with
 * the same parameters whenever its default is the tridiagonal model too (β ≠ 1).
 */
export function wignerLargestEigenvalues(params: WignerParams & { k: number }): Float64Array {
  const p = resolveWignerParams({ ...wignerObject(params), method: params.method ?? 'tridiagonal' }, MAX_HERMITE_TOP_N);
  if (p.method !== 'tridiagonal') throw new ParameterError('method', p.method, "'tridiagonal' (the top block exists only for the β-Hermite model)");
  return hermiteLargestEigenvalues(streams(p.seed).tridiagonal, { n: p.n, beta: p.beta, k: params.k });
}

/**
 * Exact eigenvalue counts of the tridiagonal model between the edges (Sturm counts: n = 10⁶ in about a second).
 * Like wignerLargestEigenvalues it uses the β-Hermite chain for every β (method 'tridiagonal', the only one it
 * takes): the counts are those of wignerEigenvalues({ ...params, method: 'tridiagonal' }), not of the dense draw
 * that wignerEigenvalues makes by default for β = 1.
 */
export function wignerHistogram(params: WignerParams & { edges: ArrayLike<number> }): SpectrumHistogram {
  const p = resolveWignerParams({ ...wignerObject(params), method: params.method ?? 'tridiagonal' }, MAX_HERMITE_N);
  if (p.method !== 'tridiagonal') throw new ParameterError('method', p.method, "'tridiagonal' (Sturm counts need the β-Hermite model)");
  return hermiteHistogram(streams(p.seed).tridiagonal, { n: p.n, beta: p.beta, edges: params.edges });
}

/** The parameter object itself, checked before its fields are read. */
function wignerObject<T extends object>(params: T): T {
  return record<T>('params', params, 'an object of Wigner parameters { n, seed, … }');
}
