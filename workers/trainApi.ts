/**
 * The training worker's interface: a run streams every epoch (its record and each analysed layer's eigenvalues,
 * transferred) and a cancel stops it within one step plus a yield (the engine yields every 25 ms), resolving with
 * the epochs done. The backend (WebGL on a hardware GPU, WebAssembly otherwise) is said in the record.
 */
import { transfer } from 'comlink';
import { weightSpectrum } from '../src/core/analyze/index.js';
import { train, TrainAbortError, type EpochRecord, type ParameterTensor, type RunStatus, type TrainParams, type TrainProgress, type TrainRecord } from '../src/core/train/index.js';
import { browserPlatform, type BrowserBackend } from './compute/trainingPlatform.js';

export interface EpochUpdate {
  epoch: EpochRecord;
  status: RunStatus;
  backend: string;
  /** Eigenvalues of WᵀW (ascending) of every analysed layer, in the record's order. */
  spectra: { name: string; eigenvalues: Float64Array }[];
}

export interface TrainOutcome {
  record: TrainRecord;
  /** Wall-clock seconds from the call to the end. */
  seconds: number;
}

function checkJobId(jobId: unknown): number {
  if (typeof jobId !== 'number' || !Number.isSafeInteger(jobId)) throw new TypeError(`invalid job id ${String(jobId)}: allowed: an integer`);
  return jobId;
}

function spectra(epoch: EpochRecord, tensors: ParameterTensor[]): EpochUpdate['spectra'] {
  return epoch.layers.map((l) => {
    const t = tensors.find((x) => x.name === l.name)!;
    return { name: l.name, eigenvalues: weightSpectrum(t, t.layout).eigenvalues };
  });
}

export function createTrainApi() {
  const jobs = new Map<number, AbortController>();
  return {
    async run(
      jobId: number,
      params: Partial<TrainParams>,
      backend: BrowserBackend = 'auto',
      onEpoch?: (update: EpochUpdate) => void,
      onProgress?: (progress: TrainProgress) => void,
    ): Promise<TrainOutcome> {
      const id = checkJobId(jobId);
      const start = performance.now();
      const controller = new AbortController();
      jobs.set(id, controller);
      try {
        const platform = browserPlatform(backend);
        const name = await platform.ready();
        const mnist = params.data === 'teacher' ? undefined : await platform.mnist();
        const { record } = await train(params, {
          mnist,
          signal: controller.signal,
          onProgress: (p) => void onProgress?.(p),
          onEpoch: (epoch, snapshot, tensors) => {
            const update: EpochUpdate = { epoch, status: snapshot.status, backend: name, spectra: spectra(epoch, tensors) };
            void onEpoch?.(transfer(update, update.spectra.map((s) => s.eigenvalues.buffer as ArrayBuffer)));
          },
        });
        return { record, seconds: (performance.now() - start) / 1000 };
      } catch (error) {
        if (error instanceof TrainAbortError) return { record: error.record, seconds: (performance.now() - start) / 1000 };
        throw error;
      } finally {
        jobs.delete(id);
      }
    },
    cancel(jobId: number): boolean {
      const job = jobs.get(checkJobId(jobId));
      job?.abort();
      return job !== undefined;
    },
  };
}

export type TrainApi = ReturnType<typeof createTrainApi>;
