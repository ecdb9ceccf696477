/**
 * One job runner for everything the page computes off the main thread. A job is started with parameters; starting
 * another supersedes it (the worker is told to stop it, or, for work that cannot stop, the next one waits and only
 * the newest runs); its progress, streamed items (rows, cells) and result reach the state only while it is the
 * latest, so a slow reply from an older job can never overwrite a newer picture. A job may announce what it will
 * cost and wait for a confirmation before it starts.
 *
 * Plain TypeScript, no Svelte: the state is a store (the `subscribe` contract Svelte's `$job` reads), it lives as
 * long as the Job object, not as long as a component, and tests drive it directly.
 */
import { errorText, isCancelled, type Estimate, type Progress } from '../../labs/index.js';

export type JobStatus = 'idle' | 'asking' | 'running' | 'done' | 'cancelled' | 'failed';

export interface JobState<P, R, I> {
  status: JobStatus;
  /** Parameters of the latest job (running, ended, or waiting for a confirmation); null before the first. */
  params: P | null;
  progress: Progress | null;
  /** What the latest job has streamed so far, in arrival order (emptied when a job starts). */
  items: readonly I[];
  /** The result of the latest job that completed: kept while the next one runs, so a picture can stay up. */
  result: R | null;
  /**
   * The parameters `result` was computed with (null with it): what an export of the result records, since
   * `params` and the controls may have moved on to a job that is asking, running, cancelled or failed.
   */
  resultParams: P | null;
  /** Why the latest job failed ('' unless status is 'failed'). */
  error: string;
  /** What the latest job costs by its estimate: while it waits for a confirmation ('asking') and while it runs. */
  estimate: Estimate | null;
}

/** Where a running job reports to; calls from a superseded or stopped job are ignored. */
export interface JobSink<I> {
  progress: (progress: Progress) => void;
  item: (item: I) => void;
}

export interface JobSpec<P, R, I = never> {
  /** Starts the work (in a worker) and resolves with its complete result; `id` names it for `stop`. */
  start: (id: number, params: P, sink: JobSink<I>) => Promise<R>;
  /** Asks the work to stop (best effort: it rejects with a cancellation later). Absent: the work cannot stop. */
  stop?: (id: number) => void;
  /** The cost of a job before it starts; when it says `ask`, the job waits for `confirm()`. */
  estimate?: (params: P) => Estimate | null;
  /**
   * A start while a job runs: 'cancel' (default) stops it and starts at once; 'queue' lets it finish unseen and
   * then starts only the newest parameters (for work that cannot stop, such as slider-driven redraws).
   */
  whenBusy?: 'cancel' | 'queue';
  /**
   * What makes two parameter sets the same job (default: their JSON text): a job reads only some of the values it
   * is given, and a change to the others does not make its result stale.
   */
  key?: (params: P) => string;
}

export interface Job<P, R, I = never> {
  subscribe(run: (state: JobState<P, R, I>) => void): () => void;
  readonly state: JobState<P, R, I>;
  /** Starts a job with these parameters (or asks first), superseding the current one. */
  run(params: P): void;
  /**
   * Runs these parameters unless the latest job (whatever its state: running, done, asking, cancelled, failed) had
   * the same key: a view that comes back, or a history step to the same settings, does not compute again.
   */
  ensure(params: P): void;
  /** Whether the latest job's parameters have the same key as these (its items and result describe them). */
  matches(params: P): boolean;
  /** Starts the job that is waiting for a confirmation ("run anyway"). */
  confirm(): void;
  /** Stops the current job (or drops the one waiting); its items so far and the last result stay. */
  cancel(): void;
  /** Stops the current job and forgets everything: back to the state before the first job. */
  reset(): void;
  /** Stops the current job for good; later calls do nothing. */
  dispose(): void;
}

/** Ids are unique across every job of the page, so jobs that share a worker never mix theirs up. */
let lastId = 0;

const blank = <P, R, I>(): JobState<P, R, I> => ({ status: 'idle', params: null, progress: null, items: [], result: null, resultParams: null, error: '', estimate: null });

export function createJob<P, R, I = never>(spec: JobSpec<P, R, I>): Job<P, R, I> {
  let state: JobState<P, R, I> = blank();
  const listeners = new Set<(state: JobState<P, R, I>) => void>();
  /** The latest job started; only its calls reach the state, and only while it runs. */
  let current = 0;
  /** In 'queue' mode: whether a job is in flight (seen or not), and the newest parameters waiting for it. */
  let inFlight = false;
  let queued: { params: P; estimate: Estimate | null } | null = null;
  let disposed = false;
  const keyOf = spec.key ?? ((params: P) => JSON.stringify(params));
  const matches = (params: P) => state.params !== null && keyOf(state.params) === keyOf(params);

  function set(patch: Partial<JobState<P, R, I>>): void {
    state = { ...state, ...patch };
    for (const listener of listeners) listener(state);
  }
  const live = (id: number) => id === current && state.status === 'running';

  /** Makes the current job's later calls stale, telling it to stop if it can. */
  function supersede(): void {
    if (current !== 0 && state.status === 'running') spec.stop?.(current);
    current = 0;
    queued = null;
  }

  function launch(params: P, estimate: Estimate | null): void {
    supersede();
    set({ status: 'running', params, progress: null, items: [], error: '', estimate });
    if (spec.whenBusy === 'queue' && inFlight) {
      queued = { params, estimate };
      return;
    }
    const id = ++lastId;
    current = id;
    inFlight = true;
    const sink: JobSink<I> = {
      progress: (progress) => live(id) && set({ progress }),
      item: (item) => live(id) && set({ items: [...state.items, item] }),
    };
    let settled: Promise<R>;
    try {
      settled = spec.start(id, params, sink);
    } catch (error) {
      settled = Promise.reject(error);
    }
    settled.then(
      (result) => live(id) && set({ status: 'done', result, resultParams: params }),
      (error: unknown) => live(id) && set(isCancelled(error) ? { status: 'cancelled' } : { status: 'failed', error: errorText(error) }),
    ).finally(() => {
      inFlight = false;
      const next = queued;
      queued = null;
      if (next && !disposed) launch(next.params, next.estimate);
    });
  }

  function run(params: P): void {
    if (disposed) return;
    let estimate: Estimate | null;
    try {
      estimate = spec.estimate?.(params) ?? null;
    } catch (error) {
      // Parameters the estimate refuses are parameters the work would refuse: say why instead of starting.
      supersede();
      set({ status: 'failed', params, progress: null, items: [], error: errorText(error), estimate: null });
      return;
    }
    if (estimate?.ask) {
      supersede();
      set({ status: 'asking', params, estimate, progress: null, error: '' });
      return;
    }
    launch(params, estimate);
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      listener(state);
      return () => void listeners.delete(listener);
    },
    get state() {
      return state;
    },
    ensure(params) {
      if (!matches(params)) run(params);
    },
    matches,
    run,
    confirm() {
      if (disposed || state.status !== 'asking' || state.params === null) return;
      launch(state.params, state.estimate);
    },
    cancel() {
      if (state.status !== 'running' && state.status !== 'asking') return;
      supersede();
      set({ status: 'cancelled', estimate: null });
    },
    reset() {
      supersede();
      set(blank());
    },
    dispose() {
      supersede();
      disposed = true;
      listeners.clear();
    },
  };
}
