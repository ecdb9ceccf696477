import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { enumerateOn, scannerOn, type ChunkThread, type EnumerateBackend } from '../../core/landscape/index.js';
import { deserializeError, type SerializedError } from '../sweep/messages.js';
import { sweepWorkerAvailable } from '../sweep/pool.js';

/**
 * Exact enumeration on worker threads: each thread is a scanner of the core's enumerateOn, which hands the chunks
 * of the 2^(N−1) configurations to whichever thread is idle and keeps the lowest result. Cancellation stops handing
 * out chunks; the few in flight finish and are dropped.
 */

export type FromEnumerationWorker = { id: number; energy: number; state: Int8Array } | { id: number; error: SerializedError };

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

/** A worker thread as the core sees a thread: its replies (errors rebuilt from their serialised form), its failures. */
function threadOf(worker: Worker): ChunkThread {
  return {
    post: (request) => worker.postMessage(request),
    listen(onReply, onFailure) {
      const message = (m: FromEnumerationWorker) => onReply('error' in m ? { id: m.id, error: deserializeError(m.error) } : m);
      const error = (e: unknown) => onFailure(e instanceof Error ? e : new Error(`enumeration worker stopped: ${String(e)}`));
      const exit = (code: number) => onFailure(new Error(`enumeration worker exited with code ${code}`));
      worker.on('message', message).on('error', error).on('exit', exit);
      return () => void worker.off('message', message).off('error', error).off('exit', exit);
    },
  };
}

export function createEnumerationPool(size: number, url: URL = defaultEnumerationWorkerUrl()): EnumerationPool {
  const workers = Array.from({ length: size }, () => new Worker(url));
  const scanners = workers.map((w) => scannerOn(threadOf(w)));
  return {
    size,
    enumerate: (J, n, control) => enumerateOn(scanners, J, n, control),
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
