/**
 * Starts a worker, waits for its ready message (comlink must not talk to a worker that has not loaded its module
 * yet), then wraps it. One worker per lab, so a long edge run never delays the spectrum's sliders; the lessons
 * have their own. The page knows the workers only by their contracts in src/labs.
 */
import { proxy, transfer, wrap, type Remote } from 'comlink';
import { LAB_WORKER_READY, LESSON_WORKER_READY, TRAIN_WORKER_READY, type LabApi, type LessonApi, type TrainWorkerApi } from '../../labs/index.js';
import type { NotebookResult } from '../../report/notebook.js';

export type LabWorker = Remote<LabApi>;
export type LessonWorker = Remote<LessonApi<NotebookResult>>;
export type TrainWorker = Remote<TrainWorkerApi>;
export interface Started<T> {
  api: T;
  terminate(): void;
}

const READY_TIMEOUT_MS = 30_000;

export function startLabWorker(): Promise<Started<LabWorker>> {
  if (typeof Worker === 'undefined') return Promise.reject(new Error('this browser has no web workers: the labs cannot compute'));
  // Vite finds workers by this literal `new Worker(new URL(...))` form: one per entry point.
  return handshake<LabApi>(new Worker(new URL('../../../workers/lab.worker.ts', import.meta.url), { type: 'module', name: 'vsdl-lab' }), LAB_WORKER_READY);
}

/** The lessons' own worker (the notebooks): started on demand, terminated to cancel a run. */
export function startLessonWorker(): Promise<Started<LessonWorker>> {
  if (typeof Worker === 'undefined') return Promise.reject(new Error('this browser has no web workers: the lessons cannot run'));
  return handshake<LessonApi<NotebookResult>>(new Worker(new URL('../../../workers/lesson.worker.ts', import.meta.url), { type: 'module', name: 'vsdl-lessons' }), LESSON_WORKER_READY);
}

/** The training lab's worker (TensorFlow.js and the digits load there, never in the page). */
export function startTrainWorker(): Promise<Started<TrainWorker>> {
  if (typeof Worker === 'undefined') return Promise.reject(new Error('this browser has no web workers: the training lab cannot run'));
  return handshake<TrainWorkerApi>(new Worker(new URL('../../../workers/train.worker.ts', import.meta.url), { type: 'module', name: 'vsdl-train' }), TRAIN_WORKER_READY);
}

function handshake<T>(worker: Worker, readyType: string): Promise<Started<Remote<T>>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('the computation worker did not start')), READY_TIMEOUT_MS);
    function fail(error: Error) {
      clearTimeout(timer);
      worker.terminate();
      reject(error);
    }
    worker.addEventListener('error', (event) => fail(new Error(`the computation worker failed to load: ${event.message || 'unknown error'}`)), { once: true });
    worker.addEventListener('message', function onMessage(event: MessageEvent) {
      if ((event.data as { type?: unknown } | null)?.type !== readyType) return;
      worker.removeEventListener('message', onMessage);
      clearTimeout(timer);
      resolve({ api: wrap<T>(worker), terminate: () => worker.terminate() });
    });
  });
}

export { proxy, transfer };
