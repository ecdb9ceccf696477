import { finite } from '../validate.js';
import { checkMatrix, ldexp, maxAbsFinite, normalizingExponent } from './checks.js';
import { matrix, type Matrix } from './matrix.js';
import { kernelSizes, roundUp8, runPlan, runPlanSync, type KernelCall, type KernelPlan, type PlanOptions } from './plans.js';
import type { Arena } from './wasm/index.js';

/** float64 values for the product (ldc²) and for the copy of W with the kernel's packing buffer. */
export function gramSizes(n: number, m: number): { product: number; input: number } {
  const ldc = (m + 3) & ~3;
  return { product: roundUp8(ldc * ldc), input: roundUp8(n * m) + kernelSizes().gramWorkspace(m) };
}

/** Where the Gram product lies, and the power of two W was scaled by: 2^exponent·max|W| is in [0.5, 1). */
export interface GramRegion {
  /** float64 index of entry (0, 0): the lower triangle, column by column (= the upper one, row by row). */
  c: number;
  /** Leading dimension: M rounded up to 4. */
  ldc: number;
  exponent: number;
  /** max |W_ij|. */
  largest: number;
}

/**
 * Copies W into the arena at `input`, unless it already lies there (`esdInput`), finds its largest |entry| with
 * the kernels and yields the kernel call that puts (2^k·W)ᵀ(2^k·W) into the product at `product` (see gramSizes;
 * the kernel zeroes it first), k the exponent that brings that entry into [0.5, 1). `share` is the call's share of
 * the plan's time.
 */
export function* gramCall(memory: Arena, w: Matrix, product: number, input: number, share: number): Generator<KernelCall, GramRegion, void> {
  const { rows: n, cols: m } = w;
  const ldc = (m + 3) & ~3;
  if (!liesAt(memory, w, input)) memory.f64.set(w.data, input);
  let largest = memory.kernels.maxAbs(input * 8, n * m);
  // NaN or ±Infinity somewhere: the scan in JavaScript names the first such entry.
  if (!Number.isFinite(largest)) largest = maxAbsFinite('W', w);
  const exponent = normalizingExponent(largest);
  const packed = input + roundUp8(n * m);
  yield { entry: 'gram', args: [input * 8, n, m, 2 ** exponent, product * 8, ldc, packed * 8], units: n, share };
  return { c: product, ldc, exponent, largest };
}

/** Whether W's data is the arena's own region at `input` (filled in place by the caller). */
function liesAt(memory: Arena, w: Matrix, input: number): boolean {
  return w.data.buffer === memory.f64.buffer && w.data.byteOffset === input * 8;
}

function gramPlan(w: Matrix, scale: number): KernelPlan<Matrix> {
  const { product, input } = gramSizes(w.rows, w.cols);
  return {
    size: product + input,
    *run(memory, start) {
      const { c, ldc, exponent } = yield* gramCall(memory, w, start, start + product, 1);
      return symmetricFromLower(memory.f64, c, ldc, w.cols, scale, exponent);
    },
  };
}

function symmetricFromLower(f64: Float64Array, c: number, ldc: number, m: number, scale: number, exponent: number): Matrix {
  // scale·2^(−2·exponent) as one mantissa and one power of two, so no intermediate overflows or underflows.
  const scaleExponent = normalizingExponent(Math.abs(scale));
  const mantissa = ldexp(scale, scaleExponent);
  const power = -scaleExponent - 2 * exponent;
  const direct = Math.abs(power) <= 1000;
  const factor = 2 ** power;
  const out = matrix(m, m);
  const y = out.data;
  for (let i = 0; i < m; i++) {
    const src = c + i * ldc;
    for (let j = i; j < m; j++) {
      const v = direct ? f64[src + j] * mantissa * factor : ldexp(f64[src + j] * mantissa, power);
      y[i * m + j] = v;
      y[j * m + i] = v;
    }
  }
  return out;
}

function checkGram(w: Matrix, scale: number): void {
  checkMatrix('W', w);
  finite('scale', scale);
}

/** scale · WᵀW (M×M for W N×M), symmetric. Each product is computed once and mirrored. */
export function gram(w: Matrix, scale = 1): Matrix {
  checkGram(w, scale);
  return runPlanSync('W', gramPlan(w, scale));
}

/** `gram` on the given threads (or the calling thread): the same matrix, bit for bit. */
export async function gramAsync(w: Matrix, scale = 1, options: PlanOptions = {}): Promise<Matrix> {
  checkGram(w, scale);
  return runPlan('W', gramPlan(w, scale), options);
}
