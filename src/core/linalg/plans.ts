import { ParameterError } from '../errors.js';
import { abortSignal, callback, record } from '../validate.js';
import { checkThreads, type KernelThreads } from './threads.js';
import {
  arena,
  arenaCapacity,
  createSharedMemory,
  sharedKernelModule,
  sharedKernels,
  type Arena,
  type KernelEntry,
  type KernelExports,
} from './wasm/index.js';

/**
 * A plan is the dense kernels' part of one computation, written once for both drivers: `runPlanSync` runs it on
 * the calling thread (the synchronous API), `runPlan` on a host's threads over shared memory. The kernels split
 * their work into pieces that do not depend on the number of threads, so both give bit-identical results.
 */
export interface KernelPlan<T> {
  /** float64 values the plan lays out after the control block. */
  size: number;
  /** Writes the inputs into the arena from index `start`, yields kernel calls and returns the result. */
  run(memory: Arena, start: number): Generator<KernelCall, T, void>;
}

/** One kernel call: `entry(thread, ctl, ...args)` on every thread; `units` is the progress count at its end. */
export interface KernelCall {
  entry: KernelEntry;
  args: number[];
  units: number;
  /** The share of the plan's time this call takes, for progress (the shares of a plan add up to 1). */
  share: number;
  /**
   * Work of the host that needs the call's result no more than the call needs it (reading the next block of the
   * input into memory the call does not touch): run while the threads compute, or after the call on one thread.
   */
  meanwhile?: () => void;
}

export interface PlanOptions {
  /** The threads to run on; without, the calling thread runs the plan synchronously. */
  threads?: KernelThreads;
  /** Stops the kernels at their next checkpoint; the promise then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Fraction of the work done, in [0, 1], a few times per second. */
  onProgress?: (fraction: number) => void;
}

/** The control block (sync.as): 16 i32 words, then the plan's regions. */
const CONTROL = 8;
const CANCEL_WORD = 5;
const PROGRESS_WORD = 6;
const PROGRESS_INTERVAL_MS = 100;

/** Sizes and offsets are kept in whole 64-byte lines so that every region starts aligned. */
export function roundUp8(count: number): number {
  return Math.ceil(count / 8) * 8;
}

/** The pure size functions of the kernels (the same in both builds). */
export function kernelSizes(): Pick<KernelExports, 'gramWorkspace' | 'gramBlockRows' | 'tridiagonalWorkspace'> {
  return arena(0).kernels;
}

function checkSize(what: string, size: number): void {
  if (CONTROL + size > arenaCapacity()) {
    throw new ParameterError(what, `${size * 8} bytes of working memory`, 'a size whose work fits in wasm32 memory (4 GiB)');
  }
}

function resetControl(memory: Arena, threads: number): number {
  const word = memory.base * 2;
  memory.i32.fill(0, word, word + 2 * CONTROL);
  memory.i32[word] = threads;
  return memory.base * 8;
}

/** Where every plan of `size` values lies in the kernels' memory (without `kernels`, the single-thread one). */
function layOut(size: number, kernels?: KernelExports): { memory: Arena; start: number } {
  const memory = arena(CONTROL + size, kernels);
  return { memory, start: memory.base + CONTROL };
}

/** Runs a plan on the calling thread. */
export function runPlanSync<T>(what: string, plan: KernelPlan<T>): T {
  checkSize(what, plan.size);
  const { memory, start } = layOut(plan.size);
  const program = plan.run(memory, start);
  for (let step = program.next(); ; step = program.next()) {
    if (step.done) return step.value;
    const ctl = resetControl(memory, 1);
    (memory.kernels[step.value.entry] as (...args: number[]) => number)(0, ctl, ...step.value.args);
    step.value.meanwhile?.();
  }
}

/** Per set of threads: its shared memory, and the queue that gives one plan at a time the use of it. */
interface SharedState {
  memory: WebAssembly.Memory;
  kernels: KernelExports;
  queue: Promise<unknown>;
}
/** null: this engine cannot make a shared memory (no threads for WebAssembly, or no address space for one). */
const shared = new WeakMap<KernelThreads, SharedState | null>();

function stateOf(threads: KernelThreads): SharedState | null {
  let state = shared.get(threads);
  if (state === undefined) {
    try {
      const memory = createSharedMemory();
      state = { memory, kernels: sharedKernels(memory), queue: Promise.resolve() };
    } catch {
      state = null;
    }
    shared.set(threads, state);
  }
  return state;
}

/**
 * Runs a plan on `options.threads`, or without them (or where the engine cannot share memory with them) on the
 * calling thread. Plans given the same threads run one after the other. A job costs the threads a message each
 * way and a synchronization per reduced column: for small matrices the calling thread is as fast.
 */
export function runPlan<T>(what: string, plan: KernelPlan<T>, options: PlanOptions = {}): Promise<T> {
  try {
    record('options', options);
    const signal = abortSignal<AbortSignal>('options.signal', options.signal, { listens: true });
    const onProgress = options.onProgress === undefined ? undefined : callback<(fraction: number) => void>('options.onProgress', options.onProgress);
    const { threads } = options;
    if (signal?.aborted) throw signal.reason;
    if (threads !== undefined) checkThreads(threads);
    checkSize(what, plan.size);
    const state = threads ? stateOf(threads) : null;
    if (!threads || !state) {
      const result = runPlanSync(what, plan);
      onProgress?.(1);
      return Promise.resolve(result);
    }
    const result = state.queue.then(() => runShared(plan, threads, state, signal, onProgress));
    state.queue = result.catch(() => undefined);
    return result;
  } catch (error) {
    return Promise.reject(error);
  }
}

async function runShared<T>(
  plan: KernelPlan<T>,
  threads: KernelThreads,
  state: SharedState,
  signal: AbortSignal | undefined,
  onProgress: ((fraction: number) => void) | undefined,
): Promise<T> {
  const { memory, start } = layOut(plan.size, state.kernels);
  const program = plan.run(memory, start);
  const ctlWord = memory.base * 2;
  const cancel = () => Atomics.store(memory.i32, ctlWord + CANCEL_WORD, 1);
  let done = 0;
  for (let step = program.next(); ; step = program.next()) {
    if (step.done) {
      onProgress?.(1);
      return step.value;
    }
    if (signal?.aborted) throw signal.reason;
    const call = step.value;
    const ctl = resetControl(memory, threads.size);
    const report = () => onProgress?.(done + (call.share * Atomics.load(memory.i32, ctlWord + PROGRESS_WORD)) / call.units);
    const timer = onProgress ? setInterval(report, PROGRESS_INTERVAL_MS) : undefined;
    signal?.addEventListener('abort', cancel);
    try {
      const module = sharedKernelModule();
      const running = threads.run({ module, memory: state.memory, entry: call.entry, args: [ctl, ...call.args] });
      try {
        call.meanwhile?.();
      } catch (error) {
        // The threads still use the memory: stop them and let them finish before the next plan may start.
        cancel();
        await running.catch(() => undefined);
        throw error;
      }
      const stopped = await running;
      if (stopped) throw signal?.reason ?? new Error('the dense kernels were stopped');
    } finally {
      clearInterval(timer);
      signal?.removeEventListener('abort', cancel);
    }
    done += call.share;
    onProgress?.(done);
  }
}
