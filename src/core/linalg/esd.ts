import { ParameterError } from '../errors.js';
import { oneOf } from '../validate.js';
import { ldexp } from './checks.js';
import { beyondFloat64, isNormalFloat64 } from '../float64.js';
import { eigenvaluesCall, eigenWorkspace } from './eigen.js';
import { gramCall, gramSizes } from './gram.js';
import type { Matrix } from './matrix.js';
import { runPlan, runPlanSync, type KernelPlan, type PlanOptions } from './plans.js';
import { asRows, type MatrixRows } from './rows.js';

export type EsdNormalization = '1/N' | 'none';

/**
 * Empirical spectral density of W (N×M, N ≥ M): the eigenvalues of X = WᵀW/N ('1/N', the project's convention)
 * or of WᵀW ('none', WeightWatcher's squared singular values), ascending. W is a matrix in memory or its rows
 * (MatrixRows: a file, read a block at a time); it is read block by block into the kernels' memory, so only
 * the M×M product needs room there. The product is tridiagonalized in place.
 */
export function esd(w: Matrix | MatrixRows, normalization: EsdNormalization = '1/N'): Float64Array {
  return runPlanSync('W', esdPlan(w, normalization));
}

/** `esd` on the given threads (or the calling thread): the same eigenvalues, bit for bit. */
export async function esdAsync(w: Matrix | MatrixRows, normalization: EsdNormalization = '1/N', options: PlanOptions = {}): Promise<Float64Array> {
  return runPlan('W', esdPlan(w, normalization), options);
}

/** The esd plan's layout: the product, then the blocks of W (with the Gram packing buffer) or the workspace. */
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

function esdPlan(input: Matrix | MatrixRows, normalization: EsdNormalization): KernelPlan<Float64Array> {
  const w = asRows(input);
  oneOf('normalization', normalization, ['1/N', 'none'] as const);
  const { rows: n, cols: m } = w;
  checkShape(n, m);
  const divisor = normalization === '1/N' ? n : 1;
  // The blocks of W are only needed until the product is formed: the eigenvalue workspace reuses their place.
  const { size, product } = esdLayout(n, m);
  return {
    size,
    *run(memory, start) {
      // Shares of the time: the product costs about N·M²/2 multiply-adds, the reduction 2M³/3 at a lower rate.
      const gramShare = (n * m) / (n * m + 2 * m * m);
      // W·2^k has its largest entries in [0.5, 2^64) (see gramCall): the Gram product and the eigensolver never
      // overflow or underflow, whatever the scale of W; the eigenvalues are scaled back by 2^(−2k) at the end, exactly.
      const { c, ldc, exponent, largest } = yield* gramCall(memory, w, start, start + product, gramShare);
      const values = yield* eigenvaluesCall(memory, c, m, ldc, start + product, 1 - gramShare);
      const top = values[m - 1] / divisor;
      for (let i = 0; i < m; i++) values[i] = ldexp(values[i] / divisor, -2 * exponent);
      // λ_max ≈ top·2^(−2k) must be a float64 with its digits (smaller eigenvalues may underflow: their absolute
      // error is ε·λ_max anyway); a zero W has a zero spectrum.
      if (top > 0 && !isNormalFloat64(values[m - 1])) {
        const log10 = Math.log10(top) - 2 * exponent * Math.log10(2);
        const remedy = log10 > 0 ? 'divide W by a constant c and multiply the eigenvalues by c²' : 'multiply W by a constant c and divide the eigenvalues by c²';
        throw beyondFloat64('W', `entries up to ${largest}`, 'entries', `λ_max of ${normalization === '1/N' ? 'WᵀW/N' : 'WᵀW'}`, log10, remedy);
      }
      return values;
    },
  };
}
