import { ParameterError } from '../errors.js';
import type { RandomStream } from '../random/index.js';
import { matrix, type Matrix } from '../linalg/matrix.js';
import { randomOrthonormalRows } from './orthonormal.js';
import { ensembleLaw, type ResolvedParams } from './params.js';

/**
 * The sampled matrices. Each uses named sub-streams of the seed ('W', 'spike-directions', ...) so that adding
 * spikes to a draw keeps its Gaussian part: the same seed gives the same G with or without spikes.
 */

export function sampleIid(p: ResolvedParams, stream: RandomStream): Matrix {
  const W = matrix(p.n, p.m);
  ensembleLaw(p.ensemble).fill(stream.fork('W'), W.data, p.mu, p.sigma);
  checkDrawFits(W.data, p.mu, p.sigma);
  return W;
}

/**
 * Heavy tails with a tiny μ (x ~ u^(−1/μ): μ = 0.01 and u = 1e-4 give 1e400) or a huge σ draw entries beyond
 * float64. A matrix with ±Infinity in it would give NaN spectra downstream: refuse the parameters instead.
 */
function checkDrawFits(x: Float64Array, mu: number | null, sigma: number): void {
  let bad = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i])) bad++;
  if (bad === 0) return;
  const what = `${bad} of ${x.length} entries of this draw are beyond float64 (±Infinity)`;
  if (mu === null) throw new ParameterError('sigma', sigma, 'a σ whose draws fit in float64', what);
  throw new ParameterError('mu', mu, 'a μ (or σ) whose draws fit in float64: a larger μ', `${what} at μ = ${mu}, σ = ${sigma}`);
}

/**
 * Covariance spikes: rows x = σ(g + Σ_k (√ℓ_k − 1)(v_k·g) v_k) have covariance σ²(I + Σ_k (ℓ_k − 1) v_k v_kᵀ)
 * because the v_k are orthonormal. W must hold σ·g on entry.
 */
export function addCovarianceSpikes(W: Matrix, spikes: number[], v: Matrix): void {
  const { rows, cols, data } = W;
  const gains = spikes.map((l) => Math.sqrt(l) - 1);
  for (let r = 0; r < rows; r++) {
    const row = data.subarray(r * cols, (r + 1) * cols);
    for (let k = 0; k < spikes.length; k++) {
      const dir = v.data.subarray(k * cols, (k + 1) * cols);
      let dot = 0;
      for (let i = 0; i < cols; i++) dot += row[i] * dir[i];
      const c = gains[k] * dot;
      for (let i = 0; i < cols; i++) row[i] += c * dir[i];
    }
  }
}

/** Additive spikes: W = σ(G + √N Σ_k θ_k u_k v_kᵀ). W must hold σG on entry. */
export function addAdditiveSpikes(W: Matrix, spikes: number[], sigma: number, u: Matrix, v: Matrix): void {
  const { rows, cols, data } = W;
  const amp = spikes.map((theta) => sigma * Math.sqrt(rows) * theta);
  for (let r = 0; r < rows; r++) {
    const row = data.subarray(r * cols, (r + 1) * cols);
    for (let k = 0; k < spikes.length; k++) {
      const c = amp[k] * u.data[k * rows + r];
      if (c === 0) continue;
      const dir = v.data.subarray(k * cols, (k + 1) * cols);
      for (let i = 0; i < cols; i++) row[i] += c * dir[i];
    }
  }
}

export function spikeDirections(stream: RandomStream, k: number, m: number): Matrix {
  return randomOrthonormalRows(stream.fork('spike-directions'), k, m);
}

export function spikeLeftDirections(stream: RandomStream, k: number, n: number): Matrix {
  return randomOrthonormalRows(stream.fork('spike-left-directions'), k, n);
}
