import { FormatError, ParameterError } from '../core/errors.js';
import type { Matrix } from '../core/linalg/matrix.js';
import { boolean, options as optionsObject } from '../core/validate.js';
import { elementCount, formatShape, type NdArray, type NumericArray } from './ndarray.js';

/** From a read array to the core's float64 world: C-order values, matrices and vectors. */

/** `copy: false` returns float64 C-order data itself instead of a copy. */
export interface ConvertOptions {
  copy?: boolean;
}

/** The values in C (row-major) order as float64; int64 beyond ±2^53 cannot be exact, so it is refused. */
export function toFloat64(arr: NdArray, what = 'array', options: ConvertOptions = {}): Float64Array {
  checkArray(arr);
  const copy = boolean('copy', optionsObject<ConvertOptions>('options', options).copy ?? true);
  const data = arr.fortranOrder && arr.shape.length > 1 ? fortranToC(arr.data, arr.shape) : arr.data;
  if (data instanceof Float64Array) return data === arr.data && copy ? data.slice() : data;
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) return bigToFloat64(data, what);
  const out = new Float64Array(data.length);
  if (arr.dtype.endsWith('b1')) {
    for (let i = 0; i < data.length; i++) out[i] = data[i] ? 1 : 0;
  } else out.set(data);
  return out;
}

/** A 2-D array as a row-major Matrix (Fortran-ordered data is transposed into place). */
export function asMatrix(arr: NdArray, what = 'array', options: ConvertOptions = {}): Matrix {
  checkArray(arr);
  if (arr.shape.length !== 2) throw new FormatError(what, `expected a 2-D array, got shape ${formatShape(arr.shape)}`);
  return { rows: arr.shape[0], cols: arr.shape[1], data: toFloat64(arr, what, options) };
}

/** A 1-D array, or a single row or column (N×1, 1×N), as a Float64Array. */
export function asVector(arr: NdArray, what = 'array'): Float64Array {
  checkArray(arr);
  const { shape } = arr;
  if (shape.length !== 1 && !(shape.length === 2 && (shape[0] === 1 || shape[1] === 1))) {
    throw new FormatError(what, `expected a 1-D array (or an N×1 or 1×N matrix), got shape ${formatShape(shape)}`);
  }
  return toFloat64(arr, what);
}

function checkArray(arr: NdArray): void {
  if (arr === null || typeof arr !== 'object' || !ArrayBuffer.isView(arr.data) || !Array.isArray(arr.shape)) {
    throw new ParameterError('arr', arr, 'an NdArray { shape, dtype, fortranOrder, data }');
  }
  if (elementCount(arr.shape) !== arr.data.length) {
    throw new ParameterError('arr.shape', formatShape(arr.shape), `dimensions whose product is the data length ${arr.data.length}`);
  }
}

function bigToFloat64(data: BigInt64Array | BigUint64Array, what: string): Float64Array {
  const out = new Float64Array(data.length);
  const limit = 2n ** 53n;
  for (let i = 0; i < data.length; i++) {
    const value = data[i];
    if (value > limit || value < -limit) {
      throw new FormatError(what, `64-bit integer ${value} at flat index ${i} has |value| > 2^53 and cannot be converted to float64 exactly`);
    }
    out[i] = Number(value);
  }
  return out;
}

/**
 * Reorders column-major data into row-major order. Elements move as raw bits (through an unsigned integer view of
 * the same width), so NaN payloads and signed zeros survive exactly.
 */
function fortranToC<T extends NumericArray>(data: T, shape: readonly number[]): T {
  const count = data.length;
  const out = new (data.constructor as new (length: number) => T)(count);
  if (count === 0) return out;
  const width = data.BYTES_PER_ELEMENT;
  const words = width === 8 ? 2 : 1;
  const View = width === 1 ? Uint8Array : width === 2 ? Uint16Array : Uint32Array;
  const from = new View(data.buffer as ArrayBuffer, data.byteOffset, count * words);
  const to = new View(out.buffer as ArrayBuffer, out.byteOffset, count * words);

  const rank = shape.length;
  const strides = new Array<number>(rank);
  for (let j = 0, stride = 1; j < rank; j++) {
    strides[j] = stride;
    stride *= shape[j];
  }
  const index = new Array<number>(rank).fill(0);
  let source = 0;
  for (let target = 0; target < count; target++) {
    for (let w = 0; w < words; w++) to[target * words + w] = from[source * words + w];
    // advance the C-order index (last axis fastest) and its column-major offset together
    for (let j = rank - 1; j >= 0; j--) {
      if (++index[j] < shape[j]) {
        source += strides[j];
        break;
      }
      index[j] = 0;
      source -= strides[j] * (shape[j] - 1);
    }
  }
  return out;
}
