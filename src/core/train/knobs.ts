import { integer, record } from '../validate.js';
import { resolveTrainParams, type TrainParams } from './params.js';

/**
 * Where a run sits in VSDL's two control parameters, in the quantitative forms the literature offers. Neither is
 * VSDL's τ or α exactly: they are the knobs' natural scales, recorded so that runs can be placed on one map.
 *   noise_scale  Smith & Le (2018): SGD's gradient noise scale g = ε/(1 − μ) · N_train/B (ε learning rate,
 *                μ momentum, B batch size): the temperature-like knob. Larger batches at fixed ε cool the dynamics.
 *   load         m_eff/N: training examples with their true label (m_eff = m − m_rand, the randomized ones carry
 *                no information about the task) per trainable weight: the load-like knob.
 */
export interface Knobs {
  noise_scale: number;
  /** Examples whose label was drawn at random (m_rand), and how many of those draws changed the label. */
  randomized_labels: number;
  changed_labels: number;
  effective_examples: number;
  weights: number;
  load: number;
}

export function knobs(params: TrainParams, weights: number, randomizedLabels: number, changedLabels: number): Knobs {
  const p = resolveTrainParams(record('params', params, 'training parameters (resolveTrainParams)'));
  integer('weights', weights, 1);
  integer('randomizedLabels', randomizedLabels, 0, p.trainSize);
  integer('changedLabels', changedLabels, 0, randomizedLabels);
  const effective = p.trainSize - randomizedLabels;
  return {
    noise_scale: (p.learningRate / (1 - p.momentum)) * (p.trainSize / p.batchSize),
    randomized_labels: randomizedLabels,
    changed_labels: changedLabels,
    effective_examples: effective,
    weights,
    load: effective / weights,
  };
}
