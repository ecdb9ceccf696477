/**
 * Runs lessons in their worker, off the main thread. Cancel terminates the worker (a notebook that computes without
 * yielding could not hear a cancel message) and rejects the pending run; the next run starts a fresh worker.
 * Components take a `LessonRunner`, so tests can give them a fake one.
 */
import type { LessonInfo, LessonProgress, LessonRun } from '../../../workers/compute/lessons.js';
import { newJobId, proxy, startLessonWorker, type LessonWorker } from '../worker/client.js';

export type { LessonInfo, LessonProgress, LessonRun };

export interface LessonRunner {
  catalogue(): Promise<LessonInfo[]>;
  run(key: string, onProgress: (p: LessonProgress) => void): Promise<LessonRun>;
  cancel(): void;
  dispose(): void;
}

export class LessonCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

type Started = { api: LessonWorker; terminate(): void };

export function workerLessonRunner(start: () => Promise<Started> = startLessonWorker): LessonRunner {
  let worker: Promise<Started> | null = null;
  let catalogue: Promise<LessonInfo[]> | null = null;
  let abort: ((error: Error) => void) | null = null;

  function ensure(): Promise<Started> {
    if (!worker) {
      worker = start();
      // A failed start is not kept: the next call tries again.
      worker.catch(() => (worker = null));
    }
    return worker;
  }

  function stop() {
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
    run(key, onProgress) {
      const jobId = newJobId();
      const cancelled = new Promise<never>((_, reject) => (abort = reject));
      const work = ensure().then((w) => w.api.run(jobId, key, proxy((p: LessonProgress) => onProgress(p))));
      return Promise.race([work, cancelled]).finally(() => (abort = null));
    },
    cancel() {
      if (!abort) return;
      abort(new LessonCancelled());
      abort = null;
      stop();
    },
    dispose() {
      abort?.(new LessonCancelled());
      abort = null;
      stop();
    },
  };
}
