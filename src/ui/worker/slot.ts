/**
 * A worker that one job owns: started on first use, and killed when a job does not stop in time. A cancel message
 * reaches a job only between its chunks of work; a job inside one long step (a dense spectrum of a few thousand
 * eigenvalues takes seconds) cannot hear it. So `stop` asks first and, if the job is still running after a short
 * grace period, terminates the worker: every call still pending on it rejects with a cancellation, and the next
 * call starts a fresh worker. A cancel therefore always takes effect within the grace period plus a terminate.
 *
 * Plain TypeScript, no Svelte: the worker proxy never enters reactive state.
 */
import { JobCancelled } from '../../labs/index.js';
import type { Started } from './client.js';

/** How long a job may take to hear a cancel message before its worker is terminated. */
export const STOP_GRACE_MS = 400;

export interface WorkerSlot<A> {
  /**
   * Runs `use` on the worker (started on first use) as job `job` (null: a call that is not a job, such as a
   * catalogue); rejects with JobCancelled if the worker is killed first.
   */
  call<T>(job: number | null, use: (api: A) => Promise<T>): Promise<T>;
  /** Asks job `job` to stop; terminates the worker if it is still running after `graceMs`. */
  stop(job: number, graceMs?: number): void;
  /** Terminates the worker now: pending calls reject with JobCancelled. */
  kill(): void;
  dispose(): void;
}

interface Pending {
  reject: (error: Error) => void;
}

export function workerSlot<A>(start: () => Promise<Started<A>>, cancel: (api: A, job: number) => unknown = () => undefined): WorkerSlot<A> {
  let worker: Promise<Started<A>> | null = null;
  const pending = new Map<number, Pending>();
  /** Keys for calls that are not jobs: negative, so they never meet a job id. */
  let untracked = 0;
  let disposed = false;

  function ensure(): Promise<Started<A>> {
    if (disposed) return Promise.reject(new JobCancelled());
    if (!worker) {
      const starting = start();
      worker = starting;
      // A failed start is not kept: the next call tries again.
      starting.catch(() => {
        if (worker === starting) worker = null;
      });
    }
    return worker;
  }

  function kill(): void {
    const current = worker;
    worker = null;
    current?.then((w) => w.terminate(), () => {});
    const waiting = [...pending.values()];
    pending.clear();
    for (const p of waiting) p.reject(new JobCancelled());
  }

  return {
    call(job, use) {
      const key = job ?? --untracked;
      return new Promise((resolve, reject) => {
        pending.set(key, { reject });
        ensure()
          .then((w) => use(w.api))
          .then(resolve, reject)
          .finally(() => pending.delete(key));
      });
    },
    stop(job, graceMs = STOP_GRACE_MS) {
      if (!pending.has(job)) return;
      const current = worker;
      current?.then((w) => Promise.resolve(cancel(w.api, job)).catch(() => {}), () => {});
      setTimeout(() => {
        // Still running on the same worker: it cannot hear the cancel, so the worker goes.
        if (pending.has(job) && worker === current) kill();
      }, graceMs);
    },
    kill,
    dispose() {
      disposed = true;
      kill();
    },
  };
}
