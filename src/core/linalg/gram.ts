import { finite } from '../validate.js';
import { checkMatrix, ldexp, maxAbsFinite, normalizingExponent } from './checks.js';
import { matrix, type Matrix } from './matrix.js';
import { arena, arenaCapacity, type Arena } from './wasm/index.js';

/** Rows per packed block: a four-column panel of it (8 KiB) stays in L1 while the others stream from L2. */
const BLOCK_ROWS = 256;

/** Where `gramInArena` left WᵀW (times 4^exponent): upper triangle of a row-major M×M block with stride `ldc`. */
export interface ArenaGram {
  memory: Arena;
  /** float64 index of entry (0, 0). */
  c: number;
  ldc: number;
  /** First free float64 index after the product and the packing buffer. */
  free: number;
}

/**
 * (2^exponent·W)ᵀ(2^exponent·W) into the kernels' memory, upper triangle only, with `extra` float64 values
 * reserved after it. W is packed, a block of rows at a time, into four-column panels for the SIMD kernel.
 */
export function gramInArena(w: Matrix, exponent: number, extra: number): ArenaGram {
  const { rows: n, cols: m } = w;
  const panels = Math.ceil(m / 4);
  const ldc = 4 * panels;
  const blockRows = Math.min(BLOCK_ROWS, n);
  const stride = 4 * blockRows;
  const needed = ldc * ldc + panels * stride + extra;
  if (needed > arenaCapacity()) {
    throw new RangeError(`a ${m}×${m} Gram matrix needs ${needed * 8} bytes, beyond wasm32 memory`);
  }
  const memory = arena(needed);
  const { f64, base, kernels } = memory;
  const c = base;
  const p = c + ldc * ldc;
  f64.fill(0, c, p + panels * stride);
  const factor = 2 ** exponent;
  const x = w.data;
  for (let r0 = 0; r0 < n; r0 += blockRows) {
    const count = Math.min(blockRows, n - r0);
    for (let r = 0; r < count; r++) {
      const row = (r0 + r) * m;
      let col = 0;
      for (let q = 0; col < m; q++) {
        const dst = p + q * stride + 4 * r;
        const width = Math.min(4, m - col);
        for (let t = 0; t < width; t++) f64[dst + t] = x[row + col + t] * factor;
        col += 4;
      }
    }
    kernels.gramPanels(memory.address(p), count, stride * 8, panels, memory.address(c), ldc);
  }
  return { memory, c, ldc, free: p + panels * stride };
}

/** scale · WᵀW (M×M for W N×M), symmetric. Each product is computed once and mirrored. */
export function gram(w: Matrix, scale = 1): Matrix {
  checkMatrix('W', w);
  finite('scale', scale);
  const exponent = normalizingExponent(maxAbsFinite('W', w));
  const m = w.cols;
  const { memory, c, ldc } = gramInArena(w, exponent, 0);
  const f64 = memory.f64;
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
