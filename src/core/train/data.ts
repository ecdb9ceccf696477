import { FormatError, ParameterError } from '../errors.js';
import { createStream, type RandomStream } from '../random/index.js';
import { randomIndex } from '../vsdl/randomIndex.js';
import type { TrainParams } from './params.js';
import { permutation } from './permutation.js';
import { teacherExamples } from './teacher.js';

/**
 * Labelled examples in memory: `count` inputs of `height × width × channels` float32 values each (row-major,
 * channels last, as TensorFlow.js's NHWC convolutions read them) and one class label per example.
 */
export interface LabelledImages {
  count: number;
  height: number;
  width: number;
  channels: number;
  classes: number;
  inputs: Float32Array;
  labels: Uint8Array;
}

/** The examples a run trains and tests on, with the bookkeeping of the randomized labels. */
export interface TrainTestSplit {
  train: LabelledImages;
  test: LabelledImages;
  /** Training examples whose label was drawn uniformly at random (m_rand), and how many of those draws changed it. */
  randomizedLabels: number;
  changedLabels: number;
}

/** 8-bit greyscale images (e.g. MNIST's IDX files) as inputs in [0, 1]. */
export function imagesFromBytes(pixels: Uint8Array, labels: Uint8Array, height: number, width: number, classes = 10): LabelledImages {
  const count = labels.length;
  if (pixels.length !== count * height * width) {
    throw new FormatError('images', `${pixels.length} pixels for ${count} labels of ${height}×${width} images`);
  }
  for (let i = 0; i < count; i++) {
    if (labels[i] >= classes) throw new FormatError('labels', `label ${labels[i]} of example ${i} is not a class 0–${classes - 1}`);
  }
  const inputs = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) inputs[i] = pixels[i] / 255;
  return { count, height, width, channels: 1, classes, inputs, labels: Uint8Array.from(labels) };
}

/** The examples at the given indices, in that order (a copy). */
export function subset(set: LabelledImages, indices: ArrayLike<number>): LabelledImages {
  const size = set.height * set.width * set.channels;
  const inputs = new Float32Array(indices.length * size);
  const labels = new Uint8Array(indices.length);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    inputs.set(set.inputs.subarray(i * size, (i + 1) * size), k * size);
    labels[k] = set.labels[i];
  }
  return { ...set, count: indices.length, inputs, labels };
}

/**
 * The train and test sets of a run. Every draw comes from named streams of the seed, so the split depends only
 * on the seed and the sizes, and nests: the test set does not depend on the training size, a smaller training
 * set is a prefix of a larger one, and the randomized labels of a smaller fraction are a subset of a larger one's.
 *   mnist:   one permutation of the 10,000 digits; the test set is its first testSize, the training set the next trainSize.
 *   teacher: fresh Gaussian inputs labelled by the seed's teacher (teacher.ts), test and training sets from separate streams.
 */
export function splitData(params: TrainParams, mnist?: LabelledImages): TrainTestSplit {
  const root = createStream(params.seed, 'train-data');
  let train: LabelledImages;
  let test: LabelledImages;
  if (params.data === 'mnist') {
    if (!mnist) throw new ParameterError('mnist', mnist, 'the MNIST digits (the platform loads them)');
    if (params.testSize + params.trainSize > mnist.count) {
      throw new ParameterError('trainSize', params.trainSize, `at most ${mnist.count - params.testSize} (${mnist.count} digits, ${params.testSize} for testing)`);
    }
    const order = permutation(root.fork('split'), mnist.count);
    test = subset(mnist, order.subarray(0, params.testSize));
    train = subset(mnist, order.subarray(params.testSize, params.testSize + params.trainSize));
  } else {
    ({ train, test } = teacherExamples(root.fork('teacher'), params.trainSize, params.testSize));
  }
  const { randomized, changed } = randomizeLabels(train, params.labelNoise, root.fork('label-noise'));
  return { train, test, randomizedLabels: randomized, changedLabels: changed };
}

/**
 * Replaces the labels of round(fraction·m) training examples by uniformly random classes, in place. The examples
 * are the first ones of a permutation and each gets its own sub-stream, so raising the fraction only adds examples.
 */
function randomizeLabels(train: LabelledImages, fraction: number, stream: RandomStream): { randomized: number; changed: number } {
  const randomized = Math.round(fraction * train.count);
  if (randomized === 0) return { randomized, changed: 0 };
  const order = permutation(stream.fork('which'), train.count);
  let changed = 0;
  for (let k = 0; k < randomized; k++) {
    const i = order[k];
    const label = randomIndex(stream.fork('label').fork(i), train.classes);
    if (label !== train.labels[i]) changed++;
    train.labels[i] = label;
  }
  return { randomized, changed };
}
