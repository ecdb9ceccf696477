/**
 * The edges of float64's normal range, where values keep all 53 bits of their precision, and the one refusal of a
 * result beyond them.
 */

import { ParameterError } from './errors.js';

/** Smallest normal float64 (2^−1022 ≈ 2.2e-308): below it a value has lost digits (subnormal) or all of them (0). */
export const MIN_NORMAL = 2 ** -1022;

/** Whether |x| is a normal, finite float64: a value with its full precision. */
export function isNormalFloat64(x: number): boolean {
  const a = Math.abs(x);
  return a >= MIN_NORMAL && a <= Number.MAX_VALUE;
}

/**
 * The refusal for a result that lies beyond float64 (above 1.8e308, or below its normal range, 2.2e-308, where
 * digits are lost and values become 0): it names the input that causes it (`kind`: "entries", "a σ"), says about
 * how large the result would be (its log10, computed from the scaled value, which is finite) and how to rescale,
 * rather than returning ±Infinity or zeros. One message for every result that would leave float64: spectra, Gram
 * products, theory curves.
 */
export function beyondFloat64(parameter: string, value: unknown, kind: string, quantity: string, log10: number, remedy: string): ParameterError {
  const above = log10 > 0;
  return new ParameterError(
    parameter,
    value,
    above ? `${kind} whose ${quantity} fits in float64 (below 1.8e308)` : `${kind} whose ${quantity} is a normal float64 (above 2.2e-308)`,
    `${quantity} would be about ${powerOfTen(log10)}; ${remedy}`,
  );
}

/** 10^log10 written with two digits, as 2e308 or 1.6e-310: the number itself is not a float64. */
function powerOfTen(log10: number): string {
  let exponent = Math.floor(log10);
  let mantissa = Number((10 ** (log10 - exponent)).toPrecision(2));
  if (mantissa >= 10) {
    mantissa /= 10;
    exponent += 1;
  }
  return `${mantissa}e${exponent}`;
}
