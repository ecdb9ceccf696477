import { ENTRY_LIMIT, overEntryLimit } from '../limits.js';
import { float64Array, integer } from '../validate.js';
import { ParameterError } from '../errors.js';
import { checkMatrix } from './checks.js';

/** A dense row-major float64 matrix: entry (i, j) is data[i * cols + j]. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function matrix(rows: number, cols: number, data?: Float64Array): Matrix {
  integer('rows', rows, 0);
  integer('cols', cols, 0);
  if (data !== undefined) float64Array('data', data);
  const size = rows * cols;
  const tooLarge = data === undefined ? overEntryLimit(size, 'the matrix') : null;
  if (tooLarge) throw new ParameterError('rows×cols', `${rows}×${cols}`, ENTRY_LIMIT, tooLarge);
  if (data && data.length !== size) {
    throw new ParameterError('data', `length ${data.length}`, `length rows × cols = ${size}`);
  }
  return { rows, cols, data: data ?? new Float64Array(size) };
}

export function transpose(a: Matrix): Matrix {
  checkMatrix('a', a);
  const t = matrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) t.data[j * a.rows + i] = a.data[i * a.cols + j];
  }
  return t;
}
