// Page side of test/workers/train.browser.test.ts: drives the training worker and the lessons worker the way the
// sandbox does (comlink, ready message first) and returns plain data for the test in Node to check.
import { proxy, wrap, type Remote } from 'comlink';
import { LESSON_WORKER_READY, type LessonApi } from '../../../src/labs/index.js';
import type { TrainParams } from '../../../src/core/train/index.js';
import type { NotebookResult } from '../../../src/report/notebook.js';
import type { EpochUpdate, TrainApi } from '../../../workers/trainApi.js';
import { TRAIN_WORKER_READY } from '../../../workers/trainProtocol.js';

async function ready<T>(worker: Worker, message: string): Promise<Remote<T>> {
  await new Promise<void>((resolve, reject) => {
    worker.addEventListener('message', (e) => e.data?.type === message && resolve());
    worker.addEventListener('error', (e) => reject(new Error(e.message)));
  });
  return wrap<T>(worker);
}

const trainWorker = () => ready<TrainApi>(new Worker(new URL('../../../workers/train.worker.ts', import.meta.url), { type: 'module' }), TRAIN_WORKER_READY);

const api = {
  /** A whole run: the record, and when each epoch arrived (ms after the call) with its spectra's sizes. */
  async run(params: Partial<TrainParams>) {
    const worker = await trainWorker();
    const start = performance.now();
    const updates: { epoch: number; ms: number; backend: string; spectra: [string, number, number][] }[] = [];
    const onEpoch = proxy((u: EpochUpdate) => {
      updates.push({ epoch: u.epoch.epoch, ms: performance.now() - start, backend: u.backend, spectra: u.spectra.map((s) => [s.name, s.eigenvalues.length, s.eigenvalues[s.eigenvalues.length - 1]]) });
    });
    const outcome = await worker.run(1, params, 'auto', onEpoch);
    return { record: outcome.record, updates, ms: performance.now() - start };
  },
  /** Cancels once epoch `after` has arrived; returns when epochs arrived, how long the run took to stop and what it kept. */
  async cancel(params: Partial<TrainParams>, after: number) {
    const start = performance.now();
    const worker = await trainWorker();
    let cancelledAt = 0;
    const arrived: number[] = [];
    const onEpoch = proxy((u: EpochUpdate) => {
      arrived.push(performance.now() - start);
      if (u.epoch.epoch === after && !cancelledAt) {
        cancelledAt = performance.now();
        void worker.cancel(2);
      }
    });
    const outcome = await worker.run(2, params, 'auto', onEpoch);
    return { record: outcome.record, stopMs: performance.now() - cancelledAt, arrived };
  },
  /** A lesson's small version in the lessons worker: its checks and how long it took. */
  async lesson(key: string) {
    const worker = await ready<LessonApi<NotebookResult>>(new Worker(new URL('../../../workers/lesson.worker.ts', import.meta.url), { type: 'module' }), LESSON_WORKER_READY);
    const run = await worker.run(3, key);
    return { checks: run.result.checks, figures: run.result.figures.length, answers: run.answers, millis: run.millis };
  },
};

(globalThis as unknown as { vsdlTrain: typeof api }).vsdlTrain = api;
