import { record } from '../validate.js';
import { createStream } from '../random/index.js';
import { resolveParams } from './params.js';
import { addAdditiveSpikes, addCovarianceSpikes, sampleIid, spikeDirections, spikeLeftDirections } from './sample.js';
import { predictTruth } from './truth.js';
import type { EnsembleDraw, EnsembleParams } from './types.js';

/**
 * Draws W (N×M) from an ensemble together with its ground truth. The same parameters and seed give the same W
 * on every platform (uniform streams are bit-identical; see src/core/random for the last-bit caveat of samplers
 * that use Math.log/exp/cos).
 */
export function generate(params: EnsembleParams): EnsembleDraw {
  record('params', params, 'an object of ensemble parameters { ensemble, n, m, seed, … }');
  const p = resolveParams(params);
  // The truth first: parameters whose predictions leave float64 are refused before anything is drawn.
  const truth = predictTruth(p);
  const stream = createStream(p.seed, 'ensemble');
  const W = sampleIid(p, stream);
  if (p.ensemble !== 'spiked') return { W, truth };

  const k = p.spikes.length;
  const v = spikeDirections(stream, k, p.m);
  if (p.spikeModel === 'covariance') addCovarianceSpikes(W, p.spikes, v);
  else addAdditiveSpikes(W, p.spikes, p.sigma, spikeLeftDirections(stream, k, p.n), v);
  return { W, truth, spikeDirections: v };
}
