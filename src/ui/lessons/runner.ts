/**
 * Runs lessons in their worker, off the main thread. Cancel terminates the worker (a notebook that computes without
 * yielding could not hear a cancel message) and rejects the pending run; the next run starts a fresh worker.
 * Components take a `LessonRunner`, so tests can give them a fake one.
 */
import { JobCancelled, type LessonInfo, type LessonProgress, type LessonRun as Run } from '../../labs/index.js';
import type { NotebookResult } from '../../report/notebook.js';
import { proxy, startLessonWorker, type LessonWorker, type Started } from '../worker/client.js';

export type LessonRun = Run<NotebookResult>;
export type { LessonInfo, LessonProgress };

export interface LessonRunner {
  catalogue(): Promise<LessonInfo[]>;
  /** Runs lesson `key` as job `job` (the id the page's job runner gave it). */
  run(job: number, key: string, onProgress: (p: LessonProgress) => void): Promise<LessonRun>;
  cancel(): void;
  dispose(): void;
}

export function workerLessonRunner(start: () => Promise<Started<LessonWorker>> = startLessonWorker): LessonRunner {
  let worker: Promise<Started<LessonWorker>> | null = null;
  let catalogue: Promise<LessonInfo[]> | null = null;
  let abort: ((error: Error) => void) | null = null;

  function ensure(): Promise<Started<LessonWorker>> {
    if (!worker) {
      worker = start();
      // A failed start is not kept: the next call tries again.
      worker.catch(() => (worker = null));
    }
    return worker;
  }

  function stop() {
    abort?.(new JobCancelled());
    abort = null;
    const current = worker;
    worker = null;
    current?.then((w) => w.terminate(), () => {});
  }

  return {
    catalogue() {
      if (!catalogue) {
        catalogue = ensure().then((w) => w.api.catalogue());
        catalogue.catch(() => (catalogue = null));
      }
      return catalogue;
    },
    run(job, key, onProgress) {
      let reject: (error: Error) => void = () => {};
      const cancelled = new Promise<never>((_, fail) => (abort = reject = fail));
      const work = ensure().then((w) => w.api.run(job, key, proxy((p: LessonProgress) => onProgress(p))));
      return Promise.race([work, cancelled]).finally(() => {
        if (abort === reject) abort = null;
      });
    },
    cancel() {
      if (abort) stop();
    },
    dispose: stop,
  };
}
