import { ParameterError } from '../errors.js';
import { checkMatrix, ldexp, maxAbsFinite, normalizingExponent } from './checks.js';
import type { Matrix } from './matrix.js';
import { sterfInPlace } from './tridiagonal.js';
import { arena, arenaCapacity, type Arena } from './wasm/index.js';

/** float64 values that `eigenvaluesInArena` needs after the matrix: d, e and four work vectors. */
export function eigenWorkspace(n: number): number {
  return 6 * n;
}

/**
 * Eigenvalues (ascending) of the symmetric n×n matrix held in the kernels' memory at float64 index `a` with row
 * stride `lda` (upper triangle of the rows is read, and destroyed). `free` is where the workspace may start.
 */
export function eigenvaluesInArena(memory: Arena, a: number, n: number, lda: number, free: number): Float64Array {
  const d = free;
  const e = d + n;
  const work = e + n;
  memory.kernels.tridiagonalize(memory.address(a), n, lda, memory.address(d), memory.address(e), memory.address(work));
  const diagonal = memory.f64.slice(d, d + n);
  const offDiagonal = memory.f64.slice(e, e + n - 1);
  sterfInPlace(diagonal, offDiagonal);
  return diagonal;
}

/** Relative asymmetry tolerated in the input, so that products computed in another order are accepted. */
const SYMMETRY_TOLERANCE = 1e-10;

/**
 * All eigenvalues of the symmetric matrix A, ascending; A is not modified. Householder tridiagonalization
 * (WebAssembly SIMD) followed by root-free QL/QR. Accuracy about 1e-15·n·max|λ| in absolute terms.
 */
export function symmetricEigenvalues(a: Matrix): Float64Array {
  checkMatrix('A', a);
  const n = a.rows;
  if (a.cols !== n) throw new ParameterError('A', `${a.rows}×${a.cols}`, 'a square (symmetric) matrix');
  const max = maxAbsFinite('A', a);
  const x = a.data;
  const tolerance = SYMMETRY_TOLERANCE * max;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(x[i * n + j] - x[j * n + i]) > tolerance) {
        throw new ParameterError(`A[${i}][${j}]`, x[i * n + j], `a symmetric matrix (A[${j}][${i}] = ${x[j * n + i]})`);
      }
    }
  }
  const needed = n * n + eigenWorkspace(n);
  if (needed > arenaCapacity()) throw new ParameterError('A', `${n}×${n}`, 'a matrix that fits in wasm32 memory');
  const exponent = normalizingExponent(max);
  const memory = arena(needed);
  const { f64, base } = memory;
  const factor = 2 ** exponent;
  for (let i = 0; i < n * n; i++) f64[base + i] = x[i] * factor;
  const values = eigenvaluesInArena(memory, base, n, n, base + n * n);
  for (let i = 0; i < n; i++) values[i] = ldexp(values[i], -exponent);
  return values;
}
