// Independent references for the linear-algebra tests: cyclic Jacobi, random orthogonal similarity, naive products.
import { createStream, fillNormal } from '../../../src/core/random/index.js';
import type { Matrix } from '../../../src/core/linalg/index.js';

/** Eigenvalues of a symmetric n×n row-major matrix by cyclic Jacobi rotations (slow, very accurate), ascending. */
export function jacobiEigenvalues(input: Float64Array, n: number): Float64Array {
  const a = Float64Array.from(input);
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = a[i * n + j] * a[i * n + j];
        total += v;
        if (i !== j) off += v;
      }
    }
    if (off <= 1e-34 * total) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t =
          Math.abs(theta) > 1e150 ? 1 / (2 * theta) : Math.sign(theta || 1) / (Math.abs(theta) + Math.hypot(theta, 1));
        const c = 1 / Math.hypot(t, 1);
        const s = t * c;
        const tau = s / (1 + c);
        a[p * n + p] -= t * apq;
        a[q * n + q] += t * apq;
        a[p * n + q] = a[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          if (k === p || k === q) continue;
          const g = a[k * n + p];
          const h = a[k * n + q];
          const kp = g - s * (h + g * tau);
          const kq = h + s * (g - h * tau);
          a[k * n + p] = a[p * n + k] = kp;
          a[k * n + q] = a[q * n + k] = kq;
        }
      }
    }
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i * n + i];
  return out.sort();
}

export function gaussian(seed: string, rows: number, cols: number): Matrix {
  return { rows, cols, data: fillNormal(createStream(seed, 'linalg-test'), new Float64Array(rows * cols)) };
}

/** Symmetric n×n with N(0,1) off-diagonal entries. */
export function randomSymmetric(seed: string, n: number): Matrix {
  const g = gaussian(seed, n, n).data;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) data[i * n + j] = data[j * n + i] = g[i * n + j];
  return { rows: n, cols: n, data };
}

/** Q·diag(values)·Qᵀ with Q a product of n Householder reflectors along Gaussian directions. */
export function withSpectrum(seed: string, values: ArrayLike<number>): Matrix {
  const n = values.length;
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) a[i * n + i] = values[i];
  const stream = createStream(seed, 'orthogonal');
  const v = new Float64Array(n);
  const av = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    fillNormal(stream, v);
    let vv = 0;
    for (let i = 0; i < n; i++) vv += v[i] * v[i];
    // H A H with H = I − 2vvᵀ/vᵀv: A − v pᵀ − p vᵀ with p = (2/vᵀv)(Av − (vᵀAv/vᵀv) v).
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j] * v[j];
      av[i] = s;
    }
    let vav = 0;
    for (let i = 0; i < n; i++) vav += v[i] * av[i];
    for (let i = 0; i < n; i++) av[i] = (2 / vv) * (av[i] - (vav / vv) * v[i]);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] -= v[i] * av[j] + av[i] * v[j];
  }
  // Symmetrize away the rounding of the updates (they are symmetric in exact arithmetic).
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i] = 0.5 * (a[i * n + j] + a[j * n + i]);
  }
  return { rows: n, cols: n, data: a };
}

/** scale·WᵀW by the textbook triple loop. */
export function naiveGram(w: Matrix, scale = 1): Float64Array {
  const { rows: n, cols: m, data } = w;
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += data[k * m + i] * data[k * m + j];
      out[i * m + j] = scale * s;
    }
  }
  return out;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
