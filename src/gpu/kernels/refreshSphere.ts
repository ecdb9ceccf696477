/* gpu.js kernel: renormalisation of a spherical J and exact recomputation of its local fields. */

/**
 * Output [width, chains]: J rescaled to |J|² = n (scale = √(n/|J|²), float32) and every field recomputed from
 * the rescaled J as float32 partial sums in the order i = 0..n−1; the acceptance counter is kept. Each thread
 * recomputes |J|² itself (O(n), like the sum it then forms), so no extra launch is needed. Every product is
 * rounded on its own (see decideSphere.ts). A copy of the state when clock[2] is 0 (see refresh.ts). Also
 * builds the first state from host arrays.
 */
export function refreshSphereKernel(this: any, state: any, data: any, info: any, clock: any): number {
  const c = this.thread.y;
  const e = this.thread.x;
  if (clock[2] < 0.5) return state[c][e];
  let norm = 0;
  for (let i = 0; i < this.constants.n; i++) norm = Math.fround(norm + Math.fround(state[c][i] * state[c][i]));
  const scale = Math.fround(Math.sqrt(Math.fround(this.constants.n / norm)));
  let out = state[c][e];
  if (e < this.constants.n) {
    out = Math.fround(out * scale);
  } else if (e < this.constants.n + this.constants.pMax) {
    const sample = info[c][0];
    const mu = e - this.constants.n;
    let sum = 0;
    for (let i = 0; i < this.constants.n; i++) {
      sum = Math.fround(sum + Math.fround(Math.fround(state[c][i] * scale) * data[sample][i][mu]));
    }
    out = sum;
  }
  return out;
}
