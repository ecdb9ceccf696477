import { ParameterError } from '../errors.js';
import { integer, record } from '../validate.js';
import { sharedKernels, type KernelEntry } from './wasm/index.js';

/**
 * Threads for the dense kernels. The core only describes the work: a job is one call of a kernel entry point,
 * made by every thread at once over the same shared memory, and the kernels split the work among the threads
 * themselves (wasm/sync.as). Creating the threads is the host's business: a worker_threads pool in Node
 * (src/node), web workers in the browser (workers/); each of their workers answers a request with
 * `answerKernelRequest`, and `createKernelPool` (kernelPool.ts) does the bookkeeping for both.
 */

/** One call of `entry(thread, ...args)` on every thread, over the shared kernels instantiated on `memory`. */
export interface KernelJob {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  entry: KernelEntry;
  args: number[];
}

/** Threads that run kernel jobs together. */
export interface KernelThreads {
  /** Threads that run every job, with indices 0 … size − 1. */
  readonly size: number;
  /**
   * Runs `job` on every thread at once and resolves with the largest return value when all have returned; rejects
   * when a thread fails or stops (the others may then be left waiting: the pool must replace them).
   */
  run(job: KernelJob): Promise<number>;
}

/** A pool's message to its worker: run `job` as thread `thread`. */
export interface KernelRequest {
  id: number;
  job: KernelJob;
  thread: number;
}

/** The worker's answer: the thread's return value, or what went wrong. */
export type KernelReply = { id: number; value: number } | { id: number; error: string };

const ENTRIES: readonly KernelEntry[] = ['gramRows', 'tridiagonalize'];

/**
 * Below this order of X (M), one thread is about as fast as several: the reduction synchronizes its threads
 * twice per column, and the work between two synchronizations shrinks like M².
 */
const PARALLEL_MIN_ORDER = 500;

/** Whether an M×M spectrum is worth sending to threads. */
export function parallelWorthIt(m: number): boolean {
  return integer('m', m, 0) >= PARALLEL_MIN_ORDER;
}

/** What a pool's worker does with a request: runs its part of the job and says how it went. */
export function answerKernelRequest(request: KernelRequest): KernelReply {
  const { id, job, thread } = record<KernelRequest>('request', request, 'a kernel request { id, job, thread }');
  try {
    return { id, value: runKernelJob(job, thread) };
  } catch (error) {
    return { id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** Runs job `job` as thread `thread`: returns the entry's result. */
export function runKernelJob(job: KernelJob, thread: number): number {
  if (!(job?.module instanceof WebAssembly.Module) || !(job.memory instanceof WebAssembly.Memory)) {
    throw new ParameterError('job', job, 'a KernelJob { module, memory, entry, args }');
  }
  if (!ENTRIES.includes(job.entry)) throw new ParameterError('job.entry', job.entry, ENTRIES.join(' or '));
  if (!Array.isArray(job.args) || !job.args.every((x) => typeof x === 'number')) {
    throw new ParameterError('job.args', job.args, 'an array of numbers');
  }
  // Instantiating a compiled module of a few kilobytes costs microseconds, and a message brings a new Memory
  // object each time, so there is nothing worth caching.
  const kernels = sharedKernels(job.memory, job.module);
  const entry = kernels[job.entry] as (...args: number[]) => number;
  return entry(thread, ...job.args);
}

/** Checks a host-provided KernelThreads at the boundary. */
export function checkThreads(threads: KernelThreads): KernelThreads {
  if (threads === null || typeof threads !== 'object' || typeof threads.run !== 'function') {
    throw new ParameterError('threads', threads, 'a KernelThreads { size, run(job) }');
  }
  if (!Number.isInteger(threads.size) || threads.size < 1) throw new ParameterError('threads.size', threads.size, 'an integer ≥ 1');
  return threads;
}
