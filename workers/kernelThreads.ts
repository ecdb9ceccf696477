/**
 * Web workers for the dense kernels, where the page is cross-origin isolated (the dev server and `vite preview`
 * send the headers: vite.config.ts). Elsewhere SharedArrayBuffer is unavailable and spectra are computed on the
 * lab worker's own thread: the same numbers, bit for bit.
 */
import { createKernelPool, parallelWorthIt, type KernelPool, type KernelThreads } from '../src/core/linalg/index.js';

let pool: KernelPool | null | undefined;

function available(): boolean {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function' && navigator.hardwareConcurrency > 1;
}

function createBrowserPool(): KernelPool {
  return createKernelPool(navigator.hardwareConcurrency, () => {
    // Vite finds workers by this literal `new Worker(new URL(...))` form.
    const worker = new Worker(new URL('./kernel.worker.ts', import.meta.url), { type: 'module', name: 'vsdl-kernels' });
    return {
      post: (request) => worker.postMessage(request),
      listen(onReply, onFailure) {
        worker.onmessage = (event) => onReply(event.data);
        worker.onerror = (event) => onFailure(new Error(event.message || 'kernel worker failed to load'));
      },
      terminate: () => worker.terminate(),
    };
  });
}

/** The threads for an M×M spectrum, or undefined where one thread is as fast or threads are unavailable. */
export function spectrumThreads(m: number): KernelThreads | undefined {
  if (!parallelWorthIt(m)) return undefined;
  if (pool === undefined) pool = available() ? createBrowserPool() : null;
  return pool ?? undefined;
}
