import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { bestOf, enumerationChunk, planEnumeration, type EnumerateBackend, type GroundState } from '../../core/landscape/index.js';
import { MonteCarloAbortError } from '../../core/vsdl/index.js';
import { deserializeError, type SerializedError } from '../sweep/messages.js';
import { sweepWorkerAvailable } from '../sweep/pool.js';

/**
 * Exact enumeration on worker threads: the core's plan splits the 2^(N−1) configurations into chunks of tens of
 * milliseconds; each idle worker takes the next chunk, and the lowest result wins (bestOf, so the answer does not
 * depend on which worker finished first). Cancellation stops handing out chunks; the few in flight finish and are
 * dropped. Each worker keeps the couplings it last saw, so the table of low-spin energies is built once per
 * instance and worker.
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

export function createEnumerationPool(size: number, url: URL = defaultEnumerationWorkerUrl()): EnumerationPool {
  const workers = Array.from({ length: size }, () => new Worker(url));
  let nextId = 0;

  const enumerate: EnumerateBackend = (J, n, { signal, onProgress } = {}) =>
    new Promise<GroundState>((resolve, reject) => {
      const plan = planEnumeration(n);
      let next = 0;
      let finished = 0;
      let best: GroundState | null = null;
      let settled = false;
      const pending = new Map<Worker, number>();
      const cleanup = () => {
        for (const w of workers) {
          w.off('message', listeners.get(w)!);
          w.off('error', fail);
          w.off('exit', exited);
        }
      };
      const settle = (error: unknown, value?: GroundState) => {
        if (settled) return;
        settled = true;
        cleanup();
        if (error) reject(error);
        else resolve(value!);
      };
      const fail = (error: unknown) => settle(error instanceof Error ? error : new Error(`enumeration worker stopped: ${String(error)}`));
      const exited = (code: number) => fail(new Error(`enumeration worker exited with code ${code}`));
      const dispatch = (w: Worker) => {
        if (settled) return;
        if (signal?.aborted) return settle(new MonteCarloAbortError(signal.reason));
        if (next >= plan.chunkCount) return;
        const chunk = enumerationChunk(plan, next++);
        const id = nextId++;
        pending.set(w, id);
        w.postMessage({ id, J, n, start: chunk.start, end: chunk.end } satisfies ToEnumerationWorker);
      };
      const listeners = new Map<Worker, (m: FromEnumerationWorker) => void>();
      for (const w of workers) {
        const listener = (m: FromEnumerationWorker) => {
          if (pending.get(w) !== m.id) return;
          pending.delete(w);
          if (m.type === 'error') return settle(deserializeError(m.error, signal?.reason));
          best = bestOf(best, { energy: m.energy, state: m.state });
          finished++;
          onProgress?.(finished / plan.chunkCount);
          if (finished === plan.chunkCount) return settle(null, best);
          dispatch(w);
        };
        listeners.set(w, listener);
        w.on('message', listener);
        w.on('error', fail);
        w.on('exit', exited);
      }
      for (const w of workers) dispatch(w);
    });

  return {
    size,
    enumerate,
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
