/* gpu.js kernel: one Ising Metropolis decision per chain. */

declare function mulHi24(m: number, x: number): number;
declare function mulLo24(m: number, x: number): number;
declare function add24(a: number, b: number): number;
declare function scaleIndex(w: number, range: number): number;

/**
 * Output [chains]: 0 if chain c rejects proposal j of sweep clock[0] + s, else 1 + the flipped site. A block
 * launch passes its first sweep in clock[0] and its active sweep count in clock[1]: sweeps s ≥ clock[1] decide
 * nothing (a block plan compiled for more sweeps than the call needs). j and s are plan-time literals.
 *
 * The proposal comes from the chain's Philox4x24 block (counter (j, sweep, info c2, c3), key (info k0, k1)):
 * word 0 picks the site i, word 1 is the acceptance uniform u = w/2^24. ΔE is counted over the chain's p
 * examples (loop bound: the constant pMax, with a mask) from the stored fields: E before counts h ≤ 0, E after
 * counts h − 2J_i x_i ≤ 0, so no energy needs to be stored. Metropolis: accept if ΔE ≤ 0 or u < e^(−ΔE/τ),
 * the factor read from the chain's float32 table (ΔE ≤ 64) so every backend compares the same two numbers.
 *
 * State row: [J_0..J_{n−1}, h_0..h_{pMax−1}, accepted]; info row: see layout.ts; data[k][i][μ] = σ^μ ξ^μ_i of
 * data set k.
 */
export function decideKernel(this: any, state: any, data: any, info: any, clock: any, j: number, s: number): number {
  const c = this.thread.x;
  if (s >= clock[1]) return 0;
  let x0 = j;
  let x1 = clock[0] + s;
  let x2 = info[c][2];
  let x3 = info[c][3];
  let k0 = info[c][4];
  let k1 = info[c][5];
  for (let r = 0; r < 10; r++) {
    const hi0 = mulHi24(this.constants.m0, x0);
    const lo0 = mulLo24(this.constants.m0, x0);
    const hi1 = mulHi24(this.constants.m1, x2);
    const lo1 = mulLo24(this.constants.m1, x2);
    x0 = add24(add24(hi1, x1), k0);
    x1 = lo1;
    x2 = add24(add24(hi0, x3), k1);
    x3 = lo0;
    k0 = add24(k0, this.constants.w0);
    k1 = add24(k1, this.constants.w1);
  }
  const site = scaleIndex(x0, this.constants.n);
  const u = x1 * 0.000000059604644775390625;
  const step = -2 * state[c][site];
  const sample = info[c][0];
  const p = info[c][1];
  let before = 0;
  let after = 0;
  // Declared outside the loop: gpu.js's GLSL output loses block-scoped declarations inside a masked loop body.
  let h = 0;
  let v = 0;
  // The mask is an early exit, never `if (mu < p) { … }` as the whole loop body: see LOOP_BODIES in engine.ts.
  for (let mu = 0; mu < this.constants.pMax; mu++) {
    if (mu >= p) break;
    h = state[c][this.constants.n + mu];
    v = Math.fround(h + step * data[sample][site][mu]);
    if (h <= 0) before = before + 1;
    if (v <= 0) after = after + 1;
  }
  const delta = after - before;
  let accept = 0;
  if (delta <= 0) {
    accept = 1;
  } else if (delta <= 64) {
    if (u < info[c][8 + delta]) accept = 1;
  } else if (info[c][6] > 0) {
    if (u < Math.exp(-delta / info[c][6])) accept = 1;
  }
  return accept * (site + 1);
}
