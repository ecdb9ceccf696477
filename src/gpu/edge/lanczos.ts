/*
 * gpu.js kernels of a batched Lanczos iteration on A = WᵀW (M×M) for a batch of draws W (N×M, float32). A step
 * takes q_j (unit), q_{j−1} and β_{j−1} and gives α_j = q_jᵀAq_j, β_j and q_{j+1}:
 *   u = W q_j,  v = Wᵀu,  α_j = q_j·v,  w = v − α_j q_j − β_{j−1} q_{j−1},  β_j = |w|,  q_{j+1} = w/β_j.
 * One thread per draw and output element; sums run in a fixed order with every operation rounded to float32 on
 * its own (Math.fround), so the cpu backend (float64) and WebAssembly (f32) agree bit for bit. Vectors are
 * [M, draws] (row d: draw d), W is [M, N, draws] (generate.ts), scalars are [draws].
 */

/** Output [N, draws]: u = W q. */
export function applyKernel(this: any, W: any, q: any): number {
  const d = this.thread.y;
  const r = this.thread.x;
  let sum = 0;
  for (let c = 0; c < this.constants.cols; c++) sum = Math.fround(sum + Math.fround(W[d][r][c] * q[d][c]));
  return sum;
}

/** Output [M, draws]: v = Wᵀu. */
export function applyTransposeKernel(this: any, W: any, u: any): number {
  const d = this.thread.y;
  const c = this.thread.x;
  let sum = 0;
  for (let r = 0; r < this.constants.rows; r++) sum = Math.fround(sum + Math.fround(W[d][r][c] * u[d][r]));
  return sum;
}

/** Output [draws]: a·b of each draw's two vectors. */
export function dotKernel(this: any, a: any, b: any): number {
  const d = this.thread.x;
  let sum = 0;
  for (let c = 0; c < this.constants.cols; c++) sum = Math.fround(sum + Math.fround(a[d][c] * b[d][c]));
  return sum;
}

/** Output [M, draws]: w = v − α q − β q_prev. */
export function residualKernel(this: any, v: any, q: any, previous: any, alpha: any, beta: any): number {
  const d = this.thread.y;
  const c = this.thread.x;
  return Math.fround(Math.fround(v[d][c] - Math.fround(alpha[d] * q[d][c])) - Math.fround(beta[d] * previous[d][c]));
}

/** Output [draws]: β = |w|. */
export function normKernel(this: any, w: any): number {
  const d = this.thread.x;
  let sum = 0;
  for (let c = 0; c < this.constants.cols; c++) sum = Math.fround(sum + Math.fround(w[d][c] * w[d][c]));
  return Math.fround(Math.sqrt(sum));
}

/** Output [M, draws]: q = w/β, or 0 where β = 0 (the Krylov space is exhausted: T's top eigenvalue is exact). */
export function normalizeKernel(this: any, w: any, beta: any): number {
  const d = this.thread.y;
  const c = this.thread.x;
  let out = 0;
  if (beta[d] > 0) out = Math.fround(w[d][c] / beta[d]);
  return out;
}
