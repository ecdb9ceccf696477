import { ConvergenceError, ParameterError } from '../errors.js';

const EPS = 2 ** -53;
const EPS2 = EPS * EPS;
const SAFMIN = 2 ** -1022;
const SSFMAX = Math.sqrt(1 / SAFMIN) / 3;
const SSFMIN = Math.sqrt(SAFMIN) / EPS2;
const MAX_SWEEPS_PER_EIGENVALUE = 30;

/**
 * Eigenvalues of the symmetric tridiagonal matrix with diagonal `d` (length n) and off-diagonal `e` (length n−1),
 * ascending. Inputs are not modified.
 */
export function tridiagonalEigenvalues(d: Float64Array, e: Float64Array): Float64Array {
  const n = d.length;
  if (n === 0) throw new ParameterError('d', 'length 0', 'a diagonal with at least one entry');
  if (e.length !== n - 1) throw new ParameterError('e', `length ${e.length}`, `length d.length − 1 = ${n - 1}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(d[i])) throw new ParameterError(`d[${i}]`, d[i], 'a finite number');
  }
  for (let i = 0; i < n - 1; i++) {
    if (!Number.isFinite(e[i])) throw new ParameterError(`e[${i}]`, e[i], 'a finite number');
  }
  const out = Float64Array.from(d);
  sterfInPlace(out, Float64Array.from(e));
  return out;
}

/** Eigenvalues of [[a, b], [b, c]], larger in absolute value first (LAPACK dlae2). */
function eigen2(a: number, b: number, c: number): [number, number] {
  const sm = a + c;
  const adf = Math.abs(a - c);
  const ab = Math.abs(b + b);
  const [acmx, acmn] = Math.abs(a) > Math.abs(c) ? [a, c] : [c, a];
  let rt: number;
  if (adf > ab) rt = adf * Math.sqrt(1 + (ab / adf) ** 2);
  else if (adf < ab) rt = ab * Math.sqrt(1 + (adf / ab) ** 2);
  else rt = ab * Math.SQRT2;
  if (sm === 0) return [0.5 * rt, -0.5 * rt];
  const rt1 = sm < 0 ? 0.5 * (sm - rt) : 0.5 * (sm + rt);
  // The smaller root from the product of the roots: no cancellation.
  return [rt1, (acmx / rt1) * acmn - (b / rt1) * b];
}

function notConverged(sweeps: number): ConvergenceError {
  return new ConvergenceError('tridiagonal QL/QR', `an eigenvalue still unresolved after ${sweeps} sweeps`);
}

function scale(x: Float64Array, from: number, to: number, factor: number): void {
  for (let i = from; i <= to; i++) x[i] *= factor;
}

/**
 * Root-free implicit QL/QR (Pal–Walker–Kahan, as in LAPACK dsterf): overwrites `d` with the eigenvalues in
 * ascending order; `e` is destroyed. Unreduced blocks are rescaled when their norm nears overflow or underflow.
 * Callers validate; this runs in O(n²) and does not check its inputs.
 */
export function sterfInPlace(d: Float64Array, e: Float64Array): void {
  const n = d.length;
  if (n <= 1) return;
  const maxSweeps = n * MAX_SWEEPS_PER_EIGENVALUE;
  let sweeps = 0;
  let l1 = 0;
  while (l1 < n) {
    if (l1 > 0) e[l1 - 1] = 0;
    let m = l1;
    for (; m < n - 1; m++) {
      if (Math.abs(e[m]) <= Math.sqrt(Math.abs(d[m])) * Math.sqrt(Math.abs(d[m + 1])) * EPS) {
        e[m] = 0;
        break;
      }
    }
    let l = l1;
    const lsv = l;
    let lend = m;
    const lendsv = lend;
    l1 = m + 1;
    if (lend === l) continue;

    let anorm = 0;
    for (let i = l; i <= lend; i++) anorm = Math.max(anorm, Math.abs(d[i]));
    for (let i = l; i < lend; i++) anorm = Math.max(anorm, Math.abs(e[i]));
    if (anorm === 0) continue;
    let factor = 1;
    if (anorm > SSFMAX) factor = SSFMAX / anorm;
    else if (anorm < SSFMIN) factor = SSFMIN / anorm;
    if (factor !== 1) {
      scale(d, l, lend, factor);
      scale(e, l, lend - 1, factor);
    }
    for (let i = l; i < lend; i++) e[i] *= e[i];

    if (Math.abs(d[lend]) < Math.abs(d[l])) {
      lend = lsv;
      l = lendsv;
    }
    if (lend >= l) {
      // QL: eigenvalues converge at the top of the block.
      while (l <= lend) {
        let mm = l;
        for (; mm < lend; mm++) if (Math.abs(e[mm]) <= EPS2 * Math.abs(d[mm] * d[mm + 1])) break;
        if (mm < lend) e[mm] = 0;
        let p = d[l];
        if (mm === l) {
          d[l] = p;
          l++;
          continue;
        }
        if (mm === l + 1) {
          const [rt1, rt2] = eigen2(d[l], Math.sqrt(e[l]), d[l + 1]);
          d[l] = rt1;
          d[l + 1] = rt2;
          e[l] = 0;
          l += 2;
          continue;
        }
        if (++sweeps > maxSweeps) throw notConverged(maxSweeps);
        const rte = Math.sqrt(e[l]);
        let sigma = (d[l + 1] - p) / (2 * rte);
        const r0 = Math.hypot(sigma, 1);
        sigma = p - rte / (sigma + (sigma >= 0 ? r0 : -r0));
        let c = 1;
        let s = 0;
        let gamma = d[mm] - sigma;
        p = gamma * gamma;
        for (let i = mm - 1; i >= l; i--) {
          const bb = e[i];
          const r = p + bb;
          if (i !== mm - 1) e[i + 1] = s * r;
          const oldc = c;
          c = p / r;
          s = bb / r;
          const oldgam = gamma;
          const alpha = d[i];
          gamma = c * (alpha - sigma) - s * oldgam;
          d[i + 1] = oldgam + (alpha - gamma);
          p = c !== 0 ? (gamma * gamma) / c : oldc * bb;
        }
        e[l] = s * p;
        d[l] = sigma + gamma;
      }
    } else {
      // QR: eigenvalues converge at the bottom of the block.
      while (l >= lend) {
        let mm = l;
        for (; mm > lend; mm--) if (Math.abs(e[mm - 1]) <= EPS2 * Math.abs(d[mm] * d[mm - 1])) break;
        if (mm > lend) e[mm - 1] = 0;
        let p = d[l];
        if (mm === l) {
          d[l] = p;
          l--;
          continue;
        }
        if (mm === l - 1) {
          const [rt1, rt2] = eigen2(d[l], Math.sqrt(e[l - 1]), d[l - 1]);
          d[l] = rt1;
          d[l - 1] = rt2;
          e[l - 1] = 0;
          l -= 2;
          continue;
        }
        if (++sweeps > maxSweeps) throw notConverged(maxSweeps);
        const rte = Math.sqrt(e[l - 1]);
        let sigma = (d[l - 1] - p) / (2 * rte);
        const r0 = Math.hypot(sigma, 1);
        sigma = p - rte / (sigma + (sigma >= 0 ? r0 : -r0));
        let c = 1;
        let s = 0;
        let gamma = d[mm] - sigma;
        p = gamma * gamma;
        for (let i = mm; i < l; i++) {
          const bb = e[i];
          const r = p + bb;
          if (i !== mm) e[i - 1] = s * r;
          const oldc = c;
          c = p / r;
          s = bb / r;
          const oldgam = gamma;
          const alpha = d[i + 1];
          gamma = c * (alpha - sigma) - s * oldgam;
          d[i] = oldgam + (alpha - gamma);
          p = c !== 0 ? (gamma * gamma) / c : oldc * bb;
        }
        e[l - 1] = s * p;
        d[l] = sigma + gamma;
      }
    }
    if (factor !== 1) scale(d, lsv, lendsv, anorm > SSFMAX ? anorm / SSFMAX : anorm / SSFMIN);
  }
  d.sort();
}

/** Eigenvalue counts of a scaled tridiagonal matrix between bin edges. */
export interface SpectrumHistogram {
  edges: Float64Array;
  /** counts[j]: eigenvalues in [edges[j], edges[j+1]). */
  counts: Float64Array;
  below: number;
  above: number;
}

/** At least two finite, strictly increasing bin edges, as a Float64Array. */
export function checkEdges(input: ArrayLike<number> | undefined): Float64Array {
  const edges = Float64Array.from(input ?? []);
  if (edges.length < 2) throw new ParameterError('edges', edges.length, 'at least 2 bin edges');
  for (let j = 0; j < edges.length; j++) {
    if (!Number.isFinite(edges[j]) || (j > 0 && edges[j] <= edges[j - 1])) {
      throw new ParameterError(`edges[${j}]`, edges[j], 'finite and strictly increasing edges');
    }
  }
  return edges;
}

/**
 * Exact counts of the eigenvalues of factor·T (factor > 0; T the symmetric tridiagonal (d, e)) between the edges,
 * by Sturm counts: O(n) per edge and no eigenvalue solve.
 */
export function spectrumHistogram(d: Float64Array, e: Float64Array, factor: number, edges: Float64Array): SpectrumHistogram {
  const below = edges.map((x) => countBelow(d, e, x / factor));
  const counts = new Float64Array(edges.length - 1);
  for (let j = 0; j < counts.length; j++) counts[j] = below[j + 1] - below[j];
  return { edges, counts, below: below[0], above: d.length - below[below.length - 1] };
}

/**
 * Number of eigenvalues of the symmetric tridiagonal (d, e) below x: the negative pivots of the LDLᵀ
 * factorization of T − xI (Sylvester's law of inertia). A zero pivot is nudged to −pivmin, as in LAPACK's dlaneg.
 */
function countBelow(d: Float64Array, e: Float64Array, x: number): number {
  const pivmin = Number.MIN_VALUE * 2 ** 60;
  let count = 0;
  let q = d[0] - x;
  for (let i = 0; ; i++) {
    if (Math.abs(q) < pivmin) q = -pivmin;
    if (q < 0) count++;
    if (i + 1 >= d.length) break;
    q = d[i + 1] - x - (e[i] * e[i]) / q;
  }
  return count;
}

/**
 * Rows of the leading block that carries the k eigenvalues nearest the edge of the Dumitriu–Edelman tridiagonal
 * models (Laguerre and Hermite), whose large entries come first. Edge eigenvectors decay super-exponentially past
 * O(n^(1/3)) rows (Edelman–Persson: 10·n^(1/3) rows for the largest); the k-th reaches further, like the k-th Airy
 * zero, ∝ k^(2/3). The constant 3 was measured to keep k ≤ 100 at rounding level (relative error ≤ 1e-14 versus
 * the full model; Laguerre M = 2·10³…10⁵, Q = 1…4; Hermite n = 2·10³…10⁵, β = 1, 2, 4) with margin.
 */
export function edgeBlockRows(n: number, k: number): number {
  return Math.min(n, Math.ceil((10 + 3 * (k ** (2 / 3) - 1)) * Math.cbrt(n)));
}
