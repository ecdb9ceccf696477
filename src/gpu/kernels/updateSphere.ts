/* gpu.js kernel: applies every chain's spherical decision to its state row. */

/**
 * Output [width, chains]: the state after the decisions (see decideSphere.ts). An accepted rotation writes
 * J_i', J_j', moves every field by (J_i' − J_i)x_i + (J_j' − J_j)x_j with the same float32 roundings as the
 * decision, and counts the acceptance modulo 2^24.
 */
export function updateSphereKernel(this: any, state: any, data: any, info: any, decision: any): number {
  const c = this.thread.y;
  const e = this.thread.x;
  let v = state[c][e];
  const code = decision[c][0];
  let k = 0;
  let i = 0;
  let j = 0;
  let stepA = 0;
  let stepB = 0;
  if (code > 0) {
    k = code - 1;
    i = Math.floor(k * 0.000244140625);
    j = k - i * 4096;
    if (e < this.constants.n) {
      if (e === i) v = decision[c][1];
      if (e === j) v = decision[c][2];
    } else if (e < this.constants.n + this.constants.pMax) {
      stepA = Math.fround(decision[c][1] - state[c][i]);
      stepB = Math.fround(decision[c][2] - state[c][j]);
      v = Math.fround(Math.fround(v + Math.fround(stepA * data[info[c][0]][i][e - this.constants.n])) + Math.fround(stepB * data[info[c][0]][j][e - this.constants.n]));
    } else {
      v = v + 1;
      if (v >= 16777216) v = 0;
    }
  }
  return v;
}
