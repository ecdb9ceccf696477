import { positive } from '../validate.js';
import { drawLogGamma, gammaSetup, type GammaSetup } from './gamma.js';
import { drawNormal } from './normal.js';
import type { RandomStream } from './stream.js';
import { bulkReader, checkOutput, checkStream, scalarReader, type WordReader } from './words.js';

/**
 * Student-t variates with ν > 0 degrees of freedom (any real ν): t = scale·Z/√(χ²_ν/ν) with χ²_ν = 2·Gamma(ν/2),
 * Z drawn first. The ratio is formed in logarithms so that tiny ν, whose χ² falls below the float64 range,
 * still gives large finite values (or ±Infinity only when |t| itself exceeds the range).
 * Tails: P(|t| > x) ~ C·x^(−ν).
 */

const LN2 = Math.LN2;

function studentFrom(reader: WordReader, setup: GammaSetup, halfLogNu: number, scale: number): number {
  const z = drawNormal(reader);
  const logGamma = drawLogGamma(reader, setup);
  return scale * z * Math.exp(halfLogNu - 0.5 * (LN2 + logGamma));
}

/** A Student-t variate with ν > 0 degrees of freedom, multiplied by scale > 0. */
export function sampleStudentT(stream: RandomStream, nu: number, scale = 1): number {
  const reader = scalarReader(checkStream(stream));
  positive('nu', nu);
  positive('scale', scale);
  const value = studentFrom(reader, gammaSetup(0.5 * nu), 0.5 * Math.log(nu), scale);
  reader.close();
  return value;
}

/** Fills `out` with Student-t variates; the same numbers as repeated sampleStudentT. */
export function fillStudentT(stream: RandomStream, out: Float64Array, nu: number, scale = 1): Float64Array {
  checkStream(stream);
  checkOutput(out);
  positive('nu', nu);
  positive('scale', scale);
  const setup = gammaSetup(0.5 * nu);
  const halfLogNu = 0.5 * Math.log(nu);
  const reader = bulkReader(stream, 6 * out.length + 16);
  for (let i = 0; i < out.length; i++) out[i] = studentFrom(reader, setup, halfLogNu, scale);
  reader.close();
  return out;
}
