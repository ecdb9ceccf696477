import { cpuSweepBackend, type SweepBackend } from '../../core/vsdl/index.js';
import { createSweepPool, defaultWorkerCount, sweepWorkerAvailable } from './pool.js';

/** Choosing where `vsdl sweep` runs its cells: --backend auto|cpu|gpu and --workers. */

import { BACKEND_REQUESTS, type BackendRequest } from '../../core/backends.js';

export const SWEEP_BACKEND_CHOICES = BACKEND_REQUESTS;
export type SweepBackendChoice = BackendRequest;

export interface ChosenSweepBackend {
  backend: SweepBackend;
  /** Cells in flight at once. */
  concurrency: number;
  close(): Promise<void>;
}

/**
 * The GPU backend: gpu.js kernels that run all pending cells of a sweep in shared launches (Ising students).
 * Imported on demand: loading gpu.js cost every other command about 0.2 s of CPU at start-up.
 */
async function loadGpuBackend(): Promise<SweepBackend> {
  const { createGpuBackend } = await import('../../gpu/index.js');
  return createGpuBackend() as unknown as SweepBackend;
}

/** Cells in flight: --workers, else one per core for the CPU pool (one when running from source) and one for a GPU. */
export function workerCount(choice: SweepBackendChoice, workers: number | undefined): number {
  if (workers !== undefined) return workers;
  if (choice === 'gpu') return 1;
  return sweepWorkerAvailable() ? defaultWorkerCount() : 1;
}

/**
 * auto: the CPU for now: in Node gpu.js runs its kernels on the CPU (docs/theory.md, "GPU and browsers"), so the GPU backend wins only
 * where it finds a real device; choose it explicitly with --backend gpu.
 * cpu: this thread for one worker, a worker-thread pool for more.
 */
export async function chooseSweepBackend(choice: SweepBackendChoice, workers: number | undefined): Promise<ChosenSweepBackend> {
  const count = workerCount(choice, workers);
  if (choice === 'gpu') {
    return { backend: await loadGpuBackend(), concurrency: count, close: async () => {} };
  }
  if (count === 1) return { backend: cpuSweepBackend, concurrency: 1, close: async () => {} };
  if (!sweepWorkerAvailable()) throw new Error('the compiled sweep worker (dist/cli/sweep/worker.js) is missing; run `npm run build`, or use --workers 1');
  const pool = createSweepPool(count);
  return { backend: pool, concurrency: count, close: () => pool.close() };
}
