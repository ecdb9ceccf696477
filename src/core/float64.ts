/** The edges of float64's normal range, where values keep all 53 bits of their precision. */

/** Smallest normal float64 (2^−1022 ≈ 2.2e-308): below it a value has lost digits (subnormal) or all of them (0). */
export const MIN_NORMAL = 2 ** -1022;

/** Whether |x| is a normal, finite float64: a value with its full precision. */
export function isNormalFloat64(x: number): boolean {
  const a = Math.abs(x);
  return a >= MIN_NORMAL && a <= Number.MAX_VALUE;
}
