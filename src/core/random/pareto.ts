import { positive } from '../validate.js';
import type { RandomStream } from './stream.js';
import { bulkReader, checkOutput, checkStream, scalarReader, type WordReader } from './words.js';

/**
 * Power-law element laws of the heavy-tailed ensembles. Each variate takes one pair of words (a, b):
 * U = ((a >>> 12)·2^32 + b + ½)·2^−52 ∈ (0, 1), and for the symmetric law the sign is bit 0 of a, which U does
 * not use.
 *   symmetric Pareto-I: |x| = scale·U^(−1/μ), P(|x| > t) = (t/scale)^(−μ) for t ≥ scale;
 *   Lomax (numpy's np.random.pareto): x = scale·(U^(−1/μ) − 1) ≥ 0, P(x > t) = (1 + t/scale)^(−μ).
 */

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_52 = 1 / 4503599627370496;

function paretoFrom(reader: WordReader, scale: number, negInvMu: number): number {
  const a = reader.take();
  const b = reader.take();
  const magnitude = scale * Math.exp(Math.log(((a >>> 12) * TWO_POW_32 + b + 0.5) * TWO_POW_MINUS_52) * negInvMu);
  return a & 1 ? -magnitude : magnitude;
}

function lomaxFrom(reader: WordReader, scale: number, invMu: number): number {
  // expm1 keeps the small values (U near 1) accurate.
  return scale * Math.expm1(-Math.log(reader.openFloat()) * invMu);
}

/** A symmetric Pareto-I variate with tail index μ > 0 and scale > 0. */
export function sampleParetoSymmetric(stream: RandomStream, mu: number, scale = 1): number {
  const reader = scalarReader(checkStream(stream));
  const value = paretoFrom(reader, positive('scale', scale), -1 / positive('mu', mu));
  reader.close();
  return value;
}

/** Fills `out` with symmetric Pareto-I variates; the same numbers as repeated sampleParetoSymmetric. */
export function fillParetoSymmetric(stream: RandomStream, out: Float64Array, mu: number, scale = 1): Float64Array {
  checkStream(stream);
  checkOutput(out);
  const negInvMu = -1 / positive('mu', mu);
  positive('scale', scale);
  const n = out.length;
  const reader = bulkReader(stream, 2 * n);
  for (let i = 0; i < n; ) {
    reader.refill();
    const words = reader.words;
    const count = Math.min(n - i, words.length >> 1);
    for (let j = 0; j < count; j++) {
      const a = words[2 * j]!;
      const u = ((a >>> 12) * TWO_POW_32 + words[2 * j + 1]! + 0.5) * TWO_POW_MINUS_52;
      const magnitude = scale * Math.exp(Math.log(u) * negInvMu);
      out[i + j] = a & 1 ? -magnitude : magnitude;
    }
    reader.pos = 2 * count;
    i += count;
  }
  reader.close();
  return out;
}

/** A Lomax variate (numpy's pareto) with tail index μ > 0 and scale > 0. */
export function sampleLomax(stream: RandomStream, mu: number, scale = 1): number {
  const reader = scalarReader(checkStream(stream));
  const value = lomaxFrom(reader, positive('scale', scale), 1 / positive('mu', mu));
  reader.close();
  return value;
}

/** Fills `out` with Lomax variates; the same numbers as repeated sampleLomax. */
export function fillLomax(stream: RandomStream, out: Float64Array, mu: number, scale = 1): Float64Array {
  checkStream(stream);
  checkOutput(out);
  const invMu = 1 / positive('mu', mu);
  positive('scale', scale);
  const n = out.length;
  const reader = bulkReader(stream, 2 * n);
  for (let i = 0; i < n; ) {
    reader.refill();
    const words = reader.words;
    const count = Math.min(n - i, words.length >> 1);
    for (let j = 0; j < count; j++) {
      const u = ((words[2 * j]! >>> 12) * TWO_POW_32 + words[2 * j + 1]! + 0.5) * TWO_POW_MINUS_52;
      out[i + j] = scale * Math.expm1(-Math.log(u) * invMu);
    }
    reader.pos = 2 * count;
    i += count;
  }
  reader.close();
  return out;
}
