import { airyUnchecked } from '../special/airy.js';
import { gaussLegendre, type QuadratureRule } from '../special/quadrature.js';
import { luFactor, luForwardInPlace } from '../../linalg/lu.js';

/**
 * Tracy–Widom distributions as Fredholm determinants, discretised by Bornemann's Nyström method
 * (Bornemann 2010, "On the numerical evaluation of distributions in random matrix theory").
 *
 * With B_t the operator on L²(0, ∞) with kernel Ai(x + y + t) (unitarily equivalent to the kernel
 * ½Ai((x+y)/2 + t) of docs/theory.md, "Tracy–Widom", after x → 2x), Ferrari & Spohn (2005) give
 *   F1(s) = det(I − B_s),   F2(s) = det(I − B_s²) = det(I − B_s)·det(I + B_s),
 *   F4(s) = ½[det(I − B_{√2 s}) + det(I + B_{√2 s})].
 * Using B_s for F2 avoids the cancellation in the Airy kernel's divided difference.
 *
 * Densities use the exact derivative of the discretised determinant, d/dt log det(I ∓ B_t) = ∓tr((I ∓ B_t)⁻¹ B′_t),
 * where B′_t has kernel Ai′(x + y + t): the same quadrature, no finite differences.
 *
 * The half-line is cut where the kernel is negligible, at L with ζ(t + L) − max(ζ(t), 0) = 40, ζ(x) = ⅔x^(3/2)
 * (so e^(−40) ≈ 4e−18 relative to the kernel's largest entries), and [0, L] gets m-point Gauss–Legendre.
 */

export interface AiryOperatorDeterminants {
  /** det(I − B_t) */
  detMinus: number;
  /** det(I + B_t) */
  detPlus: number;
  /** tr((I − B_t)⁻¹ B′_t) */
  traceMinus: number;
  /** tr((I + B_t)⁻¹ B′_t) */
  tracePlus: number;
}

const rules = new Map<number, QuadratureRule>();
function rule(m: number): QuadratureRule {
  let r = rules.get(m);
  if (!r) {
    r = gaussLegendre(m);
    rules.set(m, r);
  }
  return r;
}

/** Cut-off L of the half-line for the operator B_t. */
export function truncationLength(t: number): number {
  const zeta = t > 0 ? (2 / 3) * t * Math.sqrt(t) : 0;
  return Math.pow(1.5 * (zeta + 40), 2 / 3) - t;
}

/** Default number of nodes: enough for the oscillations of Ai on [t, 0] and the decay beyond. */
export function defaultNodeCount(t: number): number {
  return Math.min(160, Math.max(24, Math.ceil(16 + 2 * truncationLength(t))));
}

/** tr(A⁻¹ D) from the LU factors of A (D symmetric, row-major): solves for each column of D. */
function traceOfSolve(lu: Float64Array, pivots: Int32Array, d: Float64Array, n: number): number {
  const x = new Float64Array(n);
  let trace = 0;
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) x[i] = d[i * n + c];
    luForwardInPlace(lu, n, pivots, x);
    // Only x[c] is needed, but back substitution must run down to row c.
    for (let i = n - 1; i >= c; i--) {
      let s = x[i];
      for (let j = i + 1; j < n; j++) s -= lu[i * n + j] * x[j];
      x[i] = s / lu[i * n + i];
    }
    trace += x[c];
  }
  return trace;
}

/** det(I ∓ B_t) and the traces giving their t-derivatives, by m-point Nyström discretisation. */
export function airyOperatorDeterminants(t: number, m = defaultNodeCount(t)): AiryOperatorDeterminants {
  const { nodes, weights } = rule(m);
  const length = truncationLength(t);
  const x = new Float64Array(m);
  const root = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    x[i] = 0.5 * length * (nodes[i] + 1);
    root[i] = Math.sqrt(0.5 * length * weights[i]);
  }
  const kernel = new Float64Array(m * m);
  const slope = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const v = airyUnchecked(t + x[i] + x[j]);
      const r = root[i] * root[j];
      kernel[i * m + j] = kernel[j * m + i] = r * v.ai;
      slope[i * m + j] = slope[j * m + i] = r * v.aiPrime;
    }
  }
  const pivots = new Int32Array(m);
  const result = { detMinus: 0, detPlus: 0, traceMinus: 0, tracePlus: 0 };
  for (const sign of [-1, 1] as const) {
    const a = new Float64Array(m * m);
    for (let k = 0; k < m * m; k++) a[k] = sign * kernel[k];
    for (let i = 0; i < m; i++) a[i * m + i] += 1;
    const det = luFactor(a, m, pivots);
    const trace = traceOfSolve(a, pivots, slope, m);
    if (sign < 0) {
      result.detMinus = det;
      result.traceMinus = trace;
    } else {
      result.detPlus = det;
      result.tracePlus = trace;
    }
  }
  return result;
}

export type TracyWidomBeta = 1 | 2 | 4;

/**
 * CDF and density of TW_β at s without argument checks or clamping. F4 uses the convention of docs/theory.md, "Tracy–Widom"
 * (Tracy & Widom 2005; Bornemann 2010): F4(s) = ½[det(I − B_{√2 s}) + det(I + B_{√2 s})], whose mean is −2.3069.
 */
export function tracyWidomNystrom(s: number, beta: TracyWidomBeta, m?: number): { cdf: number; pdf: number } {
  if (beta === 4) {
    const t = Math.SQRT2 * s;
    const d = airyOperatorDeterminants(t, m ?? defaultNodeCount(t));
    return {
      cdf: 0.5 * (d.detMinus + d.detPlus),
      pdf: Math.SQRT1_2 * (d.detPlus * d.tracePlus - d.detMinus * d.traceMinus),
    };
  }
  const d = airyOperatorDeterminants(s, m ?? defaultNodeCount(s));
  if (beta === 1) return { cdf: d.detMinus, pdf: -d.detMinus * d.traceMinus };
  const cdf = d.detMinus * d.detPlus;
  return { cdf, pdf: cdf * (d.tracePlus - d.traceMinus) };
}
