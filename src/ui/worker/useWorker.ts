/** Component glue: start the lab worker on mount, terminate it on destroy, report a failed start. */
import { onMount } from 'svelte';
import { startLabWorker, errorText, type LabWorker } from './client.js';

export function useLabWorker(onReady: (api: LabWorker) => void, onFail: (message: string) => void): void {
  onMount(() => {
    let terminate: (() => void) | null = null;
    let destroyed = false;
    startLabWorker().then(
      (worker) => {
        if (destroyed) return worker.terminate();
        terminate = worker.terminate;
        onReady(worker.api);
      },
      (error) => onFail(errorText(error)),
    );
    return () => {
      destroyed = true;
      terminate?.();
    };
  });
}
