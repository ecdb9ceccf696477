/**
 * Web workers that share an exact enumeration, started by the lab worker when it first needs them and kept for
 * the next run: each is a scanner of the core's enumerateOn, which hands out the chunks and keeps the lowest
 * configuration. A worker that fails or cannot load fails the enumeration with its error.
 */
import { enumerateOn, scannerOn, type ChunkThread, type EnumerateBackend } from '../../src/core/landscape/index.js';

/** What an enumeration worker answers: the chunk's best configuration, or its error's name and message. */
export type EnumerationReply = { id: number; energy: number; state: Int8Array } | { id: number; error: { name: string; message: string } };

export interface EnumerationPool {
  readonly size: number;
  enumerate: EnumerateBackend;
  terminate(): void;
}

/** Whether this scope can start web workers (a browser's worker can; Node and old browsers cannot). */
export function canStartWorkers(): boolean {
  return typeof Worker !== 'undefined';
}

/** A web worker as the core sees a thread. */
function threadOf(worker: Worker): ChunkThread {
  return {
    post: (request) => worker.postMessage(request),
    listen(onReply, onFailure) {
      const message = ({ data }: MessageEvent<EnumerationReply>) =>
        onReply('error' in data ? { id: data.id, error: Object.assign(new Error(data.error.message), { name: data.error.name }) } : data);
      const error = (event: ErrorEvent) => onFailure(new Error(`an enumeration worker failed: ${event.message || 'it could not load'}`));
      worker.addEventListener('message', message);
      worker.addEventListener('error', error);
      return () => {
        worker.removeEventListener('message', message);
        worker.removeEventListener('error', error);
      };
    },
  };
}

export function createEnumerationPool(size: number): EnumerationPool {
  // Vite finds the worker by this literal `new Worker(new URL(...))` form.
  const workers = Array.from({ length: size }, () => new Worker(new URL('../enumerate.worker.ts', import.meta.url), { type: 'module', name: 'vsdl-enumerate' }));
  const scanners = workers.map((w) => scannerOn(threadOf(w)));
  return {
    size,
    enumerate: (J, n, control) => enumerateOn(scanners, J, n, control),
    terminate: () => workers.forEach((w) => w.terminate()),
  };
}
