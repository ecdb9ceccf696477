/** The in-memory form of a .npy array: typed data in host byte order, laid out as stored (C or Fortran order). */

export type NumericArray =
  | Float64Array
  | Float32Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array;

export interface NdArray {
  shape: number[];
  /** numpy's descr as found in the file, e.g. '<f8', '>i4', '|u1', '|b1' (booleans are stored as bytes 0/1). */
  dtype: string;
  /** True when `data` lists the first index fastest (column-major), as numpy's fortran_order. */
  fortranOrder: boolean;
  data: NumericArray;
}

/** What the writers accept: typed data and a shape; dtype only matters to mark a Uint8Array as booleans. */
export interface ArrayInput {
  data: NumericArray;
  shape: readonly number[];
  fortranOrder?: boolean;
  dtype?: string;
}

/** Arrays beyond this many elements are refused: typed arrays and indices stay within safe 32-bit arithmetic. */
export const MAX_ELEMENTS = 2 ** 31 - 1;

export function formatShape(shape: readonly (number | bigint | string)[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

export function elementCount(shape: readonly number[]): number {
  let count = 1;
  for (const dim of shape) count *= dim;
  return count;
}
