/**
 * ln u and e^y in float32 from +, −, ×, ÷ and floor only, for gpu.js kernels and their CPU twins. Engines' own
 * log and exp differ between backends by more than an ulp; these are the same arithmetic everywhere: every
 * operation is rounded to float32 on its own (Math.fround) and every constant is a float32 value written out
 * exactly, so the cpu backend (float64 arithmetic) and WebAssembly (f32) agree bit for bit. GLSL and WGSL compilers
 * may fuse a product and a sum (FMA): an ulp-level difference there.
 *
 * gpu.js helpers: self-contained, parameter names distinct from every kernel constant (see ../kernels/limbs.ts).
 */

/**
 * ln u for 2^−64 ≤ u ≤ 1 (the open uniforms of the samplers): u = m·2^−e with m ∈ [√½, √2) found by exact
 * doublings, then ln m = 2 atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172, by its series to s^11 (truncation
 * < 3e−11), and ln u = ln m − e·ln 2 with ln 2 split in two (e·LN2_HI is exact). Within 2 ulp of |ln u|.
 */
export function ln32(u: number): number {
  let m = u;
  let e = 0;
  // Loop bodies of several statements, never one `if` block: gpu.js would drop its braces (LOOP_BODIES in ../engine.ts).
  for (let i = 0; i < 4; i++) {
    let factor = 1;
    let add = 0;
    if (m < 0.000030517578125) {
      factor = 65536;
      add = 16;
    }
    m = Math.fround(m * factor);
    e = e + add;
  }
  for (let i = 0; i < 16; i++) {
    let factor = 1;
    let add = 0;
    if (m < 1) {
      factor = 2;
      add = 1;
    }
    m = Math.fround(m * factor);
    e = e + add;
  }
  if (m > 1.4142135381698608) {
    m = Math.fround(m * 0.5);
    e = e - 1;
  }
  const s = Math.fround(Math.fround(m - 1) / Math.fround(m + 1));
  const z = Math.fround(s * s);
  let series = Math.fround(z * 0.09090909361839294);
  series = Math.fround(z * Math.fround(series + 0.1111111119389534));
  series = Math.fround(z * Math.fround(series + 0.1428571492433548));
  series = Math.fround(z * Math.fround(series + 0.20000000298023224));
  series = Math.fround(z * Math.fround(series + 0.3333333432674408));
  const lnm = Math.fround(Math.fround(2 * s) + Math.fround(Math.fround(2 * s) * series));
  return Math.fround(Math.fround(lnm - Math.fround(e * 1.428606765330187e-6)) - e * 0.693145751953125);
}

/**
 * e^y in float32: y = k·ln 2 + r with |r| ≤ ½ln 2 (Cody–Waite, ln 2 in two parts), e^r by its Taylor series to
 * r^8 (truncation < 2e−9), times 2^k built by exact doublings and halvings. +Infinity above float32's range, 0
 * below 2^−125 (so that no backend's handling of subnormals enters).
 */
export function exp32(y: number): number {
  const k = Math.floor(Math.fround(Math.fround(y * 1.4426950216293335) + 0.5));
  const r = Math.fround(Math.fround(y - k * 0.693145751953125) - Math.fround(k * 1.428606765330187e-6));
  let p = Math.fround(r * 0.000024801587642286904);
  p = Math.fround(r * Math.fround(p + 0.00019841270113829523));
  p = Math.fround(r * Math.fround(p + 0.0013888889225199819));
  p = Math.fround(r * Math.fround(p + 0.008333333767950535));
  p = Math.fround(r * Math.fround(p + 0.0416666679084301));
  p = Math.fround(r * Math.fround(p + 0.1666666716337204));
  p = Math.fround(r * Math.fround(p + 0.5));
  p = Math.fround(r * Math.fround(p + 1));
  p = Math.fround(p + 1);
  let out = 0;
  if (k >= -125) {
    let scale = 1;
    let left = k;
    for (let i = 0; i < 8; i++) {
      let factor = 1;
      let step = 0;
      if (left >= 16) {
        factor = 65536;
        step = 16;
      }
      if (left <= -16) {
        factor = 0.0000152587890625;
        step = -16;
      }
      scale = Math.fround(scale * factor);
      left = left - step;
    }
    for (let i = 0; i < 16; i++) {
      let factor = 1;
      let step = 0;
      if (left > 0) {
        factor = 2;
        step = 1;
      }
      if (left < 0) {
        factor = 0.5;
        step = -1;
      }
      scale = Math.fround(scale * factor);
      left = left - step;
    }
    out = Math.fround(p * scale);
  }
  return out;
}
