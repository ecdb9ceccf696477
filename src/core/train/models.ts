import * as tf from '@tensorflow/tfjs-core';
import { fillNormal, type RandomStream } from '../random/index.js';
import type { ModelSpec } from './architectures.js';

/** The networks as data (no TensorFlow.js there, so the page can read them); here they become variables. */
export * from './architectures.js';

/** A model with its parameters as TensorFlow.js variables (float32). */
export interface Model {
  spec: ModelSpec;
  variables: tf.Variable[];
  /** Logits [batch, classes] of inputs [batch, height·width·channels]. */
  forward(x: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

/**
 * He initialisation (kernels N(0, 2/fan_in), biases 0), each kernel from its own named stream of `stream`: the
 * initial weights depend on the seed and the layer's name and shape only, never on the backend.
 */
let instances = 0;

export function createModel(spec: ModelSpec, stream: RandomStream): Model {
  // TensorFlow.js registers variables by name, engine-wide: a prefix keeps models that coexist apart.
  const prefix = `model${++instances}/`;
  const variables = spec.parameters.map((p) => {
    const size = p.shape.reduce((a, b) => a * b, 1);
    const values = p.kind === 'kernel' ? Float32Array.from(fillNormal(stream.fork(p.name), new Float64Array(size), 0, Math.sqrt(2 / p.fanIn))) : new Float32Array(size);
    const initial = tf.tensor(values, p.shape, 'float32');
    const variable = tf.variable(initial, true, prefix + p.name);
    initial.dispose();
    return variable;
  });
  const byName = new Map(spec.parameters.map((p, i) => [p.name, variables[i]]));
  const get = (name: string) => byName.get(name)!;
  const [h, w, c] = spec.input;
  const forward = (x: tf.Tensor2D): tf.Tensor2D => {
    let y: tf.Tensor = spec.ops[0].op === 'conv' ? tf.reshape(x, [x.shape[0], h, w, c]) : x;
    for (const op of spec.ops) {
      if (op.op === 'conv') y = tf.add(tf.conv2d(y as tf.Tensor4D, get(`${op.name}.kernel`) as tf.Tensor4D, 1, op.padding), get(`${op.name}.bias`));
      else if (op.op === 'dense') y = tf.add(tf.matMul(y as tf.Tensor2D, get(`${op.name}.kernel`) as tf.Tensor2D), get(`${op.name}.bias`));
      else if (op.op === 'relu') y = tf.relu(y);
      else if (op.op === 'maxpool') y = tf.maxPool(y as tf.Tensor4D, op.size, op.stride, op.padding);
      else y = tf.reshape(y, [y.shape[0], -1]);
    }
    return y as tf.Tensor2D;
  };
  return { spec, variables, forward, dispose: () => variables.forEach((v) => v.dispose()) };
}
