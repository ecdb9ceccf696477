import { ParameterError } from '../errors.js';
import { matrix, transpose, type Matrix } from '../linalg/index.js';
import { oneOf, options } from '../validate.js';

/**
 * A trained weight tensor as the matrices whose spectra are analysed, by WeightWatcher's convention:
 *  - a dense weight (2-D) is one matrix, oriented N×M with N ≥ M (PyTorch's [out, in] and TensorFlow's [in, out]
 *    give the same singular values, so the same ESD);
 *  - a 2-D convolution kernel of k_h×k_w positions is k_h·k_w matrices of c_in×c_out (one per kernel position,
 *    each oriented N ≥ M) whose eigenvalues are pooled into one ESD. A 1×1 kernel is one c_in×c_out matrix.
 * The kernel's layout is stated, never guessed: 'hwio' is TensorFlow/TF.js [k_h, k_w, c_in, c_out], 'oihw' is
 * PyTorch [c_out, c_in, k_h, k_w].
 */

export const CONV_LAYOUTS = ['hwio', 'oihw'] as const;
export type ConvLayout = (typeof CONV_LAYOUTS)[number];
export type WeightKind = 'dense' | 'conv2d';

export const LAYOUT_HELP = "'hwio' (TensorFlow/TF.js kernels [k_h, k_w, c_in, c_out]) or 'oihw' (PyTorch [c_out, c_in, k_h, k_w])";

/** One weight tensor: C-order (row-major) values of the given shape. */
export interface WeightTensor {
  name: string;
  shape: readonly number[];
  data: Float32Array | Float64Array;
}

/** What a weight's shape says: its kind, the orientation N ≥ M of its matrices and how many are pooled. */
export interface WeightGeometry {
  kind: WeightKind;
  /** The kernel layout used (null for a dense weight). */
  layout: ConvLayout | null;
  /** Rows and columns of each matrix after orientation (N ≥ M). */
  N: number;
  M: number;
  /** Number of matrices: k_h·k_w for a convolution kernel, 1 for a dense weight. */
  matrices: number;
}

export interface WeightTensorOptions {
  /**
   * Accept dimensions of 0 (an empty tensor, such as a file may hold): the analysis reports such a layer as failed
   * rather than refusing the call. Without it every dimension must be positive.
   */
  allowEmpty?: boolean;
}

/** Checks a tensor's name, shape and data; returns its shape as numbers. */
export function checkWeightTensor(tensor: WeightTensor, tensorOptions?: WeightTensorOptions): number[] {
  const { allowEmpty = false } = options<WeightTensorOptions>('options', tensorOptions);
  if (tensor === null || typeof tensor !== 'object') throw new ParameterError('tensor', tensor, 'an object { name, shape, data }');
  if (typeof tensor.name !== 'string') throw new ParameterError('tensor.name', tensor.name, 'a string');
  const { shape, data } = tensor;
  const least = allowEmpty ? 0 : 1;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= least)) {
    throw new ParameterError(`${tensor.name}: shape`, Array.isArray(shape) ? `[${shape.join(', ')}]` : shape, allowEmpty ? 'an array of integers ≥ 0' : 'an array of positive integers');
  }
  if (!(data instanceof Float32Array) && !(data instanceof Float64Array)) {
    throw new ParameterError(`${tensor.name}: data`, Object.prototype.toString.call(data), 'a Float32Array or Float64Array');
  }
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) {
    throw new ParameterError(`${tensor.name}: shape`, `[${shape.join(', ')}]`, `dimensions whose product is the data length ${data.length}`);
  }
  return [...shape];
}

/** A 4-D shape as kernel height, width, input and output channels. */
function kernelDims(shape: readonly number[], layout: ConvLayout): [number, number, number, number] {
  const [a, b, c, d] = shape;
  return layout === 'hwio' ? [a, b, c, d] : [c, d, b, a];
}

/**
 * Kind, orientation and pool size of a 2-D or 4-D weight; `layout` is required for a 4-D kernel. With `allowEmpty`
 * an empty tensor has a geometry too (M or `matrices` is 0: no eigenvalues).
 */
export function weightGeometry(tensor: WeightTensor, layout?: ConvLayout, tensorOptions?: WeightTensorOptions): WeightGeometry {
  const shape = checkWeightTensor(tensor, tensorOptions);
  if (shape.length === 2) {
    return { kind: 'dense', layout: null, N: Math.max(...shape), M: Math.min(...shape), matrices: 1 };
  }
  if (shape.length !== 4) {
    throw new ParameterError(`${tensor.name}: shape`, `[${shape.join(', ')}]`, 'a 2-D dense weight or a 4-D convolution kernel');
  }
  if (layout === undefined) throw new ParameterError('layout', layout, LAYOUT_HELP, `${tensor.name} is a 4-D kernel`);
  oneOf('layout', layout, CONV_LAYOUTS);
  const [kh, kw, cin, cout] = kernelDims(shape, layout);
  return { kind: 'conv2d', layout, N: Math.max(cin, cout), M: Math.min(cin, cout), matrices: kh * kw };
}

/** The matrices of a 2-D or 4-D weight (see the file comment), each N×M with N ≥ M. */
export function weightMatrices(tensor: WeightTensor, layout?: ConvLayout): WeightGeometry & { list: Matrix[] } {
  const geometry = weightGeometry(tensor, layout);
  const { shape, data } = tensor;
  const { N, M } = geometry;
  if (geometry.kind === 'dense') {
    const W = matrix(shape[0], shape[1], Float64Array.from(data));
    return { ...geometry, list: [shape[0] >= shape[1] ? W : transpose(W)] };
  }
  const hwio = geometry.layout === 'hwio';
  const [kh, kw, cin, cout] = kernelDims(shape, geometry.layout!);
  const flip = cin < cout; // each slice is c_in×c_out; transposed when that is wide
  const list: Matrix[] = [];
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const W = matrix(N, M);
      for (let a = 0; a < cin; a++) {
        for (let b = 0; b < cout; b++) {
          // hwio: element [i, j, a, b]; oihw: element [b, a, i, j]
          const v = hwio ? data[((i * kw + j) * cin + a) * cout + b] : data[((b * cin + a) * kh + i) * kw + j];
          W.data[flip ? b * M + a : a * M + b] = v;
        }
      }
      list.push(W);
    }
  }
  return { ...geometry, list };
}
