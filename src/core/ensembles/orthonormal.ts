import type { RandomStream } from '../random/index.js';
import { fillNormal } from '../random/index.js';
import { matrix, type Matrix } from '../linalg/matrix.js';

/**
 * k random orthonormal vectors in ℝ^dim (rows of a k×dim matrix), uniform on the Stiefel manifold: Gaussian
 * vectors orthonormalised by modified Gram–Schmidt, applied twice so that orthogonality holds to rounding.
 */
export function randomOrthonormalRows(stream: RandomStream, k: number, dim: number): Matrix {
  const v = matrix(k, dim);
  fillNormal(stream, v.data);
  for (let a = 0; a < k; a++) {
    const row = v.data.subarray(a * dim, (a + 1) * dim);
    for (let pass = 0; pass < 2; pass++) {
      for (let b = 0; b < a; b++) {
        const prev = v.data.subarray(b * dim, (b + 1) * dim);
        let dot = 0;
        for (let i = 0; i < dim; i++) dot += row[i] * prev[i];
        for (let i = 0; i < dim; i++) row[i] -= dot * prev[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += row[i] * row[i];
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < dim; i++) row[i] *= inv;
  }
  return v;
}
