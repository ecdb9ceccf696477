import { MIN_NORMAL } from '../float64.js';
import { positive } from '../validate.js';
import { drawNormal } from './normal.js';
import type { RandomStream } from './stream.js';
import { bulkReader, checkOutput, checkStream, scalarReader, type WordReader } from './words.js';

/**
 * Gamma(shape, 1) variates by Marsaglia & Tsang (2000): for shape a ≥ 1, d = a − 1/3, c = 1/√(9d), accept
 * d·(1 + c·z)³ with the squeeze 1 − 0.0331·z⁴ and the exact log test; for a < 1 the boost
 * Gamma(a) = Gamma(a + 1)·U^(1/a). Each attempt draws a normal (ziggurat) and one open uniform. Chi variates
 * with k degrees of freedom are √(2·Gamma(k/2)).
 */

export interface GammaSetup {
  d: number;
  c: number;
  /** 1/a when a < 1 (boost), else 0. */
  boost: number;
}

export function gammaSetup(shape: number): GammaSetup {
  const base = shape < 1 ? shape + 1 : shape;
  const d = base - 1 / 3;
  return { d, c: 1 / Math.sqrt(9 * d), boost: shape < 1 ? 1 / shape : 0 };
}

/** Gamma(max(a, a + 1)) by Marsaglia–Tsang: the part shared by every shape. */
function drawGammaCore(reader: WordReader, d: number, c: number): number {
  for (;;) {
    let z: number;
    let v: number;
    do {
      z = drawNormal(reader);
      v = 1 + c * z;
    } while (v <= 0);
    v = v * v * v;
    const u = reader.openFloat();
    const z2 = z * z;
    if (u < 1 - 0.0331 * z2 * z2) return d * v;
    if (Math.log(u) < 0.5 * z2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

function drawGamma(reader: WordReader, setup: GammaSetup): number {
  const g = drawGammaCore(reader, setup.d, setup.c);
  return setup.boost === 0 ? g : g * Math.pow(reader.openFloat(), setup.boost);
}

/**
 * ln Gamma(shape) for the setup; finite even when Gamma(shape) itself is below the float64 range (tiny shapes),
 * which the Student-t sampler needs.
 */
export function drawLogGamma(reader: WordReader, setup: GammaSetup): number {
  const g = Math.log(drawGammaCore(reader, setup.d, setup.c));
  return setup.boost === 0 ? g : g + Math.log(reader.openFloat()) * setup.boost;
}

/**
 * A Gamma(shape, scale) variate: density x^(shape−1)·e^(−x/scale), mean shape·scale. For small shapes the
 * value can underflow to 0 (P(X < 1e−308) is not negligible when shape ≲ 0.01).
 */
export function sampleGamma(stream: RandomStream, shape: number, scale = 1): number {
  const reader = scalarReader(checkStream(stream));
  const setup = gammaSetup(positive('shape', shape));
  positive('scale', scale);
  const value = scale * drawGamma(reader, setup);
  reader.close();
  return value;
}

/** Fills `out` with Gamma(shape, scale) variates; the same numbers as repeated sampleGamma. */
export function fillGamma(stream: RandomStream, out: Float64Array, shape: number, scale = 1): Float64Array {
  checkStream(stream);
  checkOutput(out);
  const setup = gammaSetup(positive('shape', shape));
  positive('scale', scale);
  const reader = bulkReader(stream, 4 * out.length + 16);
  for (let i = 0; i < out.length; i++) out[i] = scale * drawGamma(reader, setup);
  reader.close();
  return out;
}

/** A chi variate with k > 0 (real) degrees of freedom: the length of a k-dimensional standard normal vector. */
export function sampleChi(stream: RandomStream, k: number): number {
  const reader = scalarReader(checkStream(stream));
  const setup = gammaSetup(0.5 * positive('k', k));
  const value = drawChi(reader, setup);
  reader.close();
  return value;
}

/** Fills `out` with chi(k) variates; the same numbers as repeated sampleChi. */
export function fillChi(stream: RandomStream, out: Float64Array, k: number): Float64Array {
  checkStream(stream);
  checkOutput(out);
  const setup = gammaSetup(0.5 * positive('k', k));
  const reader = bulkReader(stream, 4 * out.length + 16);
  for (let i = 0; i < out.length; i++) out[i] = drawChi(reader, setup);
  reader.close();
  return out;
}

/**
 * √(2·Gamma(k/2)). For tiny k the gamma variate itself can fall below float64's range (k = 0.01: 2.4 % of draws
 * below 5e-324) where its square root is still a float64 (down to 1e-162): those are taken from logarithms of
 * the same draws, so no more chi variates are 0 than must be (k = 0.01: 0.06 %, below e^(−745)). Every other draw
 * keeps the bits of √(2·drawGamma).
 */
function drawChi(reader: WordReader, setup: GammaSetup): number {
  const g = drawGammaCore(reader, setup.d, setup.c);
  if (setup.boost === 0) return Math.sqrt(2 * g);
  const u = reader.openFloat();
  const x = g * Math.pow(u, setup.boost);
  return x >= MIN_NORMAL ? Math.sqrt(2 * x) : Math.exp(0.5 * (Math.LN2 + Math.log(g) + setup.boost * Math.log(u)));
}
