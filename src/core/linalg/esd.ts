import { ParameterError } from '../errors.js';
import { oneOf } from '../validate.js';
import { checkMatrix, ldexp, maxAbsFinite, normalizingExponent } from './checks.js';
import { eigenvaluesInArena, eigenWorkspace } from './eigen.js';
import { gramInArena } from './gram.js';
import type { Matrix } from './matrix.js';

export type EsdNormalization = '1/N' | 'none';

/**
 * Empirical spectral density of W (N×M, N ≥ M): the eigenvalues of X = WᵀW/N ('1/N', the project's convention)
 * or of WᵀW ('none', WeightWatcher's squared singular values), ascending. The Gram product stays in the kernels'
 * memory and is tridiagonalized in place.
 */
export function esd(w: Matrix, normalization: EsdNormalization = '1/N'): Float64Array {
  checkMatrix('W', w);
  oneOf('normalization', normalization, ['1/N', 'none'] as const);
  const { rows: n, cols: m } = w;
  if (n < m) {
    throw new ParameterError(
      'W',
      `${n}×${m}`,
      'N×M with N ≥ M: the ESD is that of X = WᵀW/N (M×M); pass the transpose to study a wide matrix',
    );
  }
  const exponent = normalizingExponent(maxAbsFinite('W', w));
  const { memory, c, ldc, free } = gramInArena(w, exponent, eigenWorkspace(m));
  const values = eigenvaluesInArena(memory, c, m, ldc, free);
  const divisor = normalization === '1/N' ? n : 1;
  for (let i = 0; i < m; i++) values[i] = ldexp(values[i] / divisor, -2 * exponent);
  return values;
}
