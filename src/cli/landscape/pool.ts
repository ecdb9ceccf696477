import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { enumerateOn, type ChunkScanner, type EnumerateBackend } from '../../core/landscape/index.js';
import { deserializeError, type SerializedError } from '../sweep/messages.js';
import { sweepWorkerAvailable } from '../sweep/pool.js';

/**
 * Exact enumeration on worker threads: each thread is a scanner of the core's enumerateOn, which hands the chunks
 * of the 2^(N−1) configurations to whichever thread is idle and keeps the lowest result. Cancellation stops handing
 * out chunks; the few in flight finish and are dropped.
 */

export type ToEnumerationWorker = { id: number; J: Float64Array; n: number; start: number; end: number };
export type FromEnumerationWorker =
  | { id: number; type: 'done'; energy: number; state: Int8Array }
  | { id: number; type: 'error'; error: SerializedError };

export interface EnumerationPool {
  readonly size: number;
  enumerate: EnumerateBackend;
  close(): Promise<void>;
}

export function defaultEnumerationWorkerUrl(): URL {
  return new URL('./worker.js', import.meta.url);
}

/** Whether the compiled worker exists (not when this module runs from its TypeScript source, as in tests). */
export function enumerationWorkerAvailable(url: URL = defaultEnumerationWorkerUrl()): boolean {
  return sweepWorkerAvailable(url);
}

/** One thread per core: the main thread only hands out chunks. */
export function defaultEnumerationWorkers(): number {
  return Math.max(1, availableParallelism());
}

let nextId = 0;

/** One chunk at a time on `worker`: its reply, or its failure if it errs or exits first. */
function scannerOn(worker: Worker): ChunkScanner {
  return (J, n, { start, end }) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const done = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (m: FromEnumerationWorker) => {
        if (m.id !== id) return;
        done();
        if (m.type === 'error') reject(deserializeError(m.error));
        else resolve({ energy: m.energy, state: m.state });
      };
      const onError = (error: unknown) => {
        done();
        reject(error instanceof Error ? error : new Error(`enumeration worker stopped: ${String(error)}`));
      };
      const onExit = (code: number) => {
        done();
        reject(new Error(`enumeration worker exited with code ${code}`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, J, n, start, end } satisfies ToEnumerationWorker);
    });
}

export function createEnumerationPool(size: number, url: URL = defaultEnumerationWorkerUrl()): EnumerationPool {
  const workers = Array.from({ length: size }, () => new Worker(url));
  const scanners = workers.map(scannerOn);
  return {
    size,
    enumerate: (J, n, control) => enumerateOn(scanners, J, n, control),
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
