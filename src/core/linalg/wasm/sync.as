// Coordination of the threads that run one job together (AssemblyScript, compiled with the kernels).
//
// Every thread calls the same entry point with its index; they share a control block of i32 words at `ctl`. The
// host writes the thread count and zeroes the rest before the job. Work inside a phase is handed out by a counter,
// one item at a time, so a thread slowed down by the rest of the machine simply takes fewer items; which thread
// computes an item never changes what is computed, so results do not depend on the number of threads.

/** Byte offsets of the control block's words. */
const THREADS: usize = 0;
const ARRIVED: usize = 4;
const GENERATION: usize = 8;
/** Two work counters: phase k claims from counter k & 1 while thread 0 clears the other for phase k + 1. */
const COUNTERS: usize = 12;
/** Set by the host to ask the job to stop at its next checkpoint. */
export const CANCEL: usize = 20;
/** Work units done so far, written by thread 0 for the host to read. */
export const PROGRESS: usize = 24;
/** Thread 0's stop decision, taken before a barrier so that every thread reads the same answer after it. */
const STOP: usize = 28;

/** Busy-wait this many polls before sleeping: long enough to cover a short serial step of thread 0. */
const SPINS = 20000;

export function threadCount(ctl: usize): i32 {
  return load<i32>(ctl + THREADS);
}

/** Every thread waits here until all have arrived (a generation barrier: it can be reused at once). */
export function barrier(ctl: usize): void {
  const threads = load<i32>(ctl + THREADS);
  if (threads <= 1) return;
  const generation = atomic.load<i32>(ctl + GENERATION);
  if (atomic.add<i32>(ctl + ARRIVED, 1) == threads - 1) {
    atomic.store<i32>(ctl + ARRIVED, 0);
    atomic.add<i32>(ctl + GENERATION, 1);
    atomic.notify(ctl + GENERATION);
    return;
  }
  for (let spin = 0; atomic.load<i32>(ctl + GENERATION) == generation; spin++) {
    if (spin >= SPINS) atomic.wait<i32>(ctl + GENERATION, generation);
  }
}

/** Opens phase `phase` (numbered 0, 1, 2, … in the same order by every thread). */
export function beginPhase(ctl: usize, thread: i32, phase: i32): void {
  if (thread == 0) atomic.store<i32>(ctl + COUNTERS + (<usize>((phase + 1) & 1) << 2), 0);
}

/** The next unclaimed item of the phase (items beyond the phase's count mean: nothing left). */
export function claim(ctl: usize, phase: i32): i32 {
  return atomic.add<i32>(ctl + COUNTERS + (<usize>(phase & 1) << 2), 1);
}

/** Thread 0 publishes how far the job is. */
export function report(ctl: usize, thread: i32, done: i32): void {
  if (thread == 0) atomic.store<i32>(ctl + PROGRESS, done);
}

/**
 * A checkpoint every thread passes together: true when the host asked to stop. It ends with a barrier, so
 * everything written before it is visible to every thread after it.
 */
export function stopRequested(ctl: usize, thread: i32): bool {
  if (thread == 0) atomic.store<i32>(ctl + STOP, atomic.load<i32>(ctl + CANCEL));
  barrier(ctl);
  return atomic.load<i32>(ctl + STOP) != 0;
}
