import { ConvergenceError } from '../../errors.js';
import { integer } from '../../validate.js';

/** Nodes (ascending) and weights of an n-point Gauss rule: ∫ f dμ ≈ Σ weights[i] f(nodes[i]). */
export interface QuadratureRule {
  nodes: Float64Array;
  weights: Float64Array;
}

/**
 * Gauss rules from the three-term recurrence x p_k = b_{k+1} p_{k+1} + b_k p_{k−1} (zero diagonal, symmetric
 * measure) of the orthonormal polynomials. The nodes are the eigenvalues of the Jacobi matrix, found one by one by
 * Sturm-count bisection (robust, never misses or duplicates a root) and polished by Newton on p_n; the weights
 * come from the Christoffel function, w_i = μ₀ / Σ_{k<n} p_k(x_i)², which needs no derivative and is stable.
 */
function gaussSymmetric(n: number, offDiagonal: (k: number) => number, totalMass: number): QuadratureRule {
  const b = new Float64Array(n); // b[k] couples p_{k−1} and p_k, k = 1..n−1
  let bound = 0;
  for (let k = 1; k < n; k++) {
    b[k] = offDiagonal(k);
    bound = Math.max(bound, b[k] + (k + 1 < n ? offDiagonal(k + 1) : 0));
  }
  bound = bound * (1 + 1e-12) + 1e-300;
  const countBelow = (x: number): number => {
    // Number of negative pivots of the LDLᵀ factorisation of J − xI.
    let count = 0;
    let d = -x;
    if (d < 0) count++;
    for (let k = 1; k < n; k++) {
      if (d === 0) d = 1e-300;
      d = -x - (b[k] * b[k]) / d;
      if (d < 0) count++;
    }
    return count;
  };
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  // Symmetric measure: compute the upper half and mirror it.
  const half = Math.floor(n / 2);
  for (let i = n - 1; i >= n - half - (n % 2); i--) {
    let lo = -bound;
    let hi = bound;
    if (i === (n - 1) / 2) {
      nodes[i] = 0;
      continue;
    }
    for (let iter = 0; iter < 200 && hi - lo > 1e-6 * (Math.abs(lo) + Math.abs(hi)); iter++) {
      const mid = 0.5 * (lo + hi);
      if (countBelow(mid) > i) hi = mid;
      else lo = mid;
    }
    nodes[i] = newtonPolish(0.5 * (lo + hi), n, b, lo, hi);
  }
  for (let i = 0; i < half; i++) nodes[i] = -nodes[n - 1 - i];
  for (let i = 0; i < n; i++) {
    const x = nodes[i];
    let pPrev = 0;
    let p = 1;
    let sum = 1;
    for (let k = 1; k < n; k++) {
      const next = (x * p - (k > 1 ? b[k - 1] : 0) * pPrev) / b[k];
      pPrev = p;
      p = next;
      sum += p * p;
    }
    weights[i] = totalMass / sum;
  }
  for (let i = 0; i < half; i++) weights[i] = weights[n - 1 - i] = 0.5 * (weights[i] + weights[n - 1 - i]);
  return { nodes, weights };
}

/** Newton on p_n (value and derivative by the recurrence), kept inside the bisection bracket. */
function newtonPolish(start: number, n: number, b: Float64Array, lo: number, hi: number): number {
  let x = start;
  for (let iter = 0; iter < 50; iter++) {
    let pPrev = 0;
    let p = 1;
    let dPrev = 0;
    let d = 0;
    for (let k = 0; k < n; k++) {
      // p_{k+1} = (x p_k − b_k p_{k−1}) / b_{k+1}, with b_n := 1 (scale of p_n is irrelevant for its root).
      const bk = k > 0 ? b[k] : 0;
      const bNext = k + 1 < n ? b[k + 1] : 1;
      const pNext = (x * p - bk * pPrev) / bNext;
      const dNext = (p + x * d - bk * dPrev) / bNext;
      pPrev = p;
      p = pNext;
      dPrev = d;
      d = dNext;
    }
    const step = p / d;
    let next = x - step;
    if (!(next >= lo && next <= hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 2 * Number.EPSILON * Math.abs(x)) return next;
    x = next;
  }
  throw new ConvergenceError('Gauss quadrature nodes', `n = ${n}`);
}

/** Gauss–Legendre on [−1, 1] (weight 1). Exact for polynomials of degree ≤ 2n − 1. */
export function gaussLegendre(n: number): QuadratureRule {
  integer('n', n, 1, 2000);
  return gaussSymmetric(n, (k) => k / Math.sqrt(4 * k * k - 1), 2);
}

/** Gauss–Hermite for the weight e^(−x²) on ℝ (physicists'; weights sum to √π). n ≤ 500 (weights underflow beyond). */
export function gaussHermite(n: number): QuadratureRule {
  integer('n', n, 1, 500);
  return gaussSymmetric(n, (k) => Math.sqrt(k / 2), Math.sqrt(Math.PI));
}

/** Gauss–Hermite for the standard normal measure (probabilists'; weights sum to 1): E f(Z) ≈ Σ wᵢ f(xᵢ). */
export function gaussHermiteNormal(n: number): QuadratureRule {
  integer('n', n, 1, 500);
  return gaussSymmetric(n, (k) => Math.sqrt(k), 1);
}

/** Gauss–Legendre mapped to [a, b]. */
export function gaussLegendreOn(n: number, a: number, b: number): QuadratureRule {
  const { nodes, weights } = gaussLegendre(n);
  const half = 0.5 * (b - a);
  const mid = 0.5 * (a + b);
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = mid + half * nodes[i];
    w[i] = half * weights[i];
  }
  return { nodes: x, weights: w };
}
