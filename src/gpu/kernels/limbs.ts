/**
 * Exact arithmetic on 24-bit words held in float32, for gpu.js kernels and their CPU twins.
 *
 * Every backend (GLSL ES 1.00 included) has float32, but not all have 32-bit integers, so a word is an integer
 * in [0, 2^24), which float32 holds exactly. Products are formed from 12-bit limbs (each partial product is
 * below 2^24) and divisions by 4096 are multiplications by the exact power of two 2^−12, so every intermediate
 * value is an exactly representable integer: the results are bit-identical in float32 (GPU, WebAssembly) and
 * float64 (the cpu backend, plain JavaScript). Fused multiply–add or reassociation cannot change them either.
 *
 * These are gpu.js helper functions: self-contained (they call nothing but Math.floor), registered by name;
 * their parameter names differ from every kernel constant's (see scaleIndex).
 */

/** High word of the 48-bit product m·x: ⌊m·x / 2^24⌋. */
export function mulHi24(m: number, x: number): number {
  const mh = Math.floor(m * 0.000244140625);
  const ml = m - mh * 4096;
  const xh = Math.floor(x * 0.000244140625);
  const xl = x - xh * 4096;
  const c0 = Math.floor(ml * xl * 0.000244140625);
  const p01 = ml * xh;
  const p10 = mh * xl;
  const q01 = Math.floor(p01 * 0.000244140625);
  const q10 = Math.floor(p10 * 0.000244140625);
  const mid = c0 + (p01 - q01 * 4096) + (p10 - q10 * 4096);
  return mh * xh + q01 + q10 + Math.floor(mid * 0.000244140625);
}

/** Low word of the 48-bit product m·x: m·x mod 2^24. */
export function mulLo24(m: number, x: number): number {
  const mh = Math.floor(m * 0.000244140625);
  const ml = m - mh * 4096;
  const xh = Math.floor(x * 0.000244140625);
  const xl = x - xh * 4096;
  const p00 = ml * xl;
  const c0 = Math.floor(p00 * 0.000244140625);
  const p01 = ml * xh;
  const p10 = mh * xl;
  const mid = c0 + (p01 - Math.floor(p01 * 0.000244140625) * 4096) + (p10 - Math.floor(p10 * 0.000244140625) * 4096);
  const midLimb = mid - Math.floor(mid * 0.000244140625) * 4096;
  return midLimb * 4096 + (p00 - c0 * 4096);
}

/** (a + b) mod 2^24. */
export function add24(a: number, b: number): number {
  const ah = Math.floor(a * 0.000244140625);
  const bh = Math.floor(b * 0.000244140625);
  const low = a - ah * 4096 + (b - bh * 4096);
  const carry = Math.floor(low * 0.000244140625);
  const high = ah + bh + carry;
  return (high - Math.floor(high * 0.000244140625) * 4096) * 4096 + (low - carry * 4096);
}

/**
 * ⌊w·range / 2^24⌋ for a word w and 1 ≤ range ≤ 4096: a site index in [0, range). The parameter must not be
 * called like a kernel constant: gpu.js's cpu backend resolves a helper's identifier against the kernel's
 * constants first (a parameter `n` read the constant n, so scaleIndex(w, n − 1) returned indices in [0, n)).
 */
export function scaleIndex(w: number, range: number): number {
  const wh = Math.floor(w * 0.000244140625);
  const wl = w - wh * 4096;
  return Math.floor((wh * range + Math.floor(wl * range * 0.000244140625)) * 0.000244140625);
}
