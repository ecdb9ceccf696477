import { callback, record } from '../validate.js';
import { throwIfAborted, type AbortSignalLike } from './abort.js';

/**
 * Runners are generators that yield their progress (a fraction in [0, 1]) between blocks of sweeps and return
 * their result, so one program serves a synchronous caller and an asynchronous, cancellable one.
 */
export type Program<T> = Generator<number, T, void>;

export interface DriveOptions {
  onProgress?: (fraction: number) => void;
  signal?: AbortSignalLike;
}

/** The options object of every runner (runCell, scanAlpha, …), checked before the program starts. */
function checkDriveOptions(options: unknown): DriveOptions {
  const o = record<DriveOptions>('options', options);
  if (o.onProgress !== undefined) callback('onProgress', o.onProgress);
  return o;
}

/** Runs a program to the end; the signal is checked at every yield (it can only be set by the callbacks). */
export function driveSync<T>(program: Program<T>, options: DriveOptions = {}): T {
  const { onProgress, signal } = checkDriveOptions(options);
  throwIfAborted(signal);
  let last = -1;
  for (;;) {
    const step = program.next();
    if (step.done) {
      if (onProgress && last < 1) onProgress(1);
      return step.value;
    }
    if (onProgress && step.value > last) onProgress((last = step.value));
    throwIfAborted(signal);
  }
}

/**
 * Runs a program, giving the event loop a turn at every yield so that an abort (a worker message, a timer) can
 * arrive; the signal is then checked before the next block of sweeps.
 */
export async function drive<T>(program: Program<T>, options: DriveOptions = {}): Promise<T> {
  const { onProgress, signal } = checkDriveOptions(options);
  throwIfAborted(signal);
  let last = -1;
  for (;;) {
    const step = program.next();
    if (step.done) {
      if (onProgress && last < 1) onProgress(1);
      return step.value;
    }
    if (onProgress && step.value > last) onProgress((last = step.value));
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    throwIfAborted(signal);
  }
}

/** Sweeps per yield: about 2^24 field updates, tens of milliseconds, so yielding costs a few per cent at most. */
export function sweepsPerBlock(n: number, p: number): number {
  return Math.max(1, Math.floor(16777216 / (n * Math.max(p, 1))));
}
