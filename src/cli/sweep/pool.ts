import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MonteCarloAbortError, type CellControl, type CellResult, type SweepBackend, type ResolvedCellParams } from '../../core/vsdl/index.js';
import { deserializeError, type FromWorker, type ToWorker } from './messages.js';

/**
 * A pool of worker threads running sweep cells in parallel, as a SweepBackend: runSweep with concurrency = size
 * keeps every worker busy. Each worker runs runCell, so results are bit-identical to the CPU backend's.
 * Cancellation: the caller's signal is polled at every progress message (one per block of sweeps) and turned
 * into an 'abort' message.
 */

export interface SweepPool extends SweepBackend {
  readonly size: number;
  close(): Promise<void>;
}

/** The compiled worker entry beside this module (dist/cli/sweep/worker.js). */
export function defaultSweepWorkerUrl(): URL {
  return new URL('./worker.js', import.meta.url);
}

/** Whether the worker entry exists (it does once built; not when this module runs from its TypeScript source). */
export function sweepWorkerAvailable(url: URL = defaultSweepWorkerUrl()): boolean {
  return url.protocol === 'file:' && existsSync(fileURLToPath(url));
}

/** All cores but one on larger machines (the main thread only waits and writes files); all of them on 1–4. */
export function defaultWorkerCount(): number {
  const cores = availableParallelism();
  return Math.max(1, cores > 4 ? cores - 1 : cores);
}

interface Task {
  id: number;
  control: CellControl;
  resolve: (result: CellResult) => void;
  reject: (error: unknown) => void;
  abortSent: boolean;
}

interface Slot {
  worker: Worker;
  /** Claimed by a runCell call (set synchronously, before the task exists, so no two calls share a worker). */
  busy: boolean;
  task: Task | null;
}

export function createSweepPool(size: number, workerUrl: URL = defaultSweepWorkerUrl()): SweepPool {
  let nextId = 0;
  let closed = false;
  const slots: Slot[] = [];
  const waiting: ((slot: Slot) => void)[] = [];

  const release = (slot: Slot) => {
    slot.task = null;
    slot.busy = false;
    const waiter = waiting.shift();
    if (waiter) {
      slot.busy = true;
      waiter(slot);
    }
  };

  const spawn = (): Slot => {
    const slot: Slot = { worker: new Worker(workerUrl), busy: false, task: null };
    slot.worker.on('message', (message: FromWorker) => {
      const task = slot.task;
      if (!task || task.id !== message.id) return;
      if (message.type === 'progress') {
        task.control.onProgress?.(message.fraction);
        if (task.control.signal?.aborted && !task.abortSent) {
          task.abortSent = true;
          slot.worker.postMessage({ type: 'abort', id: task.id } satisfies ToWorker);
        }
        return;
      }
      release(slot);
      if (message.type === 'done') task.resolve(message.result);
      else task.reject(deserializeError(message.error, task.control.signal?.reason));
    });
    // A worker that dies takes its cell with it; a fresh one takes its place for the next cell.
    const fail = (error: unknown) => {
      const task = slot.task;
      const index = slots.indexOf(slot);
      if (index < 0) return;
      if (!closed) slots[index] = spawn();
      if (task) task.reject(error instanceof Error ? error : new Error(`sweep worker stopped: ${String(error)}`));
      if (!closed) release(slots[index]!);
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      if (!closed) fail(new Error(`sweep worker exited with code ${code}`));
    });
    return slot;
  };
  for (let k = 0; k < size; k++) slots.push(spawn());

  const acquire = (): Promise<Slot> => {
    const idle = slots.find((slot) => !slot.busy);
    if (!idle) return new Promise((resolve) => waiting.push(resolve));
    idle.busy = true;
    return Promise.resolve(idle);
  };

  return {
    name: 'cpu',
    size,
    async runCell(params: ResolvedCellParams, control: CellControl): Promise<CellResult> {
      if (closed) throw new Error('the sweep pool is closed');
      const slot = await acquire();
      if (control.signal?.aborted) {
        release(slot);
        throw new MonteCarloAbortError(control.signal.reason);
      }
      return new Promise<CellResult>((resolve, reject) => {
        const task: Task = { id: nextId++, control, resolve, reject, abortSent: false };
        slot.task = task;
        slot.worker.postMessage({ type: 'run', id: task.id, params } satisfies ToWorker);
      });
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
