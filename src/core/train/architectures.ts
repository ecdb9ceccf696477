import { ParameterError } from '../errors.js';
import { oneOf } from '../validate.js';
import { MODELS, type ModelName } from './params.js';

/**
 * The three networks, as data: a list of operations on a [batch, height, width, channels] input. Dense kernels are
 * [in, out] and convolution kernels [k, k, c_in, c_out] (TensorFlow's HWIO layout); each has a bias.
 *   mlp3         784 → 300 → 100 → 10 with ReLU (WeightWatcher's MNIST example).
 *   lenet5       LeNet-5 with ReLU and max-pooling: conv 5×5×6 (same), pool 2, conv 5×5×16, pool 2, dense 120, 84, 10.
 *   minialexnet  the small AlexNet of Zhang et al. (2017) that Martin & Mahoney vary the batch size on: two 5×5
 *                convolutions each followed by a 3×3 max-pool of stride 2, then dense layers of 384 and 192 units.
 *                Their version has 64 channels per convolution and local response normalisation on 32×32×3
 *                CIFAR-10 images; here 16 channels on 28×28 digits and no normalisation, so that an epoch takes
 *                seconds on one CPU core. The two dense layers, where the phases are read, keep their sizes.
 */

export type Padding = 'same' | 'valid';
export type ModelOp =
  | { op: 'conv'; name: string; filters: number; kernel: number; padding: Padding }
  | { op: 'dense'; name: string; units: number }
  | { op: 'relu' }
  | { op: 'maxpool'; size: number; stride: number; padding: Padding }
  | { op: 'flatten' };

export const MINIALEXNET_CHANNELS = 16;

export const ARCHITECTURES: Record<ModelName, readonly ModelOp[]> = {
  mlp3: [
    { op: 'flatten' },
    { op: 'dense', name: 'fc1', units: 300 }, { op: 'relu' },
    { op: 'dense', name: 'fc2', units: 100 }, { op: 'relu' },
    { op: 'dense', name: 'fc3', units: 10 },
  ],
  lenet5: [
    { op: 'conv', name: 'conv1', filters: 6, kernel: 5, padding: 'same' }, { op: 'relu' },
    { op: 'maxpool', size: 2, stride: 2, padding: 'valid' },
    { op: 'conv', name: 'conv2', filters: 16, kernel: 5, padding: 'valid' }, { op: 'relu' },
    { op: 'maxpool', size: 2, stride: 2, padding: 'valid' },
    { op: 'flatten' },
    { op: 'dense', name: 'fc1', units: 120 }, { op: 'relu' },
    { op: 'dense', name: 'fc2', units: 84 }, { op: 'relu' },
    { op: 'dense', name: 'fc3', units: 10 },
  ],
  minialexnet: [
    { op: 'conv', name: 'conv1', filters: MINIALEXNET_CHANNELS, kernel: 5, padding: 'same' }, { op: 'relu' },
    { op: 'maxpool', size: 3, stride: 2, padding: 'same' },
    { op: 'conv', name: 'conv2', filters: MINIALEXNET_CHANNELS, kernel: 5, padding: 'same' }, { op: 'relu' },
    { op: 'maxpool', size: 3, stride: 2, padding: 'same' },
    { op: 'flatten' },
    { op: 'dense', name: 'fc1', units: 384 }, { op: 'relu' },
    { op: 'dense', name: 'fc2', units: 192 }, { op: 'relu' },
    { op: 'dense', name: 'fc3', units: 10 },
  ],
};

/** Input geometry: [height, width, channels]. */
export type InputShape = readonly [number, number, number];

export interface ParameterSpec {
  /** 'fc1.kernel', 'fc1.bias', … */
  name: string;
  shape: number[];
  /** Kernels are layer weights (analysed); biases are not. */
  kind: 'kernel' | 'bias';
  /** Inputs per output unit: the He initialisation's fan-in. */
  fanIn: number;
}

export interface ModelSpec {
  name: ModelName;
  input: InputShape;
  classes: number;
  ops: readonly ModelOp[];
  parameters: ParameterSpec[];
  /** Multiply-accumulates of one forward pass of one example. */
  macs: number;
}

/** The layer a parameter belongs to: 'fc1.kernel' → 'fc1' (the name people read in tables and progress lines). */
export function layerOfParameter(name: string): string {
  return name.replace(/\.kernel$/, '');
}

/** One line of every layer's phase: 'fc1 heavy-tailed, fc2 bulk-decay, fc3 –'. */
export function layerPhaseLine(layers: readonly { name: string; phase: string | null }[]): string {
  return layers.map((l) => `${layerOfParameter(l.name)} ${l.phase ?? '–'}`).join(', ');
}

/** The parameters and cost of a model on inputs of the given shape. */
export function modelSpec(name: ModelName, input: InputShape = [28, 28, 1]): ModelSpec {
  const ops = ARCHITECTURES[oneOf('name', name, MODELS)];
  if (!Array.isArray(input) || input.length !== 3 || !input.every((d) => Number.isInteger(d) && d >= 1 && d <= 4096)) {
    throw new ParameterError('input', JSON.stringify(input) ?? String(input), 'a shape [height, width, channels] of integers in [1, 4096]');
  }
  let [h, w, c] = input;
  let flat = 0;
  let macs = 0;
  const parameters: ParameterSpec[] = [];
  for (const op of ops) {
    if (op.op === 'conv') {
      if (op.padding === 'valid') [h, w] = [h - op.kernel + 1, w - op.kernel + 1];
      parameters.push({ name: `${op.name}.kernel`, shape: [op.kernel, op.kernel, c, op.filters], kind: 'kernel', fanIn: op.kernel * op.kernel * c });
      parameters.push({ name: `${op.name}.bias`, shape: [op.filters], kind: 'bias', fanIn: op.kernel * op.kernel * c });
      macs += h * w * op.kernel * op.kernel * c * op.filters;
      c = op.filters;
    } else if (op.op === 'maxpool') {
      [h, w] = op.padding === 'same'
        ? [Math.ceil(h / op.stride), Math.ceil(w / op.stride)]
        : [Math.floor((h - op.size) / op.stride) + 1, Math.floor((w - op.size) / op.stride) + 1];
    } else if (op.op === 'flatten') {
      flat = h * w * c;
    } else if (op.op === 'dense') {
      const units = op.units;
      parameters.push({ name: `${op.name}.kernel`, shape: [flat, units], kind: 'kernel', fanIn: flat });
      parameters.push({ name: `${op.name}.bias`, shape: [units], kind: 'bias', fanIn: flat });
      macs += flat * units;
      flat = units;
    }
  }
  return { name, input, classes: flat, ops, parameters, macs };
}
