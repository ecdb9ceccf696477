import { ParameterError } from '../errors.js';
import { integer, oneOf } from '../validate.js';
import { checkMatrix, ldexp } from './checks.js';
import { eigenvaluesCall, eigenWorkspace } from './eigen.js';
import { gramCall, gramSizes } from './gram.js';
import type { Matrix } from './matrix.js';
import { planArena, runPlan, runPlanSync, type KernelPlan, type PlanOptions } from './plans.js';
import type { KernelThreads } from './threads.js';

export type EsdNormalization = '1/N' | 'none';

/**
 * Empirical spectral density of W (N×M, N ≥ M): the eigenvalues of X = WᵀW/N ('1/N', the project's convention)
 * or of WᵀW ('none', WeightWatcher's squared singular values), ascending. The Gram product stays in the kernels'
 * memory and is tridiagonalized in place.
 */
export function esd(w: Matrix, normalization: EsdNormalization = '1/N'): Float64Array {
  return runPlanSync('W', esdPlan(w, normalization));
}

/** `esd` on the given threads (or the calling thread): the same eigenvalues, bit for bit. */
export async function esdAsync(w: Matrix, normalization: EsdNormalization = '1/N', options: PlanOptions = {}): Promise<Float64Array> {
  return runPlan('W', esdPlan(w, normalization), options);
}

/** The esd plan's layout: the product, then W (with the Gram packing buffer) or, once W is used, the workspace. */
function esdLayout(n: number, m: number): { size: number; product: number } {
  const { product, input } = gramSizes(n, m);
  return { size: product + Math.max(input, eigenWorkspace(m)), product };
}

function checkShape(n: number, m: number): void {
  if (n < m) {
    throw new ParameterError(
      'W',
      `${n}×${m}`,
      'N×M with N ≥ M: the ESD is that of X = WᵀW/N (M×M); pass the transpose to study a wide matrix',
    );
  }
}

/**
 * An N×M matrix lying exactly where `esd` and `esdAsync` (with the same threads) put their copy of W: fill its
 * data (read a file into it, say) and pass it to them, and the copy, with the first touch of a second buffer as
 * large as W (a quarter of a second for 64 MB on some virtual machines), is saved. The data are valid until the
 * next dense computation on the same threads; a matrix elsewhere is copied as usual.
 */
export function esdInput(rows: number, cols: number, options: { threads?: KernelThreads } = {}): Matrix {
  integer('rows', rows, 1);
  integer('cols', cols, 1);
  checkShape(rows, cols);
  const { size, product } = esdLayout(rows, cols);
  const { memory, start } = planArena('W', size, options.threads);
  const at = start + product;
  return { rows, cols, data: memory.f64.subarray(at, at + rows * cols) };
}

function esdPlan(w: Matrix, normalization: EsdNormalization): KernelPlan<Float64Array> {
  checkMatrix('W', w);
  oneOf('normalization', normalization, ['1/N', 'none'] as const);
  const { rows: n, cols: m } = w;
  checkShape(n, m);
  const divisor = normalization === '1/N' ? n : 1;
  // The copy of W is only needed until the product is formed: the eigenvalue workspace reuses its place.
  const { size, product } = esdLayout(n, m);
  return {
    size,
    *run(memory, start) {
      // Shares of the time: the product costs about N·M²/2 multiply-adds, the reduction 2M³/3 at a lower rate.
      const gramShare = (n * m) / (n * m + 2 * m * m);
      // W·2^k has entries in [0.5, 1): the Gram product and the eigensolver never overflow or underflow, whatever
      // the scale of W; the eigenvalues are scaled back by 2^(−2k) at the end, exactly.
      const { c, ldc, exponent, largest } = yield* gramCall(memory, w, start, start + product, gramShare);
      const values = yield* eigenvaluesCall(memory, c, m, ldc, start + product, 1 - gramShare);
      const top = values[m - 1] / divisor;
      for (let i = 0; i < m; i++) values[i] = ldexp(values[i] / divisor, -2 * exponent);
      if (!Number.isFinite(values[m - 1])) throw beyondFloat64(largest, top, exponent, normalization);
      return values;
    },
  };
}

/** The spectrum itself lies beyond float64 (λ_max ≈ top·2^(−2k)): say so rather than return ±Infinity. */
function beyondFloat64(largest: number, top: number, exponent: number, normalization: EsdNormalization): ParameterError {
  const log10 = Math.log10(top) - 2 * exponent * Math.log10(2);
  return new ParameterError(
    'W',
    `entries up to ${largest}`,
    'entries whose eigenvalues fit in float64 (λ_max below 1.8e308)',
    `λ_max of ${normalization === '1/N' ? 'WᵀW/N' : 'WᵀW'} would be about 1e${Math.floor(log10)}; divide W by a constant c and the eigenvalues by c²`,
  );
}
