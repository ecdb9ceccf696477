import * as tf from '@tensorflow/tfjs-core';
import { fillNormal, type RandomStream } from '../random/index.js';
import type { LabelledImages } from './data.js';

/** Inputs and one-hot labels of a minibatch, gathered on the CPU and uploaded as two tensors. */
export class BatchBuilder {
  private readonly size: number;
  private readonly inputs: Float32Array;
  private readonly targets: Float32Array;
  private readonly noise: Float64Array;

  constructor(
    private readonly set: LabelledImages,
    capacity: number,
  ) {
    this.size = set.height * set.width * set.channels;
    this.inputs = new Float32Array(capacity * this.size);
    this.targets = new Float32Array(capacity * set.classes);
    this.noise = new Float64Array(capacity * this.size);
  }

  /**
   * The examples order[from … to) (examples from … to when no order is given), with N(0, σ²) added to each input
   * when σ > 0: a fresh draw from `stream` per presentation.
   */
  build(from: number, to: number, order?: ArrayLike<number>, inputNoise = 0, stream?: RandomStream): { x: tf.Tensor2D; y: tf.Tensor2D } {
    const n = to - from;
    const { size, set } = this;
    this.targets.fill(0, 0, n * set.classes);
    for (let k = 0; k < n; k++) {
      const i = order ? order[from + k] : from + k;
      this.inputs.set(set.inputs.subarray(i * size, (i + 1) * size), k * size);
      this.targets[k * set.classes + set.labels[i]] = 1;
    }
    if (inputNoise > 0 && stream) {
      const noise = fillNormal(stream, this.noise.subarray(0, n * size), 0, inputNoise);
      for (let j = 0; j < n * size; j++) this.inputs[j] += noise[j];
    }
    return {
      x: tf.tensor2d(this.inputs.subarray(0, n * size), [n, size], 'float32'),
      y: tf.tensor2d(this.targets.subarray(0, n * set.classes), [n, set.classes], 'float32'),
    };
  }
}
