import { ParameterError } from '../errors.js';
import { callback } from '../validate.js';
import type { KernelJob, KernelReply, KernelRequest, KernelThreads } from './threads.js';

/**
 * A pool of workers that run kernel jobs together, whatever the workers are: the host spawns them (worker_threads
 * in Node, web workers in the browser) and this module does the rest, the same way for both.
 */

/** A worker as the pool sees it; `spawn` makes one that answers each request with `answerKernelRequest`. */
export interface PoolWorker {
  post(request: KernelRequest): void;
  /** Called once, right after spawning: where the worker's replies and its failure (an error, an exit) go. */
  listen(onReply: (reply: KernelReply) => void, onFailure: (error: Error) => void): void;
  terminate(): void;
  /** Optional: whether a job is running (a Node worker keeps the process alive only then). */
  busy?(busy: boolean): void;
}

export interface KernelPool extends KernelThreads {
  /** Stops every worker; jobs not yet finished reject. */
  close(): void;
}

interface Running {
  id: number;
  replies: number;
  value: number;
  resolve: (value: number) => void;
  reject: (error: Error) => void;
}

export function createKernelPool(size: number, spawn: () => PoolWorker): KernelPool {
  if (!Number.isInteger(size) || size < 1) throw new ParameterError('size', size, 'an integer ≥ 1');
  callback('spawn', spawn);
  let workers: PoolWorker[] = [];
  let running: Running | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 0;
  let closed = false;

  const fail = (error: Error) => {
    const job = running;
    running = null;
    // Threads of a job wait for each other: when one fails, the others may wait forever, so all go. Fresh ones
    // are spawned by the next job, not here: a worker that cannot start must not respawn in a loop.
    for (const worker of workers) worker.terminate();
    workers = [];
    job?.reject(error);
  };

  const start = (): PoolWorker[] =>
    Array.from({ length: size }, () => {
      const worker = spawn();
      worker.listen(
        (reply) => {
          const job = running;
          if (!job || reply.id !== job.id || !workers.includes(worker)) return;
          if ('error' in reply) return fail(new Error(`kernel thread failed: ${reply.error}`));
          job.value = Math.max(job.value, reply.value);
          if (++job.replies < size) return;
          running = null;
          for (const w of workers) w.busy?.(false);
          job.resolve(job.value);
        },
        (error) => {
          if (workers.includes(worker)) fail(new Error(`kernel thread stopped: ${error.message}`));
        },
      );
      return worker;
    });
  // Spawned now, so that they start while the caller prepares its first job.
  workers = start();

  const runNow = (job: KernelJob): Promise<number> =>
    new Promise<number>((resolve, reject) => {
      if (closed) return reject(new Error('the kernel pool is closed'));
      if (workers.length === 0) workers = start();
      const id = nextId++;
      running = { id, replies: 0, value: 0, resolve, reject };
      workers.forEach((worker, thread) => {
        worker.busy?.(true);
        worker.post({ id, job, thread });
      });
    });

  return {
    size,
    run(job: KernelJob): Promise<number> {
      const result = queue.then(() => runNow(job));
      queue = result.catch(() => undefined);
      return result;
    },
    close() {
      if (closed) return;
      closed = true;
      fail(new Error('the kernel pool is closed'));
    },
  };
}
