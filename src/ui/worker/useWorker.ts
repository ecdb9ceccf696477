/**
 * Component glue for a lab's worker: started on mount; on destroy the lab's jobs are disposed and the worker is
 * terminated. The worker proxy stays out of reactive state: Svelte must never probe a comlink proxy's properties.
 */
import { onMount } from 'svelte';
import { errorText } from '../../labs/index.js';
import { startLabWorker, type LabWorker } from './client.js';

export interface LabWorkerHandle {
  /** The worker's API; throws until the worker has started. */
  api(): LabWorker;
  /** Asks the worker to stop a job (nothing when the worker has not started). */
  stop(job: number): void;
  /** Ties a job to the component: it is disposed when the component is destroyed. */
  own<J extends { dispose(): void }>(job: J): J;
}

export function useLabWorker(onReady: () => void, onFail: (message: string) => void): LabWorkerHandle {
  let api: LabWorker | null = null;
  const owned: { dispose(): void }[] = [];
  onMount(() => {
    let terminate: (() => void) | null = null;
    let destroyed = false;
    startLabWorker().then(
      (worker) => {
        if (destroyed) return worker.terminate();
        terminate = worker.terminate;
        api = worker.api;
        onReady();
      },
      (error) => onFail(errorText(error)),
    );
    return () => {
      destroyed = true;
      for (const job of owned) job.dispose();
      terminate?.();
      api = null;
    };
  });
  return {
    api() {
      if (!api) throw new Error('the computation worker is not ready yet');
      return api;
    },
    stop(job) {
      void api?.cancel(job);
    },
    own(job) {
      owned.push(job);
      return job;
    },
  };
}
