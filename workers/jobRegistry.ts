/**
 * The jobs a worker is running, by the id the page gave them: `run` registers a job's AbortController for its
 * lifetime, `cancel` aborts it. Both workers keep one.
 */
import { checkJobId } from '../src/labs/index.js';

export interface JobRegistry {
  run<T>(job: unknown, body: (signal: AbortSignal) => Promise<T>): Promise<T>;
  cancel(job: unknown): boolean;
}

export function createJobRegistry(): JobRegistry {
  const jobs = new Map<number, AbortController>();
  return {
    async run(job, body) {
      const id = checkJobId(job);
      const controller = new AbortController();
      jobs.set(id, controller);
      try {
        return await body(controller.signal);
      } finally {
        jobs.delete(id);
      }
    },
    cancel(job) {
      const controller = jobs.get(checkJobId(job));
      controller?.abort();
      return controller !== undefined;
    },
  };
}
