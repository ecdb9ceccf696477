/**
 * Exact 32-bit word arithmetic in float32, for gpu.js kernels: the CPU's Philox4x32-10 (src/core/random/philox.ts)
 * computed on any backend, GLSL ES 1.00 included. A word is two 16-bit halves (hi, lo), each an integer that
 * float32 holds exactly; products are formed from 8-bit pieces (every partial product and sum stays below 2^24)
 * and divisions by powers of two are multiplications by exact powers of two, so every intermediate value is an
 * exactly representable integer: the words are bit-identical to the CPU's on every backend, in float32 and in
 * float64, whatever the compiler fuses or reorders.
 *
 * gpu.js helper functions: self-contained (they call nothing but Math.floor), parameter names distinct from every
 * kernel constant (see ../kernels/limbs.ts).
 */

/** Half `part` of the product of two 16-bit integers: its low 16 bits (part 0) or its high 16 bits (part 1). */
export function mul16(a: number, b: number, part: number): number {
  const a1 = Math.floor(a * 0.00390625);
  const a0 = a - a1 * 256;
  const b1 = Math.floor(b * 0.00390625);
  const b0 = b - b1 * 256;
  const mid = a0 * b1 + a1 * b0;
  const midHigh = Math.floor(mid * 0.00390625);
  const low = a0 * b0 + (mid - midHigh * 256) * 256;
  const carry = Math.floor(low * 0.0000152587890625);
  let out = low - carry * 65536;
  if (part > 0.5) out = a1 * b1 + midHigh + carry;
  return out;
}

/**
 * Digit `digit` (0: least significant) of the 64-bit product (mh·2^16 + ml)·(xh·2^16 + xl), in 16-bit digits:
 * digits 0, 1 are the low word's halves, 2, 3 the high word's.
 */
export function mulDigit32(mh: number, ml: number, xh: number, xl: number, digit: number): number {
  const s1 = mul16(ml, xl, 1) + mul16(ml, xh, 0) + mul16(mh, xl, 0);
  const c1 = Math.floor(s1 * 0.0000152587890625);
  const s2 = mul16(ml, xh, 1) + mul16(mh, xl, 1) + mul16(mh, xh, 0) + c1;
  const c2 = Math.floor(s2 * 0.0000152587890625);
  let out = mul16(ml, xl, 0);
  if (digit > 2.5) {
    out = mul16(mh, xh, 1) + c2;
  } else if (digit > 1.5) {
    out = s2 - c2 * 65536;
  } else if (digit > 0.5) {
    out = s1 - c1 * 65536;
  }
  return out;
}

/** a XOR b XOR c of three 16-bit integers, bit by bit (float32 has no bitwise operations). */
export function xor16(a: number, b: number, c: number): number {
  let out = 0;
  let bit = 1;
  let x = a;
  let y = b;
  let z = c;
  for (let i = 0; i < 16; i++) {
    const xh = Math.floor(x * 0.5);
    const yh = Math.floor(y * 0.5);
    const zh = Math.floor(z * 0.5);
    const ones = x - 2 * xh + (y - 2 * yh) + (z - 2 * zh);
    out = out + bit * (ones - 2 * Math.floor(ones * 0.5));
    x = xh;
    y = yh;
    z = zh;
    bit = bit * 2;
  }
  return out;
}

/** The low half (part 0) or the high half (part 1) of (ah·2^16 + al) + (bh·2^16 + bl) mod 2^32. */
export function add32(ah: number, al: number, bh: number, bl: number, part: number): number {
  const low = al + bl;
  const carry = Math.floor(low * 0.0000152587890625);
  const high = ah + bh + carry;
  let out = low - carry * 65536;
  if (part > 0.5) out = high - Math.floor(high * 0.0000152587890625) * 65536;
  return out;
}
