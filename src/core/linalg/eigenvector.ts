import { ConvergenceError, ParameterError } from '../errors.js';
import { finite, numbers } from '../validate.js';
import { normalizingExponent } from './checks.js';
import { checkSymmetric } from './eigen.js';
import { luFactor, luSolveInPlace } from './lu.js';
import type { Matrix } from './matrix.js';

const MAX_ITERATIONS = 6;

/**
 * How far |λ| may exceed n·max|A_ij| (a bound on ‖A‖₂, reached by the all-equal matrix) and still be taken for an
 * eigenvalue: a computed λ_max of that matrix carries a relative error of a few n·ε.
 */
const BOUND_SLACK = 1e-8;

/**
 * The unit eigenvector of the symmetric matrix A for its eigenvalue λ (as computed by symmetricEigenvalues), by
 * inverse iteration: x ← (A − λI)⁻¹x with one LU factorisation (O(n³)), from a fixed start vector, until the
 * residual ‖Ax − λx‖ is at rounding level (≤ 1e−12·n·max|A|). The sign is fixed so that the largest component is
 * positive. For an eigenvalue with a near-twin (gap ≲ 1e−12·‖A‖) the vector is some unit vector of that pair's
 * span, as for any method. A and λ are first multiplied by the power of two that brings max|A_ij| into [0.5, 1)
 * (exact; the eigenvector is that of the scaled pair), so any scale in float64 works. The zero matrix has every
 * unit vector as eigenvector for λ = 0: it returns e₁ = (1, 0, …, 0). A must be symmetric (the same check as
 * symmetricEigenvalues), and |λ| ≤ n·max|A_ij| (no larger value is an eigenvalue).
 */
export function symmetricEigenvector(a: Matrix, lambda: number): Float64Array {
  const max = checkSymmetric(a);
  const n = a.rows;
  finite('lambda', lambda);
  if (Math.abs(lambda) / n > max * (1 + BOUND_SLACK)) {
    throw new ParameterError('lambda', lambda, `an eigenvalue of A: |λ| ≤ n·max|A_ij| = ${n * max}`);
  }
  if (max === 0) {
    const e1 = new Float64Array(n);
    e1[0] = 1;
    return e1;
  }
  // Scaled, A's entries and λ are O(1): the LU pivots, the floor below and the squares in normalize and the
  // residual stay far from overflow and underflow whatever A's own scale (1e−300 or 1e300).
  const k = normalizingExponent(max);
  const factor = 2 ** k;
  const scaled: Matrix = { rows: n, cols: n, data: a.data.map((v) => v * factor) };
  const mu = lambda * factor;
  const norm = max * factor;
  const lu = Float64Array.from(scaled.data);
  for (let i = 0; i < n; i++) lu[i * n + i] -= mu;
  const pivots = new Int32Array(n);
  luFactor(lu, n, pivots);
  // A − λI is singular to working precision: a zero pivot becomes ε·‖A‖, which only sharpens the iteration.
  const floor = Number.EPSILON * Math.max(norm, Math.abs(mu));
  for (let j = 0; j < n; j++) if (Math.abs(lu[j * n + j]) < floor) lu[j * n + j] = floor;
  // A start vector with no special structure, so that it is not orthogonal to the eigenvector.
  const x = Float64Array.from({ length: n }, (_, i) => 1 + 0.5 * Math.sin(1.7 * i + 0.3));
  const tolerance = 1e-12 * n * Math.max(norm, Math.abs(mu));
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    luSolveInPlace(lu, n, pivots, x);
    normalize(x);
    if (residual(scaled, mu, x) <= tolerance) return fixSign(x);
  }
  // The tolerance is stated relative to A: in A's own units it may underflow (A of 1e-320 gives 0).
  throw new ConvergenceError('inverse iteration', `residual above 1e-12·n·max(max|A_ij|, |λ|) after ${MAX_ITERATIONS} iterations (is λ = ${lambda} an eigenvalue?)`);
}

/**
 * Scales x to unit length. It is first brought to max|xᵢ| in [0.5, 1) by a power of two, so that an iterate grown
 * through several floored pivots (about 1/ε each) cannot overflow the sum of squares; being exact, that step leaves
 * the result's bits as they would be without it.
 */
function normalize(x: Float64Array): void {
  let big = 0;
  for (let i = 0; i < x.length; i++) big = Math.max(big, Math.abs(x[i]));
  if (!(big > 0 && big < Infinity)) throw new ConvergenceError('inverse iteration', `the iterate is ${big === 0 ? 'zero' : 'not finite'}`);
  const factor = 2 ** normalizingExponent(big);
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    x[i] *= factor;
    s += x[i] * x[i];
  }
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
  numbers('v', v);
  if (v.length === 0) throw new ParameterError('v', 'length 0', 'a non-empty vector');
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(finite(`v[${i}]`, v[i])));
  if (max === 0) throw new ParameterError('v', 'the zero vector', 'a non-zero vector');
  // The ratio is scale-invariant: with max|vᵢ| brought into [0.5, 1) by a power of two, the fourth powers can
  // neither overflow (v = 1e100) nor underflow to a zero sum (v = 1e−200).
  const factor = 2 ** normalizingExponent(max);
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i] * factor;
    const x2 = x * x;
    s2 += x2;
    s4 += x2 * x2;
  }
  return s4 / (s2 * s2);
}
