/**
 * The training worker's interface: a run streams every epoch (its record and each analysed layer's eigenvalues,
 * transferred) and a cancel stops it within one step plus a yield (the engine yields every 25 ms), resolving with
 * the epochs done. The backend (WebGL on a hardware GPU, WebAssembly otherwise) is said in the record.
 * docs/training.md ("The training worker") documents this interface for pages.
 */
import { transfer } from 'comlink';
import { weightSpectrum } from '../src/core/analyze/index.js';
import { train, TrainAbortError, type EpochRecord, type ParameterTensor, type TrainParams, type TrainProgress } from '../src/core/train/index.js';
import type { EpochUpdate, TrainOutcome, TrainWorkerApi } from '../src/labs/train.js';
import { browserPlatform, type BrowserBackend } from './compute/trainingPlatform.js';
import { createJobRegistry } from './jobRegistry.js';

export type { EpochUpdate, TrainOutcome };

function spectra(epoch: EpochRecord, tensors: ParameterTensor[]): EpochUpdate['spectra'] {
  return epoch.layers.map((l) => {
    const t = tensors.find((x) => x.name === l.name)!;
    return { name: l.name, eigenvalues: weightSpectrum(t, t.layout).eigenvalues };
  });
}

export function createTrainApi(): TrainWorkerApi {
  const jobs = createJobRegistry();
  return {
    run: (
      jobId: number,
      params: Partial<TrainParams>,
      backend: BrowserBackend = 'auto',
      onEpoch?: (update: EpochUpdate) => void,
      onProgress?: (progress: TrainProgress) => void,
    ): Promise<TrainOutcome> =>
      jobs.run(jobId, async (signal) => {
        const start = performance.now();
        try {
          const platform = browserPlatform(backend);
          const name = await platform.ready();
          const mnist = params.data === 'teacher' ? undefined : await platform.mnist();
          const { record } = await train(params, {
            mnist,
            signal,
            onProgress: (p) => void onProgress?.(p),
            onEpoch: (epoch, snapshot, tensors) => {
              const { epochs: _, ...header } = snapshot;
              const update: EpochUpdate = { epoch, status: snapshot.status, backend: name, header, spectra: spectra(epoch, tensors) };
              void onEpoch?.(transfer(update, update.spectra.map((s) => s.eigenvalues.buffer as ArrayBuffer)));
            },
          });
          return { record, seconds: (performance.now() - start) / 1000 };
        } catch (error) {
          // A cancelled run keeps its epochs: it resolves with the record (status interrupted) instead of rejecting.
          if (error instanceof TrainAbortError) return { record: error.record, seconds: (performance.now() - start) / 1000 };
          throw error;
        }
      }),
    cancel: (jobId: number): boolean => jobs.cancel(jobId),
  };
}

export type TrainApi = TrainWorkerApi;
