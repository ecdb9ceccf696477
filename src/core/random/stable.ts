import { inRange, positive } from '../validate.js';
import type { RandomStream } from './stream.js';
import { bulkReader, checkOutput, checkStream, scalarReader, type WordReader } from './words.js';

/**
 * Symmetric α-stable variates by Chambers, Mallows & Stuck (1976), 0 < α ≤ 2. Parametrization: characteristic
 * function E[exp(itX)] = exp(−|scale·t|^α) (Samorodnitsky–Taqqu S_α(scale, 0, 0), scipy's levy_stable with
 * beta = 0). Hence α = 2 is N(0, 2·scale²), α = 1 is Cauchy with scale `scale`; for α < 2,
 * P(|X| > x) ~ (2/π)·Γ(α)·sin(πα/2)·(x/scale)^(−α).
 *
 * With V uniform on (−π/2, π/2) and W standard exponential (two open uniforms, V first):
 *   X = sin(αV) / cos(V)^(1/α) · (cos((1 − α)V) / W)^((1 − α)/α),
 * evaluated as sin(αV)·exp(…) so that small α overflows to ±Infinity rather than producing 0·∞ = NaN.
 */

function stableFrom(reader: WordReader, alpha: number, scale: number): number {
  const v = Math.PI * (reader.openFloat() - 0.5);
  const w = -Math.log(reader.openFloat());
  if (alpha === 1) return scale * Math.tan(v);
  const logMagnitude =
    ((1 - alpha) / alpha) * (Math.log(Math.cos((1 - alpha) * v)) - Math.log(w)) - Math.log(Math.cos(v)) / alpha;
  return scale * Math.sin(alpha * v) * Math.exp(logMagnitude);
}

function checkAlpha(alpha: number): number {
  return inRange('alpha', alpha, 0, 2, { minOpen: true });
}

/** A symmetric α-stable variate (0 < α ≤ 2, scale > 0); see the module comment for the parametrization. */
export function sampleStableSymmetric(stream: RandomStream, alpha: number, scale = 1): number {
  const reader = scalarReader(checkStream(stream));
  const value = stableFrom(reader, checkAlpha(alpha), positive('scale', scale));
  reader.close();
  return value;
}

/** Fills `out` with symmetric α-stable variates; the same numbers as repeated sampleStableSymmetric. */
export function fillStableSymmetric(stream: RandomStream, out: Float64Array, alpha: number, scale = 1): Float64Array {
  checkStream(stream);
  checkOutput(out);
  checkAlpha(alpha);
  positive('scale', scale);
  const reader = bulkReader(stream, 4 * out.length);
  for (let i = 0; i < out.length; i++) out[i] = stableFrom(reader, alpha, scale);
  reader.close();
  return out;
}
