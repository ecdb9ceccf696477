import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { ParameterError } from '../core/errors.js';
import { setKernelHost, type KernelHost } from '../core/linalg/wasm/index.js';

/**
 * Native help for the dense kernels (native/kernels.c, built by scripts/build-native.mjs where a C compiler and
 * Node's headers are): their tiled product and the reduction's product phase with the CPU's widest vectors, and
 * huge pages for their memory; the same bits as the WebAssembly kernels alone. Once installed in a thread, that
 * thread's kernels use it. Kernel worker threads install what the thread that spawned them uses (kernelPool.ts).
 */

/** Where the build puts the addon, from this module in src/node or in dist/node alike. */
export const NATIVE_KERNELS_PATH = fileURLToPath(new URL('../../dist/native/kernels.node', import.meta.url));

/** Whether the native kernels are in use in this thread, and why not when they are not. */
export interface NativeKernelsState {
  installed: boolean;
  /** When installed: the vectors its CPU-specific code uses ('avx512f', 'avx2' or 'generic'). */
  vectors?: string;
  reason?: string;
}

interface Addon {
  update(memory: Uint8Array, ...args: number[]): boolean;
  product(memory: Uint8Array, ...args: number[]): boolean;
  advise(memory: Uint8Array): boolean;
  vectors(): string;
}

type Loaded = { host: KernelHost; vectors: string } | { reason: string };
const loaded = new Map<string, Loaded>();
let installedPath: string | null = null;

function load(path: string): Loaded {
  if (!existsSync(path)) return { reason: `${path} is not built (no C compiler or Node headers at build time)` };
  let addon: Partial<Addon>;
  try {
    addon = createRequire(import.meta.url)(path) as Partial<Addon>;
  } catch (error) {
    return { reason: `cannot load ${path}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const { update, product, advise, vectors } = addon;
  if (typeof update !== 'function' || typeof product !== 'function' || typeof advise !== 'function' || typeof vectors !== 'function') {
    return { reason: `${path} is not the dense kernels' addon (no update, product, advise and vectors functions)` };
  }
  return { host: { tileUpdate: update, product, memoryGrown: (memory) => void advise(memory) }, vectors: String(vectors()) };
}

/**
 * Installs the addon at `path` for this thread's dense kernels (null: the WebAssembly kernels alone, for the
 * reason given). A worker thread calls it with the path its spawning thread uses.
 */
export function installNativeKernelsFrom(path: string | null, reason = 'not requested'): NativeKernelsState {
  if (path !== null && (typeof path !== 'string' || path === '')) throw new ParameterError('path', path, 'a file path or null');
  const addon = path === null ? { reason: String(reason) } : (loaded.get(path) ?? load(path));
  if (path !== null) loaded.set(path, addon);
  if ('reason' in addon) {
    setKernelHost(null);
    installedPath = null;
    return { installed: false, reason: addon.reason };
  }
  setKernelHost(addon.host);
  installedPath = path;
  return { installed: true, vectors: addon.vectors };
}

/**
 * Installs the built addon for this thread's dense kernels, unless VSDL_NATIVE=0 in `env` asks for WebAssembly
 * alone (to compare the two, or to rule the addon out). Called by the CLI and the Node entry of the library; cheap
 * after the first call.
 */
export function installNativeKernels(env: Record<string, string | undefined> = process.env): NativeKernelsState {
  if (env === null || typeof env !== 'object') throw new ParameterError('env', env, 'an environment object');
  return env.VSDL_NATIVE === '0' ? installNativeKernelsFrom(null, 'VSDL_NATIVE=0') : installNativeKernelsFrom(NATIVE_KERNELS_PATH);
}

/** The addon installed in this thread, or null: what this thread's kernel workers install in turn. */
export function installedNativeKernels(): string | null {
  return installedPath;
}
