/* gpu.js kernels: exact recomputation of the local fields, and the drift it removed. */

/**
 * Output [width, chains]: the state with every field recomputed as h_μ = Σ_i J_i x_i^μ (float32 partial sums
 * in the order i = 0..n−1, the same on every backend), J snapped to ±1 and the acceptance counter kept; a copy
 * of the state when clock[2] is 0 (a block that ends between two refreshes). Also builds the first state from
 * host arrays.
 */
export function refreshKernel(this: any, state: any, data: any, info: any, clock: any): number {
  const c = this.thread.y;
  const e = this.thread.x;
  const v = state[c][e];
  if (clock[2] < 0.5) return v;
  if (e < this.constants.n) {
    let spin = 1;
    if (v < 0) spin = -1;
    return spin;
  }
  if (e < this.constants.n + this.constants.pMax) {
    const sample = info[c][0];
    const mu = e - this.constants.n;
    let sum = 0;
    for (let i = 0; i < this.constants.n; i++) {
      sum = Math.fround(sum + state[c][i] * data[sample][i][mu]);
    }
    return sum;
  }
  return v;
}

/** Output [chains]: max over the chain's p fields of |h(incremental) − h(recomputed)|. */
export function driftKernel(this: any, before: any, after: any, info: any): number {
  const c = this.thread.x;
  const p = info[c][1];
  let drift = 0;
  for (let mu = 0; mu < this.constants.pMax; mu++) {
    if (mu >= p) break;
    drift = Math.max(drift, Math.abs(before[c][this.constants.n + mu] - after[c][this.constants.n + mu]));
  }
  return drift;
}
