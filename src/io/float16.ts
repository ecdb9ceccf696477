/**
 * 16-bit floats widened to float32, exactly (every float16 and bfloat16 value is a float32 value).
 * float16 (IEEE 754 binary16): 1 sign, 5 exponent, 10 fraction bits. bfloat16: the upper half of a float32.
 */

const SUBNORMAL = 2 ** -24;

/** IEEE binary16 bit patterns → float32 values (±0, subnormals, ±Infinity and NaN included). */
export function decodeFloat16(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) {
    const h = bits[i];
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    out[i] =
      exponent === 0 ? sign * fraction * SUBNORMAL
      : exponent === 31 ? (fraction ? NaN : sign * Infinity)
      : sign * (1024 + fraction) * 2 ** (exponent - 25);
  }
  return out;
}

/** bfloat16 bit patterns → float32 values: the 16 bits become the float32's upper half. */
export function decodeBfloat16(bits: Uint16Array): Float32Array {
  const words = new Uint32Array(bits.length);
  for (let i = 0; i < bits.length; i++) words[i] = bits[i] << 16;
  return new Float32Array(words.buffer);
}
