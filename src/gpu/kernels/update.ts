/* gpu.js kernel: applies every chain's decision to its state row. */

/**
 * Output [width, chains]: the state after the decisions (see decide.ts). An accepted flip of site i negates
 * J_i, moves every field by −2J_i x_i (the old J_i: the input row is read, never the output) and counts the
 * acceptance modulo 2^24 (the host reads differences between readings, never more than 2^24 apart).
 */
export function updateKernel(this: any, state: any, data: any, info: any, decision: any): number {
  const c = this.thread.y;
  const e = this.thread.x;
  let v = state[c][e];
  const d = decision[c];
  if (d > 0) {
    const site = d - 1;
    if (e < this.constants.n) {
      if (e === site) v = -v;
    } else if (e < this.constants.n + this.constants.pMax) {
      v = Math.fround(v + -2 * state[c][site] * data[info[c][0]][site][e - this.constants.n]);
    } else {
      v = v + 1;
      if (v >= 16777216) v = 0;
    }
  }
  return v;
}
