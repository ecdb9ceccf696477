import { ParameterError } from '../errors.js';

/** A dense row-major float64 matrix: entry (i, j) is data[i * cols + j]. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export function matrix(rows: number, cols: number, data?: Float64Array): Matrix {
  const size = rows * cols;
  if (data && data.length !== size) {
    throw new ParameterError('data', `length ${data.length}`, `length rows × cols = ${size}`);
  }
  return { rows, cols, data: data ?? new Float64Array(size) };
}

export function transpose(a: Matrix): Matrix {
  const t = matrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) t.data[j * a.rows + i] = a.data[i * a.cols + j];
  }
  return t;
}
