/** Cooperative cancellation and progress for long jobs: the job yields between chunks so a cancel can arrive. */
import { JobCancelled, type Progress } from '../../src/labs/index.js';

export interface JobControl {
  readonly signal: AbortSignal;
  /** `stage`: what the job is doing, in a few words (where it computes). */
  progress(done: number, total: number, stage?: string): void;
}

export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs `step(i)` for i < total, yielding to the event loop every ~`sliceMs` and stopping when cancelled. */
export async function loop(total: number, control: JobControl, step: (i: number) => void, sliceMs = 50): Promise<void> {
  let last = performance.now();
  for (let i = 0; i < total; i++) {
    step(i);
    if (performance.now() - last > sliceMs || i === total - 1) {
      control.progress(i + 1, total);
      await yieldToEvents();
      last = performance.now();
      if (control.signal.aborted) throw new JobCancelled();
    }
  }
}

export function silentControl(onProgress?: (p: Progress) => void): JobControl {
  const controller = new AbortController();
  return { signal: controller.signal, progress: (done, total, stage) => onProgress?.(stage === undefined ? { done, total } : { done, total, stage }) };
}
