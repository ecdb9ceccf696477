/**
 * Runs lessons in their worker, off the main thread. A cancel is sent to the run first; a notebook that computes
 * without yielding cannot hear it, so if the run is still going after a short grace its worker is terminated (every
 * run pending on it rejects as cancelled) and the next run starts a fresh one. Components take a `LessonRunner`,
 * so tests can give them a fake one.
 */
import type { LessonInfo, LessonProgress, LessonRun as Run } from '../../labs/index.js';
import type { NotebookResult } from '../../report/notebook.js';
import { proxy, startLessonWorker, type LessonWorker, type Started } from '../worker/client.js';
import { workerSlot } from '../worker/slot.js';

export type LessonRun = Run<NotebookResult>;
export type { LessonInfo, LessonProgress };

export interface LessonRunner {
  catalogue(): Promise<LessonInfo[]>;
  /** Runs lesson `key` as job `job` (the id the page's job runner gave it). */
  run(job: number, key: string, onProgress: (p: LessonProgress) => void): Promise<LessonRun>;
  /** Stops run `job`. */
  cancel(job: number): void;
  dispose(): void;
}

export function workerLessonRunner(start: () => Promise<Started<LessonWorker>> = startLessonWorker, graceMs?: number): LessonRunner {
  const slot = workerSlot<LessonWorker>(start, (api, job) => api.cancel(job));
  let catalogue: Promise<LessonInfo[]> | null = null;
  return {
    catalogue() {
      if (!catalogue) {
        const loading = slot.call(null, (api) => api.catalogue());
        catalogue = loading;
        loading.catch(() => {
          if (catalogue === loading) catalogue = null;
        });
      }
      return catalogue;
    },
    run: (job, key, onProgress) => slot.call(job, (api) => api.run(job, key, proxy((p: LessonProgress) => onProgress(p)))),
    cancel: (job) => slot.stop(job, graceMs),
    dispose: () => slot.dispose(),
  };
}
