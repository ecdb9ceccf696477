import * as tf from '@tensorflow/tfjs-core';
import { BatchBuilder } from './batches.js';
import type { LabelledImages } from './data.js';
import type { Model } from './models.js';

/** Examples per forward pass when evaluating: large enough to amortise a pass, small enough for little memory. */
const CHUNK = 500;

export interface Evaluation {
  /** Mean softmax cross-entropy (nats). */
  loss: number;
  /** Fraction of examples whose largest logit is their label. */
  accuracy: number;
}

/**
 * Loss and accuracy of the model on every example of a set, against the set's labels (randomized ones included).
 * `pause` is awaited between chunks, so that a long evaluation can yield to the event loop and hear a cancel.
 */
export async function evaluate(model: Model, set: LabelledImages, pause?: () => Promise<void>): Promise<Evaluation> {
  const builder = new BatchBuilder(set, Math.min(CHUNK, set.count));
  let lossSum = 0;
  let correct = 0;
  for (let from = 0; from < set.count; from += CHUNK) {
    const to = Math.min(set.count, from + CHUNK);
    const [loss, right] = tf.tidy(() => {
      const { x, y } = builder.build(from, to);
      const logits = model.forward(x);
      const l = tf.losses.softmaxCrossEntropy(y, logits, undefined, undefined, tf.Reduction.SUM);
      const r = tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), tf.argMax(y, 1)), 'float32'));
      return [l, r];
    });
    lossSum += loss.dataSync()[0];
    correct += right.dataSync()[0];
    tf.dispose([loss, right]);
    await pause?.();
  }
  return { loss: lossSum / set.count, accuracy: correct / set.count };
}
