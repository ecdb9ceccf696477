/**
 * A worker that one job owns: started on first use, and replaced when a job does not stop in time. A cancel message
 * reaches a job only between its chunks of work; a job inside one long step (a dense spectrum of a few thousand
 * eigenvalues takes seconds) cannot hear it. So `stop` asks first and, if the job is still running after a short
 * grace period, terminates its worker: the stopped job rejects as cancelled, and calls that were waiting behind it
 * (a newer job started during the grace) are sent again to a fresh worker. A cancel therefore always takes effect
 * within the grace period plus a terminate, and never takes a newer job down with it.
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
   * catalogue); rejects with JobCancelled if the job is stopped by terminating its worker, or the slot is disposed.
   */
  call<T>(job: number | null, use: (api: A) => Promise<T>): Promise<T>;
  /** Asks job `job` to stop; terminates its worker if it is still running after `graceMs`. */
  stop(job: number, graceMs?: number): void;
  /** Terminates the worker now: every pending call rejects with JobCancelled. */
  kill(): void;
  dispose(): void;
}

interface Instance<A> {
  started: Promise<Started<A>>;
}

interface Pending<A> {
  use: (api: A) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  /** The worker it was sent to. */
  on: Instance<A>;
  /** Whether it was asked to stop (a terminate then cancels it rather than sending it again). */
  stopping: boolean;
}

export function workerSlot<A>(start: () => Promise<Started<A>>, cancel: (api: A, job: number) => unknown = () => undefined): WorkerSlot<A> {
  let current: Instance<A> | null = null;
  const pending = new Map<number, Pending<A>>();
  /** Keys for calls that are not jobs: negative, so they never meet a job id. */
  let untracked = 0;
  let disposed = false;

  function instance(): Instance<A> {
    if (!current) {
      const made: Instance<A> = { started: start() };
      current = made;
      // A failed start is not kept: the next call tries again.
      made.started.catch(() => {
        if (current === made) current = null;
      });
    }
    return current;
  }

  function send(key: number, entry: Pending<A>): void {
    if (disposed) return entry.reject(new JobCancelled());
    const on = instance();
    entry.on = on;
    on.started
      .then((w) => entry.use(w.api))
      .then(
        (value) => {
          if (pending.get(key) !== entry || entry.on !== on) return;
          pending.delete(key);
          entry.resolve(value);
        },
        (error: Error) => {
          if (pending.get(key) !== entry || entry.on !== on) return;
          pending.delete(key);
          entry.reject(error);
        },
      );
  }

  /** Terminates one worker: its stopped calls (all of them, when `all`) reject, the others go to a fresh worker. */
  function terminate(on: Instance<A>, all: boolean): void {
    if (current === on) current = null;
    on.started.then((w) => w.terminate(), () => {});
    for (const [key, entry] of [...pending]) {
      if (entry.on !== on) continue;
      if (all || entry.stopping) {
        pending.delete(key);
        entry.reject(new JobCancelled());
      } else send(key, entry);
    }
  }

  function kill(): void {
    const workers = new Set<Instance<A>>([...pending.values()].map((p) => p.on));
    if (current) workers.add(current);
    for (const on of workers) terminate(on, true);
  }

  return {
    call(job, use) {
      const key = job ?? --untracked;
      return new Promise((resolve, reject) => {
        const entry: Pending<A> = { use, resolve: resolve as (value: unknown) => void, reject, on: null as never, stopping: false };
        pending.set(key, entry);
        send(key, entry);
      });
    },
    stop(job, graceMs = STOP_GRACE_MS) {
      const entry = pending.get(job);
      if (!entry) return;
      entry.stopping = true;
      const on = entry.on;
      on.started.then((w) => Promise.resolve(cancel(w.api, job)).catch(() => {}), () => {});
      setTimeout(() => {
        // Still running on the same worker: it cannot hear the cancel, so the worker goes.
        if (pending.get(job) === entry && entry.on === on) terminate(on, false);
      }, graceMs);
    },
    kill,
    dispose() {
      disposed = true;
      kill();
    },
  };
}
