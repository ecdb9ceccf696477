import { modelSpec } from './architectures.js';
import { record } from '../validate.js';
import { resolveTrainParams, type ModelName, type TrainParams } from './params.js';

/**
 * A run's duration before it starts, for grid estimates and progress. Training costs three forward passes per
 * example (forward, and backward through the activations and the weights) plus a fixed cost per minibatch step
 * (kernel launches, the optimizer's per-tensor updates, the batch upload), which dominates at small batches;
 * each epoch also evaluates every train and test example once and analyses the layers. Constants measured with
 * bench/train.mjs on one core of the 2-core machine (TensorFlow.js wasm backend): rough, within a factor of 2.
 */
export const COST = Object.freeze({
  /** Multiply-accumulates per second of the wasm backend, one thread. */
  macsPerSecond: 3e9,
  /** Seconds per minibatch step beyond the arithmetic. */
  stepSeconds: { mlp3: 0.004, lenet5: 0.008, minialexnet: 0.012 } as Record<ModelName, number>,
  /** Seconds of the per-epoch layer analysis. */
  analysisSeconds: { mlp3: 0.2, lenet5: 0.1, minialexnet: 0.3 } as Record<ModelName, number>,
});

/** Resolving is idempotent: resolved parameters pass unchanged, anything else gets the boundary's message. */
export function estimateTrainSeconds(params: TrainParams): number {
  const p = resolveTrainParams(record('params', params, 'training parameters (resolveTrainParams)'));
  const macs = modelSpec(p.model).macs;
  const steps = Math.ceil(p.trainSize / p.batchSize);
  const epoch = steps * COST.stepSeconds[p.model] + (3 * p.trainSize * macs) / COST.macsPerSecond;
  const measure = ((p.trainSize + p.testSize) * macs) / COST.macsPerSecond + COST.analysisSeconds[p.model];
  return p.epochs * epoch + (p.epochs + 1) * measure;
}
