import { compileWasm } from '../wasm/module.js';
import { enumerateWasmBase64 } from './wasm/enumerate-wasm.js';

/**
 * The WebAssembly side of exact enumeration (wasm/enumerate.as): one module instance per thread, whose memory
 * holds the couplings, the table of low-spin energies and the scratch of the scan. Loading the same couplings
 * again (the next chunk of the same instance) reuses the table.
 */

interface EnumerateExports {
  memory: WebAssembly.Memory;
  scan(j: number, n: number, b1: number, b2: number, table: number, work: number, start: number, end: number, out: number): void;
  heapBase(): number;
}

/** The best configuration of a scanned range: its energy as the kernel summed it, its Gray word and low bits. */
export interface KernelBest {
  energy: number;
  gray: number;
  low: number;
}

const PAGE_BYTES = 65536;

let module: WebAssembly.Module | null | undefined;
let instance: EnumerateExports | null = null;
let loaded: { J: Float64Array; n: number; lowBits: number } | null = null;

/** Whether this engine runs the kernel (WebAssembly with SIMD). */
export function enumerationKernelAvailable(): boolean {
  if (module === undefined) module = compileWasm(enumerateWasmBase64);
  return module !== null;
}

function kernel(): EnumerateExports {
  if (!instance) {
    if (!enumerationKernelAvailable()) throw new Error('exact enumeration needs WebAssembly with SIMD, which this engine lacks');
    instance = new WebAssembly.Instance(module!, {}).exports as unknown as EnumerateExports;
  }
  return instance;
}

/** Byte addresses of the regions, 16-byte aligned, after the module's heap base. */
function layout(n: number, b1: number, b2: number) {
  const align = (x: number) => Math.ceil(x / 16) * 16;
  const j = align(kernel().heapBase());
  const table = align(j + 8 * n * n);
  const work = align(table + 8 * 2 ** (b1 + b2));
  const out = align(work + 8 * (2 * n + 2 ** b1 + 2 ** b2));
  return { j, table, work, out, end: out + 24 };
}

/**
 * Copies J and the low-energy table into the module unless the same couplings are already there. The table
 * holds −Σ_{i<j<b} J_ij s_i s_j for every configuration x of the b = b1 + b2 lowest spins (spin i = +1 when bit
 * i of x is 0), built by doubling: setting bit k of x < 2^k flips spin k, whose field from the other low spins
 * is Σ_{j<k} J_kj s_j(x) + Σ_{k<j<b} J_kj.
 */
function load(J: Float64Array, n: number, b1: number, b2: number): ReturnType<typeof layout> {
  const k = kernel();
  const at = layout(n, b1, b2);
  const b = b1 + b2;
  if (loaded && loaded.n === n && loaded.lowBits === b && sameValues(loaded.J, J)) return at;
  const have = k.memory.buffer.byteLength;
  if (at.end > have) k.memory.grow(Math.ceil((at.end - have) / PAGE_BYTES));
  const f64 = new Float64Array(k.memory.buffer);
  f64.set(J, at.j / 8);
  const table = f64.subarray(at.table / 8, at.table / 8 + 2 ** b);
  table[0] = 0;
  for (let i = 0; i < b; i++) for (let j = i + 1; j < b; j++) table[0] -= J[i * n + j];
  for (let bit = 0; bit < b; bit++) {
    const size = 2 ** bit;
    const row = bit * n;
    let above = 0;
    for (let j = bit + 1; j < b; j++) above += J[row + j];
    for (let x = 0; x < size; x++) {
      let field = above;
      for (let j = 0; j < bit; j++) field += (x >> j) & 1 ? -J[row + j] : J[row + j];
      // Spin `bit` goes from +1 to −1: ΔE = 2·(+1)·field.
      table[x + size] = table[x] + 2 * field;
    }
  }
  loaded = { J: J.slice(), n, lowBits: b };
  return at;
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) return false;
  return true;
}

/** Runs the scan over Gray words [start, end) with b1 + b2 low bits (b1 ≥ 2). */
export function kernelScan(J: Float64Array, n: number, b1: number, b2: number, start: number, end: number): KernelBest {
  const at = load(J, n, b1, b2);
  const k = kernel();
  k.scan(at.j, n, b1, b2, at.table, at.work, start, end, at.out);
  const out = new Float64Array(k.memory.buffer, at.out, 3);
  return { energy: out[0], gray: out[1], low: out[2] };
}
