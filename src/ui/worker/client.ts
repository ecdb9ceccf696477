/**
 * Starts the lab worker, waits for its ready message (comlink must not talk to a worker that has not loaded its
 * module yet), then wraps it. One worker per lab, so a long edge run never delays the spectrum's sliders.
 */
import { proxy, transfer, wrap, type Remote } from 'comlink';
import { WORKER_READY, type LabApi } from '../../../workers/labApi.js';

export type LabWorker = Remote<LabApi>;

const READY_TIMEOUT_MS = 30_000;

export function startLabWorker(): Promise<{ api: LabWorker; terminate(): void }> {
  if (typeof Worker === 'undefined') return Promise.reject(new Error('this browser has no web workers: the labs cannot compute'));
  const worker = new Worker(new URL('../../../workers/lab.worker.ts', import.meta.url), { type: 'module', name: 'vsdl-lab' });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('the computation worker did not start')), READY_TIMEOUT_MS);
    function fail(error: Error) {
      clearTimeout(timer);
      worker.terminate();
      reject(error);
    }
    worker.addEventListener('error', (event) => fail(new Error(`the computation worker failed to load: ${event.message || 'unknown error'}`)), { once: true });
    worker.addEventListener('message', function onMessage(event: MessageEvent) {
      if ((event.data as { type?: unknown } | null)?.type !== WORKER_READY) return;
      worker.removeEventListener('message', onMessage);
      clearTimeout(timer);
      resolve({ api: wrap<LabApi>(worker), terminate: () => worker.terminate() });
    });
  });
}

let nextJobId = 1;
export function newJobId(): number {
  return nextJobId++;
}

export { proxy, transfer };

/** Readable text of an error that crossed the worker boundary. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

export function isCancelled(error: unknown): boolean {
  return error instanceof Error && (error.name === 'JobCancelled' || error.message === 'cancelled');
}
