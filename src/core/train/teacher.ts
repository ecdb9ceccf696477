import { fillNormal, type RandomStream } from '../random/index.js';
import type { LabelledImages } from './data.js';

/**
 * The synthetic task: a random teacher labels Gaussian inputs. Latent vectors z ~ N(0, I_d) (d = 16) are
 * embedded in the shape of an MNIST digit (28×28×1, so every model reads them) by a fixed random map,
 * x = F·z/√d with F iid N(0, 1): Gaussian inputs of unit variance per pixel whose covariance has rank d, a
 * hidden-manifold model (Goldt et al. 2020). The teacher is a random linear classifier of the latent vector,
 * y = argmax_k T_k·z with T iid N(0, 1) (a ten-class perceptron teacher, as in the VSDL model). The classes are
 * exchangeable, so they are balanced in expectation, and a network that finds the teacher's directions reaches
 * 100 % test accuracy from a few thousand examples: errors measure generalization only.
 */
export const TEACHER_SHAPE = { height: 28, width: 28, channels: 1, classes: 10, latent: 16 } as const;

export function teacherExamples(stream: RandomStream, trainSize: number, testSize: number): { train: LabelledImages; test: LabelledImages } {
  const { height, width, channels, classes, latent } = TEACHER_SHAPE;
  const size = height * width * channels;
  const embedding = fillNormal(stream.fork('embedding'), new Float64Array(size * latent), 0, 1 / Math.sqrt(latent));
  const teacher = fillNormal(stream.fork('weights'), new Float64Array(classes * latent));
  const make = (name: string, count: number): LabelledImages => {
    // One stream per set, consumed in order: the first k examples do not depend on how many are drawn.
    const z = fillNormal(stream.fork(name), new Float64Array(count * latent));
    const inputs = new Float32Array(count * size);
    const labels = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const zi = z.subarray(i * latent, (i + 1) * latent);
      for (let j = 0; j < size; j++) {
        let x = 0;
        for (let l = 0; l < latent; l++) x += embedding[j * latent + l] * zi[l];
        inputs[i * size + j] = x;
      }
      let best = 0;
      let bestScore = -Infinity;
      for (let k = 0; k < classes; k++) {
        let score = 0;
        for (let l = 0; l < latent; l++) score += teacher[k * latent + l] * zi[l];
        if (score > bestScore) [best, bestScore] = [k, score];
      }
      labels[i] = best;
    }
    return { count, height, width, channels, classes, inputs, labels };
  };
  return { train: make('train', trainSize), test: make('test', testSize) };
}
