import { finite } from '../validate.js';
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
 * Reads W block by block into the arena at `input` (see gramSizes) twice: first for its largest |entry| (found by
 * the kernels; NaN and ±Infinity are refused, named), then for the kernel calls that put (2^k·W)ᵀ(2^k·W) into the
 * product at `product`, k the exponent that brings that entry into [0.5, 1). While the kernels multiply a block,
 * the next one is read into the other buffer. `share` is the calls' share of the plan's time.
 */
export function* gramCall(memory: Arena, w: MatrixRows, product: number, input: number, share: number): Generator<KernelCall, GramRegion, void> {
  const { rows: n, cols: m } = w;
  const ldc = (m + 3) & ~3;
  const rows = blockRows(n, m);
  const buffers = [input, input + roundUp8(rows * m)];
  const packed = input + (rows < n ? 2 : 1) * roundUp8(rows * m);
  const block = (at: number, first: number): Float64Array => memory.f64.subarray(at, at + Math.min(rows, n - first) * m);
  let largest = 0;
  for (let first = 0; first < n; first += rows) {
    const data = block(buffers[0], first);
    w.read(first, data);
    const top = memory.kernels.maxAbs(buffers[0] * 8, data.length);
    // NaN or ±Infinity: the scan in JavaScript names the first such entry.
    largest = Math.max(largest, Number.isFinite(top) ? top : maxAbsFinite('W', { rows: data.length / m, cols: m, data }, first));
  }
  const exponent = normalizingExponent(largest);
  // With one block, it is still there.
  if (rows < n) w.read(0, block(buffers[0], 0));
  for (let first = 0, i = 0; first < n; first += rows, i ^= 1) {
    const count = Math.min(rows, n - first);
    const next = first + rows;
    const meanwhile = next < n ? () => w.read(next, block(buffers[i ^ 1], next)) : undefined;
    const args = [buffers[i] * 8, first, count, m, 2 ** exponent, product * 8, ldc, packed * 8];
    yield { entry: 'gramRows', args, units: count, share: (share * count) / n, meanwhile };
  }
  return { c: product, ldc, exponent, largest };
}

function gramPlan(w: Matrix, scale: number): KernelPlan<Matrix> {
  const { product, input } = gramSizes(w.rows, w.cols);
  return {
    size: product + input,
    *run(memory, start) {
      const { c, ldc, exponent } = yield* gramCall(memory, rowsOf(w), start, start + product, 1);
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
