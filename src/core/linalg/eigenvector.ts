import { ConvergenceError, ParameterError } from '../errors.js';
import { finite } from '../validate.js';
import { checkMatrix, maxAbsFinite } from './checks.js';
import { luFactor, luSolveInPlace } from './lu.js';
import type { Matrix } from './matrix.js';

const MAX_ITERATIONS = 6;

/**
 * The unit eigenvector of the symmetric matrix A for its eigenvalue λ (as computed by symmetricEigenvalues), by
 * inverse iteration: x ← (A − λI)⁻¹x with one LU factorisation (O(n³)), from a fixed start vector, until the
 * residual ‖Ax − λx‖ is at rounding level (≤ 1e−12·n·max|A|). The sign is fixed so that the largest component is
 * positive. For an eigenvalue with a near-twin (gap ≲ 1e−12·‖A‖) the vector is some unit vector of that pair's
 * span, as for any method.
 */
export function symmetricEigenvector(a: Matrix, lambda: number): Float64Array {
  checkMatrix('A', a);
  const n = a.rows;
  if (a.cols !== n) throw new ParameterError('A', `${a.rows}×${a.cols}`, 'a square (symmetric) matrix');
  finite('lambda', lambda);
  const norm = maxAbsFinite('A', a);
  const lu = Float64Array.from(a.data);
  for (let i = 0; i < n; i++) lu[i * n + i] -= lambda;
  const pivots = new Int32Array(n);
  luFactor(lu, n, pivots);
  // A − λI is singular to working precision: a zero pivot becomes ε·‖A‖, which only sharpens the iteration.
  const floor = Number.EPSILON * Math.max(norm, Math.abs(lambda), Number.MIN_VALUE);
  for (let k = 0; k < n; k++) if (Math.abs(lu[k * n + k]) < floor) lu[k * n + k] = floor;
  // A start vector with no special structure, so that it is not orthogonal to the eigenvector.
  const x = Float64Array.from({ length: n }, (_, i) => 1 + 0.5 * Math.sin(1.7 * i + 0.3));
  const tolerance = 1e-12 * n * Math.max(norm, Math.abs(lambda));
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    luSolveInPlace(lu, n, pivots, x);
    normalize(x);
    if (residual(a, lambda, x) <= tolerance) return fixSign(x);
  }
  throw new ConvergenceError('inverse iteration', `residual above ${tolerance} after ${MAX_ITERATIONS} iterations (is λ = ${lambda} an eigenvalue?)`);
}

function normalize(x: Float64Array): void {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  const inv = 1 / Math.sqrt(s);
  for (let i = 0; i < x.length; i++) x[i] *= inv;
}

function residual(a: Matrix, lambda: number, x: Float64Array): number {
  const n = a.rows;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    let s = -lambda * x[i];
    for (let j = 0; j < n; j++) s += a.data[i * n + j] * x[j];
    worst = Math.max(worst, Math.abs(s));
  }
  return worst;
}

function fixSign(x: Float64Array): Float64Array {
  let at = 0;
  for (let i = 1; i < x.length; i++) if (Math.abs(x[i]) > Math.abs(x[at])) at = i;
  if (x[at] < 0) for (let i = 0; i < x.length; i++) x[i] = -x[i];
  return x;
}

/**
 * Inverse participation ratio Σ vᵢ⁴/(Σ vᵢ²)²: 1 for a vector on one site, 1/n for a flat one, about 3/(n + 2) for a
 * random Gaussian direction (a delocalised GOE eigenvector).
 */
export function inverseParticipationRatio(v: ArrayLike<number>): number {
  if (v.length === 0) throw new ParameterError('v', 'length 0', 'a non-empty vector');
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < v.length; i++) {
    const x = finite(`v[${i}]`, v[i]);
    const x2 = x * x;
    s2 += x2;
    s4 += x2 * x2;
  }
  if (s2 === 0) throw new ParameterError('v', 'the zero vector', 'a non-zero vector');
  return s4 / (s2 * s2);
}
