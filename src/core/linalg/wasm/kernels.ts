import { decodeBase64 } from '../../wasm/module.js';
import { kernelsWasmBase64 } from './kernels-wasm.js';

/** The compiled kernels' exports; pointers are byte offsets into `memory`. */
interface KernelExports {
  memory: WebAssembly.Memory;
  tridiagonalize(a: number, n: number, lda: number, d: number, e: number, work: number): void;
  gramPanels(p: number, count: number, stride: number, panels: number, c: number, ldc: number): void;
  heapBase(): number;
}

/** A view of the module's memory laid out by the caller: regions are float64 offsets from the heap base. */
export interface Arena {
  kernels: KernelExports;
  /** Float64Array over the whole memory; valid until the next `arena()` call. */
  f64: Float64Array;
  /** Byte address of float64 index `index` of the view. */
  address(index: number): number;
  /** First float64 index available to the caller. */
  base: number;
}

const PAGE_BYTES = 65536;
/** wasm32 addresses 4 GiB; engines cap memories a little lower. */
const MAX_BYTES = 4 * 1024 * 1024 * 1024 - PAGE_BYTES;

let instance: KernelExports | undefined;

function kernels(): KernelExports {
  if (!instance) {
    // The module is a few kilobytes, so synchronous compilation is allowed on browsers' main threads too.
    const module = new WebAssembly.Module(decodeBase64(kernelsWasmBase64));
    instance = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
  }
  return instance;
}

/** Largest number of float64 values one arena can hold. */
export function arenaCapacity(): number {
  return Math.floor((MAX_BYTES - kernels().heapBase() - 16) / 8);
}

/**
 * Grows the module's memory to hold `float64Count` values after the heap base (16-byte aligned) and returns a
 * fresh view. Calls are synchronous and not reentrant, so one arena at a time is all the core needs.
 */
export function arena(float64Count: number): Arena {
  const k = kernels();
  const baseByte = (k.heapBase() + 15) & ~15;
  const needed = baseByte + float64Count * 8;
  if (needed > MAX_BYTES) throw new RangeError(`dense kernels need ${needed} bytes, more than wasm32 memory allows`);
  const have = k.memory.buffer.byteLength;
  if (needed > have) k.memory.grow(Math.ceil((needed - have) / PAGE_BYTES));
  const f64 = new Float64Array(k.memory.buffer);
  return { kernels: k, f64, base: baseByte / 8, address: (index: number) => index * 8 };
}
