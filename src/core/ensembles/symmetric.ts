import { ParameterError } from '../errors.js';
import { matrix, type Matrix } from '../linalg/matrix.js';
import type { RandomStream } from '../random/index.js';
import { integer, oneOf, randomStream, record } from '../validate.js';
import { checkMu, LAWS } from './laws.js';
import { MAX_ENTRIES, resolveParams } from './params.js';
import { sampleIid } from './sample.js';

/**
 * Symmetric N×N matrices with iid entries above the diagonal, drawn from the ensembles' element laws and
 * normalised so that a row sum Σ_j A_ij s_j of ±1 spins stays of order one as N grows:
 *
 * - finite variance v (Gaussian; Pareto-I and Student-t with μ > 2; stable with μ = 2, which is N(0, 2)):
 *   A_ij = x_ij / √(v·N), so the off-diagonal variance is 1/N (Wigner, Sherrington–Kirkpatrick);
 * - infinite variance (μ ≤ 2): A_ij = x_ij · N^(−1/μ), the scale of a sum of N terms in the domain of attraction
 *   of a μ-stable law (Cizeau & Bouchaud 1993, 1994: Lévy spin glasses and Lévy matrices).
 *
 * Entries are drawn in row-major order of the upper triangle (i < j), then the diagonal when it is drawn, from one
 * sample of the ensemble's sampler, so that the same stream gives the same matrix everywhere.
 */

export const SYMMETRIC_LAWS = ['gaussian', 'pareto', 'student-t', 'stable'] as const;
export type SymmetricLaw = (typeof SYMMETRIC_LAWS)[number];

export interface SymmetricOptions {
  law: SymmetricLaw;
  /** Tail exponent of the heavy-tailed laws (none for gaussian). */
  mu?: number | null;
  n: number;
  /** 'zero' (spin-glass couplings) or 'iid' (entries like the others). */
  diagonal: 'zero' | 'iid';
}

/** The factor c of A = c·X for iid entries X of `law` at scale 1 (see above). */
export function symmetricScale(law: SymmetricLaw, mu: number | null, n: number): number {
  const descriptor = LAWS[oneOf('law', law, SYMMETRIC_LAWS)];
  integer('n', n, 1);
  const tail = checkMu(descriptor, mu);
  const variance = descriptor.variance(tail, 1);
  if (variance !== null) return 1 / Math.sqrt(variance * n);
  const scale = n ** (-1 / (tail as number));
  // N^(−1/μ) underflows to 0 for a tiny μ: every entry would be 0, a silently wrong matrix.
  if (!(scale > 0)) throw new ParameterError('mu', mu, `a μ for which N^(−1/μ) is a float64 number (N = ${n})`);
  return scale;
}

export function symmetricMatrix(stream: RandomStream, options: SymmetricOptions): Matrix {
  randomStream('stream', stream);
  record('options', options, 'an object { law, mu, n, diagonal }');
  const law = oneOf('law', options.law, SYMMETRIC_LAWS);
  const n = integer('n', options.n, 1);
  const diagonal = oneOf('diagonal', options.diagonal, ['zero', 'iid'] as const);
  const count = (n * (n - 1)) / 2 + (diagonal === 'iid' ? n : 0);
  if (n * n > MAX_ENTRIES) throw new ParameterError('n', n, `N with N² ≤ ${MAX_ENTRIES}`, `${((8 * n * n) / 1e9).toFixed(1)} GB`);
  if (count === 0) return matrix(n, n);
  // resolveParams checks μ against the law (required and > 0; at most 2 for stable; none for gaussian).
  const p = resolveParams({ ensemble: law, n: count, m: 1, mu: options.mu ?? undefined, seed: stream.seed });
  const x = sampleIid(p, stream).data;
  const c = symmetricScale(law, p.mu, n);
  const a = matrix(n, n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = c * x[k++];
      a.data[i * n + j] = v;
      a.data[j * n + i] = v;
    }
  }
  if (diagonal === 'iid') for (let i = 0; i < n; i++) a.data[i * n + i] = c * x[k++];
  return a;
}
