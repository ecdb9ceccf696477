import { finite, inRange } from '../validate.js';
import type { RandomStream } from './stream.js';
import { bulkReader, checkOutput, checkStream, scalarReader, type WordReader } from './words.js';

/**
 * Standard normal variates by the ziggurat method (Marsaglia & Tsang 2000) with 256 layers, using independent
 * bits for the layer and the abscissa (Doornik 2005): each attempt takes one pair of words (a, b); the layer is
 * a & 255, the sign a & 256, and the abscissa fraction u = ((a >>> 12)·2^32 + b)·2^−52. About 98.5 % of
 * attempts return at once; the rest use the exact wedge test or Marsaglia's tail method, so the output is
 * exactly normal up to float64 rounding.
 *
 * The tables are computed when the module loads, from f(x) = exp(−x²/2) alone: the base-strip edge r is solved
 * by bisection so that the 256 layers of equal area close exactly at the top. Math.exp/log may differ in the
 * last bit between JavaScript engines, so normal variates (unlike uniforms) are reproducible bit for bit within
 * one engine (V8: Node and Chromium) and to about an ulp across engines (see stream.ts).
 */

const LAYERS = 256;

function density(x: number): number {
  return Math.exp(-0.5 * x * x);
}

/** ∫_r^∞ exp(−x²/2) dx = exp(−r²/2)·1/(r + 1/(r + 2/(r + 3/(r + …)))), by backward recurrence (r ≥ 3). */
function upperTailArea(r: number): number {
  let t = r;
  for (let k = 200; k >= 1; k--) t = r + k / t;
  return density(r) / t;
}

interface Ziggurat {
  /** Layer widths x[0..256]: x[0] = v/f(r) (base strip with the tail folded in), x[1] = r, x[256] = 0. */
  x: Float64Array;
  /** f(x[i]). */
  f: Float64Array;
  r: number;
}

/** Layer edges for a trial r; `closure` > 0 when r is too large (the top layer is left with more than v). */
function layerEdges(r: number): { x: Float64Array; closure: number } {
  const v = r * density(r) + upperTailArea(r);
  const x = new Float64Array(LAYERS + 1);
  x[0] = v / density(r);
  x[1] = r;
  for (let i = 1; i < LAYERS - 1; i++) {
    const height = v / x[i]! + density(x[i]!);
    if (height >= 1) return { x, closure: -1 };
    x[i + 1] = Math.sqrt(-2 * Math.log(height));
  }
  x[LAYERS] = 0;
  const top = x[LAYERS - 1]!;
  return { x, closure: top * (1 - density(top)) - v };
}

function buildZiggurat(): Ziggurat {
  let low = 3;
  let high = 4.5;
  for (let iteration = 0; iteration < 100 && high - low > 0; iteration++) {
    const mid = 0.5 * (low + high);
    if (mid === low || mid === high) break;
    if (layerEdges(mid).closure > 0) high = mid;
    else low = mid;
  }
  const { x } = layerEdges(high);
  const f = new Float64Array(LAYERS + 1);
  for (let i = 0; i <= LAYERS; i++) f[i] = density(x[i]!);
  return { x, f, r: high };
}

const { x: X, f: F, r: R } = buildZiggurat();
const INV_R = 1 / R;
const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_52 = 1 / 4503599627370496;

/** The base-strip edge r (exported for tests). */
export const ZIGGURAT_R = R;

/** A copy of the layer edges x[0..256] (for tests). */
export function zigguratEdges(): Float64Array {
  return X.slice();
}

/** Completes an attempt that left the fast region, then keeps drawing until a variate is accepted. */
export function normalSlowPath(reader: WordReader, first: number, second: number): number {
  let a = first;
  let b = second;
  for (;;) {
    const layer = a & 255;
    const u = ((a >>> 12) * TWO_POW_32 + b) * TWO_POW_MINUS_52;
    const x = u * X[layer]!;
    let value = NaN;
    if (x < X[layer + 1]!) {
      value = x;
    } else if (layer === 0) {
      // Tail beyond r (Marsaglia 1964): t = E1/r is kept when 2·E2 > t², so r + t has density
      // ∝ exp(−(r + t)²/2).
      for (;;) {
        const e1 = -Math.log(reader.openFloat()) * INV_R;
        const e2 = -Math.log(reader.openFloat());
        if (e2 + e2 > e1 * e1) {
          value = R + e1;
          break;
        }
      }
    } else if (F[layer]! + reader.openFloat() * (F[layer + 1]! - F[layer]!) < density(x)) {
      value = x;
    }
    if (value === value) return a & 256 ? -value : value;
    a = reader.take();
    b = reader.take();
  }
}

/** One standard normal variate from a reader. */
export function drawNormal(reader: WordReader): number {
  const a = reader.take();
  const b = reader.take();
  const layer = a & 255;
  const x = ((a >>> 12) * TWO_POW_32 + b) * TWO_POW_MINUS_52 * X[layer]!;
  if (x < X[layer + 1]!) return a & 256 ? -x : x;
  return normalSlowPath(reader, a, b);
}

/** A standard normal variate. */
export function sampleNormal(stream: RandomStream): number {
  const reader = scalarReader(checkStream(stream));
  const value = drawNormal(reader);
  reader.close();
  return value;
}

/** Fills `out` with N(mean, sd²) variates (sd ≥ 0) and returns it; the same numbers as repeated sampleNormal. */
export function fillNormal(stream: RandomStream, out: Float64Array, mean = 0, sd = 1): Float64Array {
  checkStream(stream);
  checkOutput(out);
  finite('mean', mean);
  inRange('sd', sd, 0, Infinity, { maxOpen: true });
  const n = out.length;
  const reader = bulkReader(stream, 2 * n + 16);
  let words = reader.words;
  let pos = reader.pos;
  let end = reader.end;
  for (let i = 0; i < n; i++) {
    if (pos === end) {
      reader.pos = pos;
      reader.refill();
      words = reader.words;
      pos = reader.pos;
      end = reader.end;
    }
    const a = words[pos]!;
    const b = words[pos + 1]!;
    pos += 2;
    const layer = a & 255;
    const x = ((a >>> 12) * TWO_POW_32 + b) * TWO_POW_MINUS_52 * X[layer]!;
    let z: number;
    if (x < X[layer + 1]!) {
      z = a & 256 ? -x : x;
    } else {
      reader.pos = pos;
      z = normalSlowPath(reader, a, b);
      pos = reader.pos;
      end = reader.end;
    }
    out[i] = mean + sd * z;
  }
  reader.pos = pos;
  reader.close();
  return out;
}
