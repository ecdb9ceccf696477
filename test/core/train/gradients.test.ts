import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodePlatform } from '../../../src/cli/train/platform.js';
import { createStream, fillNormal } from '../../../src/core/random/index.js';
import { createModel, MODELS, modelSpec, type Model } from '../../../src/core/train/index.js';
import { randomIndex } from '../../../src/core/vsdl/randomIndex.js';
import { referenceLogits, referenceLoss } from './reference.js';

/**
 * Automatic differentiation against finite differences, for every layer type (dense, convolution with same and
 * valid padding, max-pooling with both paddings, ReLU, softmax cross-entropy) through the three models. The
 * finite differences are central, in float64, on an independent forward pass (reference.ts) with h = 1e-5:
 * truncation O(h²·L''') and rounding O(1e-16/h) are both below 1e-9, far under the float32 error of the
 * automatic gradient, ~1e-6 of the tensor's largest entry. A ReLU or max-pool switching within h would break
 * this; with random inputs the chance is ~1e-5 per entry, and the seeds are fixed.
 */

const EXAMPLES = 2;
const maxAbs = (a: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
};
const ENTRIES = 4;

function batch(spec: ReturnType<typeof modelSpec>, seed: number) {
  const size = spec.input[0] * spec.input[1] * spec.input[2];
  const x = fillNormal(createStream(seed, 'x'), new Float64Array(EXAMPLES * size));
  const labels = Array.from({ length: EXAMPLES }, (_, i) => i % spec.classes);
  return { x, labels, size };
}

function autoGradients(model: Model, x: Float64Array, labels: number[], size: number): Float32Array[] {
  return tf.tidy(() => {
    const xs = tf.tensor2d(Float32Array.from(x), [EXAMPLES, size]);
    const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), model.spec.classes);
    const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(ys, model.forward(xs)) as tf.Scalar, model.variables);
    return model.variables.map((v) => grads[v.name].dataSync() as Float32Array);
  });
}

describe('gradients on the wasm backend', () => {
  beforeAll(async () => {
    await nodePlatform('wasm').ready();
  });

  it.each(MODELS)('%s: automatic gradients equal float64 finite differences', (name) => {
    const spec = modelSpec(name);
    const model = createModel(spec, createStream(7, name));
    try {
      const { x, labels, size } = batch(spec, 11);
      const params = new Map(spec.parameters.map((p, i) => [p.name, Float64Array.from(model.variables[i].dataSync())]));
      // Biases start at 0, where every ReLU below them sits at its kink for zero inputs: move them off it.
      for (const p of spec.parameters) if (p.kind === 'bias') params.get(p.name)!.forEach((_, j, a) => (a[j] = 0.05 * Math.sin(j + 1)));
      spec.parameters.forEach((p, i) => model.variables[i].assign(tf.tensor(Float32Array.from(params.get(p.name)!), p.shape)));

      // The float32 forward pass agrees with the float64 reference.
      const logits = tf.tidy(() => model.forward(tf.tensor2d(Float32Array.from(x), [EXAMPLES, size])).dataSync());
      const ref = referenceLogits(spec, params, x, EXAMPLES);
      const scale = maxAbs(ref);
      ref.forEach((v, i) => expect(Math.abs(logits[i] - v)).toBeLessThan(1e-5 * scale));

      const auto = autoGradients(model, x, labels, size);
      const loss = () => referenceLoss(referenceLogits(spec, params, x, EXAMPLES), labels, spec.classes);
      const pick = createStream(13, name);
      spec.parameters.forEach((p, t) => {
        const values = params.get(p.name)!;
        const largest = maxAbs(auto[t]);
        expect(largest).toBeGreaterThan(0);
        for (let e = 0; e < ENTRIES; e++) {
          const j = randomIndex(pick, values.length);
          const h = 1e-5;
          const keep = values[j];
          values[j] = keep + h;
          const up = loss();
          values[j] = keep - h;
          const down = loss();
          values[j] = keep;
          const fd = (up - down) / (2 * h);
          expect(Math.abs(auto[t][j] - fd), `${p.name}[${j}]: auto ${auto[t][j]}, fd ${fd}`).toBeLessThan(1e-4 * largest + 1e-7);
        }
      });
    } finally {
      model.dispose();
    }
  });
});

// The CPU backend's kernels are plain JavaScript loops, written independently of the WebAssembly ones (and of
// the Conv2DBackpropFilter that wasmKernels.ts composes): equal gradients check every entry, not a sample.
describe('the two backends', () => {
  it.each(MODELS)('%s: every gradient entry agrees between wasm and cpu (independent kernels)', async (name) => {
    const spec = modelSpec(name);
    const { x, labels, size } = batch(spec, 17);
    const run = async (backend: 'wasm' | 'cpu') => {
      await nodePlatform(backend).ready();
      const model = createModel(spec, createStream(19, name));
      try {
        return autoGradients(model, x, labels, size);
      } finally {
        model.dispose();
      }
    };
    const wasm = await run('wasm');
    const cpu = await run('cpu');
    wasm.forEach((g, t) => {
      const largest = maxAbs(cpu[t]);
      // float32 sums in different orders: a few ulps of the largest entry times the length of the sums.
      let worst = 0;
      g.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - cpu[t][j]))));
      expect(worst).toBeLessThanOrEqual(1e-4 * largest);
    });
  });
});
