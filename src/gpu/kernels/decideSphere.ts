/* gpu.js kernel: one spherical Metropolis decision (a pair rotation) per chain. */

declare function mulHi24(m: number, x: number): number;
declare function mulLo24(m: number, x: number): number;
declare function add24(a: number, b: number): number;
declare function scaleIndex(w: number, range: number): number;
declare function rotationTrig(angle: number, which: number): number;

/**
 * Output [3, chains], row c: [code, J_i', J_k'] for proposal j of sweep clock[0] + s, where code is 0 if chain c
 * rejects it (or s ≥ clock[1]: an inactive sweep, see decide.ts), else 1 + i·4096 + k (≤ 2^24, exact in float32;
 * n ≤ 4096), and J_i', J_k' are the rotated pair (computed by every thread of the row, only threads 1 and 2
 * return them; only thread 0 counts ΔE).
 *
 * The proposal comes from the chain's Philox4x24 block, as for Ising (decide.ts): word 0 picks i, word 1 picks
 * k ≠ i among the other n − 1 sites, word 2 the angle, word 3 is the acceptance uniform. The angle is
 * θ = w·v with v = (2⌊x2/2⌋ + 1 − 2^23)/2^23, an odd multiple of 2^−23 in (−1, 1): every step is exact in
 * float32 and v takes ±v equally often, so the proposal stays symmetric after rounding (θ and −θ round alike).
 * w is the chain's rotation width (info slot this.constants.slotWidth).
 *
 * Every operation is rounded to float32 on its own (Math.fround): the cpu backend computes in float64 and would
 * otherwise round differently from WebAssembly's f32 arithmetic; cos and sin are kernels/trig.ts's polynomial,
 * not the engine's (whose accuracy varies by far more than an ulp between backends). GLSL and WGSL compilers
 * may still fuse a product and a sum (FMA), which no source can forbid there: the float parts then agree to
 * float32 rounding only (see README, the GPU path).
 */
export function decideSphereKernel(this: any, state: any, data: any, info: any, clock: any, j: number, s: number): number {
  const c = this.thread.y;
  const part = this.thread.x;
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
  const i = scaleIndex(x0, this.constants.n);
  let k = scaleIndex(x1, this.constants.n - 1);
  if (k >= i) k = k + 1;
  const half = Math.floor(x2 * 0.5);
  const theta = Math.fround(info[c][this.constants.slotWidth] * ((2 * half + 1 - 8388608) * 0.00000011920928955078125));
  const u = x3 * 0.000000059604644775390625;
  const cs = rotationTrig(theta, 0);
  const sn = rotationTrig(theta, 1);
  const a = state[c][i];
  const b = state[c][k];
  const newA = Math.fround(Math.fround(cs * a) - Math.fround(sn * b));
  const newB = Math.fround(Math.fround(sn * a) + Math.fround(cs * b));
  const stepA = Math.fround(newA - a);
  const stepB = Math.fround(newB - b);
  const sample = info[c][0];
  const p = info[c][1];
  let out = newB;
  if (part === 1) out = newA;
  let before = 0;
  let after = 0;
  let h = 0;
  let v = 0;
  let limit = p;
  // Threads 1 and 2 skip the count; the early exit is the mask (LOOP_BODIES in engine.ts).
  if (part > 0) limit = 0;
  for (let mu = 0; mu < this.constants.pMax; mu++) {
    if (mu >= limit) break;
    h = state[c][this.constants.n + mu];
    v = Math.fround(Math.fround(h + Math.fround(stepA * data[sample][i][mu])) + Math.fround(stepB * data[sample][k][mu]));
    if (h <= 0) before = before + 1;
    if (v <= 0) after = after + 1;
  }
  if (part === 0) {
    const delta = after - before;
    let accept = 0;
    if (delta <= 0) {
      accept = 1;
    } else if (delta <= 64) {
      if (u < info[c][8 + delta]) accept = 1;
    } else if (info[c][6] > 0) {
      if (u < Math.exp(-delta / info[c][6])) accept = 1;
    }
    out = accept * (i * 4096 + k + 1);
  }
  return out;
}
