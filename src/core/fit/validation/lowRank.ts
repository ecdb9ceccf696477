import { ParameterError } from '../../errors.js';
import { matrix, type Matrix } from '../../linalg/index.js';
import { createStream, fillNormal, type Seed } from '../../random/index.js';
import { integer, positive } from '../../validate.js';

export interface LowRankParams {
  n: number;
  m: number;
  /** Rank r of W (1 ≤ r ≤ m). */
  rank: number;
  sigma?: number;
  seed: Seed;
}

/** Ground truth of a low-rank draw (same conventions as the ensembles' truth: X = WᵀW/N). */
export interface LowRankTruth {
  ensemble: 'low-rank';
  N: number;
  M: number;
  Q: number;
  sigma: number;
  rank: number;
  normalization: '1/N';
  /** M − r eigenvalues of X are exactly zero (up to rounding). */
  zero_eigenvalues: number;
}

/**
 * W = A·B/√r with A (N×r) and B (r×M) iid N(0, σ²): entries have variance σ², and X = WᵀW/N has exactly
 * M − r zero eigenvalues: the rank-collapse phase by construction.
 */
export function generateLowRank(params: LowRankParams): { W: Matrix; truth: LowRankTruth } {
  if (params === null || typeof params !== 'object') throw new ParameterError('params', params, 'an object');
  const n = integer('n', params.n, 1);
  const m = integer('m', params.m, 1);
  if (m > n) throw new ParameterError('m', m, `an integer in [1, n = ${n}] (W is N×M with N ≥ M)`);
  const r = integer('rank', params.rank, 1, m);
  const sigma = positive('sigma', params.sigma ?? 1);
  const stream = createStream(params.seed, 'low-rank');
  const a = fillNormal(stream.fork('A'), new Float64Array(n * r), 0, sigma);
  const b = fillNormal(stream.fork('B'), new Float64Array(r * m), 0, 1 / Math.sqrt(r));
  const w = matrix(n, m);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < r; k++) {
      const aik = a[i * r + k];
      for (let j = 0; j < m; j++) w.data[i * m + j] += aik * b[k * m + j];
    }
  }
  return {
    W: w,
    truth: { ensemble: 'low-rank', N: n, M: m, Q: n / m, sigma, rank: r, normalization: '1/N', zero_eigenvalues: m - r },
  };
}
