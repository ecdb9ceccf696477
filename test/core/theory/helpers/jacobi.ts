/**
 * Test-only linear algebra, independent of src/core/linalg: cyclic Jacobi eigenvalues of a small symmetric matrix,
 * the Gram matrix X = WᵀW/N, and power iteration for a well-separated top eigenpair.
 */

/** Eigenvalues (ascending) of the symmetric n×n row-major matrix a (copied), by cyclic Jacobi rotations. */
export function jacobiEigenvalues(input: Float64Array, n: number): Float64Array {
  const a = Float64Array.from(input);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i * n + j] ** 2;
    let diag = 0;
    for (let i = 0; i < n; i++) diag += a[i * n + i] ** 2;
    if (off <= 1e-30 * diag) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  return values.sort();
}

/** X = WᵀW/scale for W (rows×cols, row-major). */
export function gramOf(w: Float64Array, rows: number, cols: number, scale: number): Float64Array {
  const x = new Float64Array(cols * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let i = 0; i < cols; i++) {
      const wi = w[base + i] / scale;
      if (wi === 0) continue;
      for (let j = i; j < cols; j++) x[i * cols + j] += wi * w[base + j];
    }
  }
  for (let i = 0; i < cols; i++) for (let j = 0; j < i; j++) x[i * cols + j] = x[j * cols + i];
  return x;
}

/** Top eigenvector (unit) and eigenvalue of X = WᵀW/N by power iteration on W, for a gapped spectrum. */
export function topEigenpair(
  w: Float64Array,
  rows: number,
  cols: number,
  iterations = 400,
): { value: number; vector: Float64Array } {
  let v = new Float64Array(cols).fill(1 / Math.sqrt(cols));
  const u = new Float64Array(rows);
  let value = 0;
  for (let it = 0; it < iterations; it++) {
    for (let r = 0; r < rows; r++) {
      let s = 0;
      for (let c = 0; c < cols; c++) s += w[r * cols + c] * v[c];
      u[r] = s;
    }
    const next = new Float64Array(cols);
    for (let r = 0; r < rows; r++) {
      const ur = u[r];
      for (let c = 0; c < cols; c++) next[c] += w[r * cols + c] * ur;
    }
    let norm = 0;
    for (let c = 0; c < cols; c++) norm += next[c] * next[c];
    norm = Math.sqrt(norm);
    value = norm / rows;
    for (let c = 0; c < cols; c++) next[c] /= norm;
    v = next;
  }
  return { value, vector: v };
}
