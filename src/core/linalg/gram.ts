import { finite } from '../validate.js';
import { beyondFloat64, isNormalFloat64 } from '../float64.js';
import { checkMatrix, ldexp, maxAbsFinite, normalizingExponent } from './checks.js';
import { matrix, type Matrix } from './matrix.js';
import { kernelSizes, roundUp8, runPlan, runPlanSync, type KernelCall, type KernelPlan, type PlanOptions } from './plans.js';
import { rowsOf, type MatrixRows } from './rows.js';
import type { Arena } from './wasm/index.js';

/** Bytes of W the Gram product holds at a time, per block of rows (two blocks: one is read during the other). */
const BLOCK_BYTES = 4 * 2 ** 20;

/** Rows of W per block: a multiple of the kernel's packing unit, about BLOCK_BYTES; all of W when fewer. */
function blockRows(n: number, m: number): number {
  const unit = kernelSizes().gramBlockRows();
  return Math.min(n, unit * Math.max(1, Math.floor(BLOCK_BYTES / (unit * m * 8))));
}

/** float64 values for the product (ldc²) and for the blocks of W with the kernel's packing buffer. */
export function gramSizes(n: number, m: number): { product: number; input: number } {
  const ldc = (m + 3) & ~3;
  const rows = blockRows(n, m);
  const blocks = rows < n ? 2 : 1;
  return { product: roundUp8(ldc * ldc), input: blocks * roundUp8(rows * m) + kernelSizes().gramWorkspace(m) };
}

/** Where the Gram product lies, the power of two W was scaled by, and W's largest |entry|. */
export interface GramRegion {
  /** float64 index of entry (0, 0): the lower triangle, column by column (= the upper one, row by row). */
  c: number;
  /** Leading dimension: M rounded up to 4. */
  ldc: number;
  /** The product is that of 2^exponent·W, where 2^exponent·max|W| lies in [0.5, 2^HEADROOM) (see gramCall). */
  exponent: number;
  /** max |W_ij|. */
  largest: number;
}

/**
 * How far beyond 1 the scaled entries may reach: binades above [0.5, 1). With entries below 2^64, the product's
 * entries stay below N·2^128 and their squares far from overflow, in the product and in the eigensolver.
 */
const HEADROOM = 64;

/**
 * Reads W block by block into the arena at `input` (see gramSizes), once, and yields the kernel calls that put
 * (2^k·W)ᵀ(2^k·W) into the product at `product`; while the kernels multiply a block, the next one is read into
 * the other buffer and scanned for its largest |entry| (NaN and ±Infinity are refused, named). k is the exponent
 * that brings the largest |entry| of the first block that is not all zeros into [0.5, 1): W's largest may only be
 * larger, and scaling by a power of two is exact, so the product has the bits it would have with W's own exponent
 * as long as nothing overflows; should a later block's largest entry reach 2^HEADROOM after scaling, W is read
 * and multiplied again with W's exponent. `share` is the calls' share of the plan's time.
 */
export function* gramCall(memory: Arena, w: MatrixRows, product: number, input: number, share: number): Generator<KernelCall, GramRegion, void> {
  const { rows: n, cols: m } = w;
  const ldc = (m + 3) & ~3;
  const rows = blockRows(n, m);
  const buffers = [input, input + roundUp8(rows * m)];
  const packed = input + (rows < n ? 2 : 1) * roundUp8(rows * m);
  /** Reads the block of rows from `first` into buffer `i` and returns its largest |entry|. */
  const readBlock = (i: number, first: number): number => {
    const data = memory.f64.subarray(buffers[i], buffers[i] + Math.min(rows, n - first) * m);
    w.read(first, data);
    const top = memory.kernels.maxAbs(buffers[i] * 8, data.length);
    // NaN or ±Infinity: the scan in JavaScript names the first such entry.
    return Number.isFinite(top) ? top : maxAbsFinite('W', { rows: data.length / m, cols: m, data }, first);
  };
  let largest = 0;
  let exponent: number | undefined;
  /** One pass over W; a repeated one counts for nothing in the progress, which its first pass already gave. */
  function* multiply(repeat: boolean): Generator<KernelCall, void, void> {
    let top = readBlock(0, 0);
    for (let first = 0, i = 0; first < n; first += rows, i ^= 1) {
      largest = Math.max(largest, top);
      // Blocks of zeros before the first nonzero one give zeros at any scale.
      if (exponent === undefined && top > 0) exponent = normalizingExponent(top);
      const count = Math.min(rows, n - first);
      const next = first + rows;
      const meanwhile = next < n ? () => void (top = readBlock(i ^ 1, next)) : undefined;
      const args = [buffers[i] * 8, first, count, m, 2 ** (exponent ?? 0), product * 8, ldc, packed * 8];
      yield { entry: 'gramRows', args, units: count, share: repeat ? 0 : (share * count) / n, meanwhile };
    }
  }
  yield* multiply(false);
  const own = normalizingExponent(largest);
  if (exponent !== undefined && exponent - own > HEADROOM) {
    // Rare: a later block holds entries 2^HEADROOM times those of the first; W's own exponent keeps them < 1.
    exponent = own;
    yield* multiply(true);
  }
  return { c: product, ldc, exponent: exponent ?? own, largest };
}

function gramPlan(w: Matrix, scale: number): KernelPlan<Matrix> {
  const { product, input } = gramSizes(w.rows, w.cols);
  return {
    size: product + input,
    *run(memory, start) {
      const { c, ldc, exponent, largest } = yield* gramCall(memory, rowsOf(w), start, start + product, 1);
      return symmetricFromLower(memory.f64, c, ldc, w.cols, scale, exponent, largest);
    },
  };
}

/**
 * scale·WᵀW from the scaled product (that of 2^exponent·W), mirrored into a full matrix. Refused when its largest
 * entry (on the diagonal: |G_ij| ≤ √(G_ii·G_jj) for a Gram matrix) lies beyond float64: above 1.8e308 it would be
 * Infinity, below 2.2e-308 it would have lost its digits or be 0, while the scaled product holds it exactly.
 */
function symmetricFromLower(f64: Float64Array, c: number, ldc: number, m: number, scale: number, exponent: number, largest: number): Matrix {
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
  let top = 0;
  let scaledTop = 0;
  for (let i = 0; i < m; i++) {
    top = Math.max(top, Math.abs(y[i * m + i]));
    scaledTop = Math.max(scaledTop, Math.abs(f64[c + i * ldc + i] * mantissa));
  }
  // A zero product (W = 0 or scale = 0) is exact; otherwise its largest entry must be a normal float64.
  if (scaledTop > 0 && !isNormalFloat64(top)) {
    throw beyondFloat64('W', `entries up to ${largest}`, 'entries', 'largest entry of scale·WᵀW', Math.log10(scaledTop) + power * Math.log10(2), 'divide W by a constant c and multiply the product by c²');
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
