import { ParameterError } from '../errors.js';
import { beyondFloat64 } from '../float64.js';
import { checkMatrix, ldexp, maxAbsFinite, normalizingExponent } from './checks.js';
import type { Matrix } from './matrix.js';
import { kernelSizes, roundUp8, runPlan, runPlanSync, type KernelCall, type KernelPlan, type PlanOptions } from './plans.js';
import { sterfInPlace } from './tridiagonal.js';
import type { Arena } from './wasm/index.js';

/** float64 values that `eigenvaluesCall` needs after the matrix: d, e and the kernel's workspace. */
export function eigenWorkspace(n: number): number {
  return 2 * roundUp8(n) + roundUp8(kernelSizes().tridiagonalWorkspace(n));
}

/**
 * Eigenvalues (ascending) of the symmetric n×n matrix held in the arena at float64 index `a` (lower triangle,
 * column by column, leading dimension lda = n rounded up to 4, entries below row n zero), which is destroyed;
 * the workspace starts at `free`. Blocked Householder tridiagonalization (wasm/sytrd.as), then root-free QL/QR.
 */
export function* eigenvaluesCall(memory: Arena, a: number, n: number, lda: number, free: number, share: number): Generator<KernelCall, Float64Array, void> {
  const d = free;
  const e = d + roundUp8(n);
  const work = e + roundUp8(n);
  yield { entry: 'tridiagonalize', args: [a * 8, n, lda, d * 8, e * 8, work * 8], units: n, share };
  const diagonal = memory.f64.slice(d, d + n);
  sterfInPlace(diagonal, memory.f64.slice(e, e + n - 1));
  return diagonal;
}

/** Relative asymmetry tolerated in the input, so that products computed in another order are accepted. */
const SYMMETRY_TOLERANCE = 1e-10;

/**
 * Checks that A is a finite, square, symmetric matrix (to SYMMETRY_TOLERANCE relative to its largest entry) and
 * returns max |A_ij|. Shared by every function that assumes symmetry, so that they refuse the same matrices.
 */
export function checkSymmetric(a: Matrix): number {
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
  return max;
}

function eigenPlan(a: Matrix, max: number): KernelPlan<Float64Array> {
  const n = a.rows;
  const lda = (n + 3) & ~3;
  const matrixSize = roundUp8(lda * lda);
  const exponent = normalizingExponent(max);
  return {
    size: matrixSize + eigenWorkspace(n),
    *run(memory, start) {
      // Row j of A is column j of its lower triangle (A is symmetric); rows and columns past n stay zero.
      const { f64 } = memory;
      const factor = 2 ** exponent;
      f64.fill(0, start, start + lda * lda);
      for (let j = 0; j < n; j++) {
        const column = start + j * lda;
        for (let i = j; i < n; i++) f64[column + i] = a.data[j * n + i] * factor;
      }
      const values = yield* eigenvaluesCall(memory, start, n, lda, start + matrixSize, 1);
      // The scaled spectrum lies within n·[−1, 1]; scaling back can overflow (|λ| ≤ n·max|A| may exceed 1.8e308
      // though every entry does not). It cannot underflow: max |λ| ≥ max |A_ij|.
      const extreme = Math.max(Math.abs(values[0]), Math.abs(values[n - 1]));
      for (let i = 0; i < n; i++) values[i] = ldexp(values[i], -exponent);
      if (!Number.isFinite(values[0]) || !Number.isFinite(values[n - 1])) {
        throw beyondFloat64('A', `entries up to ${max}`, 'entries', 'max |λ|', Math.log10(extreme) - exponent * Math.log10(2), 'divide A by a constant c and multiply the eigenvalues by c');
      }
      return values;
    },
  };
}

/**
 * All eigenvalues of the symmetric matrix A, ascending; A is not modified. Blocked Householder tridiagonalization
 * (WebAssembly SIMD) followed by root-free QL/QR. Accuracy about 1e-15·n·max|λ| in absolute terms.
 */
export function symmetricEigenvalues(a: Matrix): Float64Array {
  return runPlanSync('A', eigenPlan(a, checkSymmetric(a)));
}

/** `symmetricEigenvalues` on the given threads (or the calling thread): the same values, bit for bit. */
export async function symmetricEigenvaluesAsync(a: Matrix, options: PlanOptions = {}): Promise<Float64Array> {
  return runPlan('A', eigenPlan(a, checkSymmetric(a)), options);
}
