import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createKernelPool, type KernelPool } from '../core/linalg/kernelPool.js';
import { installedNativeKernels } from './nativeKernels.js';

/** The compiled worker entry beside this module (dist/node/kernelWorker.js). */
export function defaultKernelWorkerUrl(): URL {
  return new URL('./kernelWorker.js', import.meta.url);
}

/** Whether the worker entry exists (it does once built; not when this module runs from its TypeScript source). */
export function kernelWorkerAvailable(url: URL = defaultKernelWorkerUrl()): boolean {
  return url.protocol === 'file:' && existsSync(fileURLToPath(url));
}

/**
 * Worker threads for the dense kernels (esdAsync, gramAsync, symmetricEigenvaluesAsync): one per core by default,
 * since the calling thread only waits while they compute. Idle workers do not keep the process alive; `close()`
 * ends them.
 */
export function createNodeKernelPool(size = availableParallelism(), workerUrl: URL = defaultKernelWorkerUrl()): KernelPool {
  return createKernelPool(size, () => {
    // Each worker computes as this thread does: with the native kernels exactly when they are installed here.
    const worker = new Worker(workerUrl, { workerData: { nativeKernels: installedNativeKernels() } });
    worker.unref();
    return {
      post: (request) => worker.postMessage(request),
      listen(onReply, onFailure) {
        worker.on('message', onReply);
        worker.on('error', onFailure);
        worker.on('exit', (code) => onFailure(new Error(`worker exited with code ${code}`)));
      },
      terminate: () => void worker.terminate(),
      busy: (busy) => (busy ? worker.ref() : worker.unref()),
    };
  });
}
