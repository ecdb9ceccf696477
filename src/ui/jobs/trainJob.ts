/**
 * The training lab's job: one run in the training worker, streamed epoch by epoch. A cancel asks the engine to stop
 * after its current step (it yields every 25 ms), and terminates the worker if it has not stopped within the
 * slot's grace period; either way the epochs already streamed stay in the job's items.
 */
import type { TrainProgress } from '../../core/train/train.js';
import { trainEstimate, trainParamsOf, type EpochUpdate, type TrainLabValues, type TrainOutcome } from '../../labs/index.js';
import { proxy, startTrainWorker, type Started, type TrainWorker } from '../worker/client.js';
import { workerSlot } from '../worker/slot.js';
import { createJob, type Job } from './job.js';

export type TrainJob = Job<TrainLabValues, TrainOutcome, EpochUpdate> & { disposeWorker(): void };

/** Values that train the same network: the shown layer is a view, not a parameter. */
const trainKey = (v: TrainLabValues): string => JSON.stringify(trainParamsOf(v));

export function createTrainJob(start: () => Promise<Started<TrainWorker>> = startTrainWorker): TrainJob {
  const slot = workerSlot<TrainWorker>(start, (api, job) => api.cancel(job));
  const job = createJob<TrainLabValues, TrainOutcome, EpochUpdate>({
    start: (id, values, sink) =>
      slot.call(id, (api) =>
        api.run(
          id,
          trainParamsOf(values),
          'auto',
          proxy((update: EpochUpdate) => {
            if (update.epoch.epoch === 0) performance.mark('train:first-epoch');
            sink.item(update);
          }),
          // Progress in epochs ("2 / 5"), moving within an epoch by its share of the run's steps.
          proxy((p: TrainProgress) => sink.progress({ done: p.fraction * p.epochs, total: p.epochs })),
        ),
      ),
    stop: (id) => slot.stop(id),
    estimate: trainEstimate,
    key: trainKey,
  });
  // Assigned onto the job, not spread: its `state` is a getter.
  return Object.assign(job, { disposeWorker: () => slot.dispose() });
}
