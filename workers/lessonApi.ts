/**
 * The lessons worker: the contract of src/labs/lessons.ts over the notebooks. A worker of its own, so that loading
 * every notebook never slows a lab down and a cancelled lesson can simply be terminated (a notebook that does not
 * yield cannot hear a cancel message).
 */
import type { LessonApi } from '../src/labs/index.js';
import type { NotebookResult } from '../src/report/notebook.js';
import { lessonCatalogue, runLesson } from './compute/lessons.js';
import { createJobRegistry } from './jobRegistry.js';

export function createLessonApi(): LessonApi<NotebookResult> {
  const jobs = createJobRegistry();
  return {
    catalogue: lessonCatalogue,
    run: (id, key, onProgress) => jobs.run(id, (signal) => runLesson(key, { signal, onProgress: (p) => void onProgress?.(p) })),
    cancel: (id) => jobs.cancel(id),
  };
}
