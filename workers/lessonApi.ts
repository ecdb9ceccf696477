/**
 * The lessons worker's interface: the catalogue of notebooks and a run of one notebook's small version. A separate
 * worker from the labs', so that loading every notebook never slows a lab down and a cancelled lesson can simply
 * be terminated (a notebook that does not yield cannot hear a cancel message).
 */
import { lessonCatalogue, runLesson, type LessonInfo, type LessonProgress, type LessonRun } from './compute/lessons.js';

function checkJobId(jobId: unknown): number {
  if (typeof jobId !== 'number' || !Number.isSafeInteger(jobId)) throw new TypeError(`invalid job id ${String(jobId)}: allowed: an integer`);
  return jobId;
}

export function createLessonApi() {
  const jobs = new Map<number, AbortController>();
  return {
    catalogue(): LessonInfo[] {
      return lessonCatalogue();
    },
    async run(jobId: number, key: string, onProgress?: (p: LessonProgress) => void): Promise<LessonRun> {
      const id = checkJobId(jobId);
      const controller = new AbortController();
      jobs.set(id, controller);
      try {
        return await runLesson(key, { signal: controller.signal, onProgress: (p) => void onProgress?.(p) });
      } finally {
        jobs.delete(id);
      }
    },
    cancel(jobId: number): boolean {
      const job = jobs.get(checkJobId(jobId));
      job?.abort();
      return job !== undefined;
    },
  };
}

export type LessonApi = ReturnType<typeof createLessonApi>;
export { LESSON_WORKER_READY } from './lessonProtocol.js';
