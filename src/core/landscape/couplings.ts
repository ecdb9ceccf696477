import { symmetricMatrix } from '../ensembles/symmetric.js';
import { createStream, type RandomStream } from '../random/index.js';
import { integer } from '../validate.js';
import { resolveLandscape, type ResolvedLandscape } from './params.js';
import { randomSpins } from './quench.js';

/**
 * One disorder instance: J symmetric with zero diagonal, iid couplings above it (see ensembles/symmetric.ts for
 * the normalisation: variance 1/N when finite, N^(−1/μ) otherwise), plus the planted pattern (λ/N)ξξᵀ off the
 * diagonal when λ > 0, which makes ±ξ a deeper and deeper valley as λ grows (the "minimal frustration" funnel).
 *
 * Streams: instance k is createStream(seed, 'landscape', k), forked into 'couplings', 'planted' (ξ), 'quench'
 * (one sub-stream per quench) and 'tempering'. The couplings depend only on the seed, the law, μ, N and k, so
 * adding a planted pattern, changing the method or the number of quenches leaves them as they were.
 */

export interface LandscapeInstance {
  index: number;
  n: number;
  /** N×N row-major. */
  J: Float64Array;
  /** ξ ∈ {±1}^N, or null without a planted pattern. */
  planted: Int8Array | null;
  stream: RandomStream;
}

export function drawInstance(resolved: ResolvedLandscape, index: number): LandscapeInstance {
  const p = resolveLandscape(resolved);
  integer('index', index, 0);
  const stream = createStream(p.seed, 'landscape', index);
  const { n } = p;
  const J = symmetricMatrix(stream.fork('couplings'), { law: p.couplings, mu: p.mu, n, diagonal: 'zero' }).data;
  let planted: Int8Array | null = null;
  if (p.planted > 0) {
    const xi = randomSpins(stream.fork('planted'), n);
    const c = p.planted / n;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) if (i !== j) J[i * n + j] += c * xi[i] * xi[j];
    }
    planted = xi;
  }
  return { index, n, J, planted, stream };
}
