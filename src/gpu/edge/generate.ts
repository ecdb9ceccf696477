/* gpu.js kernel: heavy-tailed matrices drawn on the device from the CPU's Philox4x32-10 words. */

declare function mul16(a: number, b: number, part: number): number;
declare function xor16(a: number, b: number, c: number): number;
declare function add32(ah: number, al: number, bh: number, bl: number, part: number): number;
declare function ln32(u: number): number;
declare function exp32(y: number): number;

/**
 * Output [cols, rows, draws]: entry (r, c) of draw d's W, divided by the draw's scale a, in float32.
 *
 * Draw d's row of `info` (see draws.ts): [k0, k1, c2, c3 as 16-bit halves (hi, lo), law, 1/μ, ln a, 1/a]. The
 * words are those of the CPU stream createStream(seed_d, 'ensemble').fork('W') that generate() fills W from:
 * entry j = r·cols + c takes words 2j and 2j + 1, i.e. block ⌊j/2⌋ (counter (⌊j/2⌋, 0, c2, c3), key (k0, k1)),
 * words 0, 1 for even j and 2, 3 for odd j; the rounds below are src/core/random/philox.ts's on 16-bit halves
 * (edge/halves.ts), exact on every backend. From the pair (a, b), as src/core/random/pareto.ts:
 *   U = ((a >>> 12)·2^32 + b + ½)·2^−52 (here rounded to float32),
 *   law 0, symmetric Pareto-I: ±U^(−1/μ)/a with the sign from bit 0 of a;
 *   law 1, Lomax: (U^(−1/μ) − 1)/a;
 *   law 2 (tests): the raw words, entry j holding half j mod 8 (word ⌊h/2⌋, high half first) of block ⌊j/8⌋.
 * U^(−1/μ)/a = e^(−ln U/μ − ln a) through edge/logexp.ts's ln32 and exp32: a few float32 ulp of the CPU's
 * float64 value, and the same bits on every backend. Dividing by a (the draw's largest-entry scale) keeps
 * tails with μ < 1 inside float32's range; an entry beyond it becomes +Infinity and its draw is recomputed on the
 * CPU (draws.ts).
 */
export function generateKernel(this: any, info: any): number {
  const d = this.thread.z;
  const j = this.thread.y * this.constants.cols + this.thread.x;
  const law = info[d][8];
  let block = Math.floor(j * 0.5);
  if (law > 1.5) block = Math.floor(j * 0.125);
  let x0h = Math.floor(block * 0.0000152587890625);
  let x0l = block - x0h * 65536;
  let x1h = 0;
  let x1l = 0;
  let x2h = info[d][4];
  let x2l = info[d][5];
  let x3h = info[d][6];
  let x3l = info[d][7];
  let k0h = info[d][0];
  let k0l = info[d][1];
  let k1h = info[d][2];
  let k1l = info[d][3];
  for (let r = 0; r < 10; r++) {
    // M0·x0 and M1·x2 in 16-bit digits (M0 = 0xD2511F53, M1 = 0xCD9E8D57): lo, mid and hi partial products.
    const a1 = mul16(8019, x0l, 1) + mul16(8019, x0h, 0) + mul16(53841, x0l, 0);
    const ac1 = Math.floor(a1 * 0.0000152587890625);
    const a2 = mul16(8019, x0h, 1) + mul16(53841, x0l, 1) + mul16(53841, x0h, 0) + ac1;
    const ac2 = Math.floor(a2 * 0.0000152587890625);
    const lo0l = mul16(8019, x0l, 0);
    const lo0h = a1 - ac1 * 65536;
    const hi0l = a2 - ac2 * 65536;
    const hi0h = mul16(53841, x0h, 1) + ac2;
    const b1 = mul16(36183, x2l, 1) + mul16(36183, x2h, 0) + mul16(52638, x2l, 0);
    const bc1 = Math.floor(b1 * 0.0000152587890625);
    const b2 = mul16(36183, x2h, 1) + mul16(52638, x2l, 1) + mul16(52638, x2h, 0) + bc1;
    const bc2 = Math.floor(b2 * 0.0000152587890625);
    const lo1l = mul16(36183, x2l, 0);
    const lo1h = b1 - bc1 * 65536;
    const hi1l = b2 - bc2 * 65536;
    const hi1h = mul16(52638, x2h, 1) + bc2;
    // (x0, x1, x2, x3) ← (hi1 ^ x1 ^ k0, lo1, hi0 ^ x3 ^ k1, lo0); the key gets its Weyl increments.
    const y0h = xor16(hi1h, x1h, k0h);
    const y0l = xor16(hi1l, x1l, k0l);
    const y2h = xor16(hi0h, x3h, k1h);
    const y2l = xor16(hi0l, x3l, k1l);
    x0h = y0h;
    x0l = y0l;
    x1h = lo1h;
    x1l = lo1l;
    x2h = y2h;
    x2l = y2l;
    x3h = lo0h;
    x3l = lo0l;
    const n0h = add32(k0h, k0l, 40503, 31161, 1);
    k0l = add32(k0h, k0l, 40503, 31161, 0);
    k0h = n0h;
    const n1h = add32(k1h, k1l, 47975, 44677, 1);
    k1l = add32(k1h, k1l, 47975, 44677, 0);
    k1h = n1h;
  }
  let out = 0;
  if (law > 1.5) {
    const half = j - block * 8;
    out = x3l;
    if (half < 6.5) out = x3h;
    if (half < 5.5) out = x2l;
    if (half < 4.5) out = x2h;
    if (half < 3.5) out = x1l;
    if (half < 2.5) out = x1h;
    if (half < 1.5) out = x0l;
    if (half < 0.5) out = x0h;
  } else {
    let ah = x0h;
    let al = x0l;
    let bh = x1h;
    let bl = x1l;
    if (j - block * 2 > 0.5) {
      ah = x2h;
      al = x2l;
      bh = x3h;
      bl = x3l;
    }
    const top = ah * 16 + Math.floor(al * 0.000244140625);
    const u = Math.fround(Math.fround(top * 9.5367431640625e-7) + Math.fround(Math.fround(bh * 1.4551915228366852e-11) + Math.fround((bl + 0.5) * 2.220446049250313e-16)));
    const y = Math.fround(Math.fround(-ln32(u) * info[d][9]) - info[d][10]);
    const magnitude = exp32(y);
    if (law > 0.5) {
      out = Math.fround(magnitude - info[d][11]);
    } else {
      out = magnitude;
      if (al - Math.floor(al * 0.5) * 2 > 0.5) out = -magnitude;
    }
  }
  return out;
}
