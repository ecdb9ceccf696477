import { integer } from '../validate.js';
import { checkMatrix } from './checks.js';
import type { Matrix } from './matrix.js';

/**
 * An N×M matrix handed over a block of rows at a time, so that it never needs to lie whole in the kernels'
 * memory: `read(first, into)` fills `into` with rows first, first + 1, … (into.length / cols of them), row-major.
 * The dense spectra read each row once, in order (twice only when a later block's entries exceed the first
 * block's by more than 2^64: see gramCall), and W costs no memory of its own.
 */
export interface MatrixRows {
  readonly rows: number;
  readonly cols: number;
  read(first: number, into: Float64Array): void;
}

/** The rows of a matrix in memory. */
export function rowsOf(w: Matrix): MatrixRows {
  checkMatrix('W', w);
  const { rows, cols, data } = w;
  return { rows, cols, read: (first, into) => into.set(data.subarray(first * cols, first * cols + into.length)) };
}

/** MatrixRows as they are, once their shape is checked; anything else must be a Matrix. */
export function asRows(w: Matrix | MatrixRows): MatrixRows {
  const source = w as Partial<MatrixRows> | null;
  if (source === null || typeof source !== 'object' || typeof source.read !== 'function') return rowsOf(w as Matrix);
  integer('W.rows', source.rows, 1);
  integer('W.cols', source.cols, 1);
  return w as MatrixRows;
}
