import { decodeBase64 } from '../../wasm/module.js';
import { kernelsSharedWasmBase64 } from './kernels-shared-wasm.js';
import { kernelsWasmBase64 } from './kernels-wasm.js';

/**
 * The compiled kernels' exports (kernels.as); pointers are byte offsets into `memory`. `gramRows` and
 * `tridiagonalize` are run by every thread of a job with its index and the job's control block; they return 1 when
 * stopped on request, else 0.
 */
export interface KernelExports {
  memory: WebAssembly.Memory;
  gramRows(thread: number, ctl: number, block: number, first: number, count: number, m: number, scale: number, c: number, ldc: number, packed: number): number;
  tridiagonalize(thread: number, ctl: number, a: number, n: number, lda: number, d: number, e: number, work: number): number;
  maxAbs(x: number, count: number): number;
  gramWorkspace(m: number): number;
  gramBlockRows(): number;
  tridiagonalWorkspace(n: number): number;
  heapBase(): number;
}

/** The entry points that threads run. */
export type KernelEntry = 'gramRows' | 'tridiagonalize';

/** A view of a kernels memory laid out by the caller: regions are float64 indices from the heap base. */
export interface Arena {
  kernels: KernelExports;
  /** Float64Array over the whole memory; valid until the memory grows. */
  f64: Float64Array;
  /** Int32Array over the whole memory (for control blocks). */
  i32: Int32Array;
  /** First float64 index available to the caller (64-byte aligned). */
  base: number;
}

export const PAGE_BYTES = 65536;
/** wasm32 addresses 4 GiB; engines cap memories a little lower. */
export const MAX_PAGES = 65535;
const MAX_BYTES = MAX_PAGES * PAGE_BYTES;

/**
 * What a host with native code offers the kernels (Node's addon, src/node/nativeKernels.ts). Every part must leave
 * every result as the WebAssembly kernels alone compute it, bit for bit.
 */
export interface KernelHost {
  /**
   * The work loop of a phase of the tiled update (tiles.as, `hostUpdate`), given a byte view of the kernels' memory
   * and the loop's arguments: computes the same bits and returns true (false: the kernels run their own loop).
   */
  tileUpdate(memory: Uint8Array, ...args: number[]): boolean;
  /**
   * The work loop of a column's product phase in the reduction (sytrd.as, `hostProduct`: y = A v and the panel's
   * dot products), likewise: the same bits and true, or false.
   */
  product?(memory: Uint8Array, ...args: number[]): boolean;
  /** Told when the kernels' memory has grown, before its new pages are first used (to advise the OS on them). */
  memoryGrown?(memory: Uint8Array): void;
}

let host: KernelHost | null = null;

/** Installs `next` for the kernels of this thread (null: the WebAssembly kernels alone). */
export function setKernelHost(next: KernelHost | null): void {
  if (next !== null && (typeof next !== 'object' || typeof next.tileUpdate !== 'function')) {
    throw new TypeError('setKernelHost takes a KernelHost { tileUpdate, product?, memoryGrown? } or null');
  }
  host = next;
}

/** Whether this thread's kernels have a host's native code. */
export function kernelHostInstalled(): boolean {
  return host !== null;
}

function imports(memory: () => WebAssembly.Memory): WebAssembly.Imports {
  const tileUpdate = (...args: number[]): boolean => (host ? host.tileUpdate(new Uint8Array(memory().buffer), ...args) : false);
  const product = (...args: number[]): boolean => (host?.product ? host.product(new Uint8Array(memory().buffer), ...args) : false);
  return { host: { tileUpdate, product } };
}

// Compiled synchronously on first use: the modules are 8 KB each, above the 4 KB a browser's main thread may
// compile synchronously, so dense spectra in a browser are computed in workers (as the labs do).
let single: KernelExports | undefined;
let sharedModule: WebAssembly.Module | undefined;

function singleThreadKernels(): KernelExports {
  if (!single) {
    const instance: WebAssembly.Instance = new WebAssembly.Instance(
      new WebAssembly.Module(decodeBase64(kernelsWasmBase64)),
      imports(() => instance.exports.memory as WebAssembly.Memory),
    );
    single = instance.exports as unknown as KernelExports;
  }
  return single;
}

/** The build over an imported shared memory, to be instantiated by every thread of a pool. */
export function sharedKernelModule(): WebAssembly.Module {
  sharedModule ??= new WebAssembly.Module(decodeBase64(kernelsSharedWasmBase64));
  return sharedModule;
}

/** The shared build instantiated over `memory` (on the calling thread, or in a pool's worker). */
export function sharedKernels(memory: WebAssembly.Memory, module = sharedKernelModule()): KernelExports {
  return new WebAssembly.Instance(module, { env: { memory }, ...imports(() => memory) }).exports as unknown as KernelExports;
}

/** A shared memory for the threaded kernels: one page to start, growable to the wasm32 limit. */
export function createSharedMemory(): WebAssembly.Memory {
  return new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true });
}

function baseIndex(kernels: KernelExports): number {
  return ((kernels.heapBase() + 63) & ~63) / 8;
}

/** Largest number of float64 values one arena can hold. */
export function arenaCapacity(): number {
  return Math.floor(MAX_BYTES / 8) - baseIndex(singleThreadKernels());
}

/**
 * Grows the kernels' memory to hold `float64Count` values after the heap base and returns a fresh view. Without
 * `kernels`, the single-thread instance: calls are synchronous and not reentrant, so one arena at a time is all
 * it needs.
 */
export function arena(float64Count: number, kernels: KernelExports = singleThreadKernels()): Arena {
  const base = baseIndex(kernels);
  const needed = (base + float64Count) * 8;
  if (needed > MAX_BYTES) throw new RangeError(`dense kernels need ${needed} bytes, more than wasm32 memory allows`);
  const memory = kernels.memory;
  const have = memory.buffer.byteLength;
  if (needed > have) {
    memory.grow(Math.ceil((needed - have) / PAGE_BYTES));
    host?.memoryGrown?.(new Uint8Array(memory.buffer));
  }
  return { kernels, f64: new Float64Array(memory.buffer), i32: new Int32Array(memory.buffer), base };
}
