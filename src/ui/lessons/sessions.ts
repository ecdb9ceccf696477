/**
 * What a student has done in each lesson, kept for the page's lifetime: the lesson's run (a job, so a run keeps
 * going and its result stays while another tab or lesson is shown) and the guesses locked in for its questions.
 * Owned above the views, like the labs' jobs.
 */
import { writable, type Writable } from 'svelte/store';
import { createJob, type Job } from '../jobs/job.js';
import type { LessonRun, LessonRunner } from './runner.js';

export interface LessonSession {
  run: Job<string, LessonRun>;
  /** The locked-in guess of each question (null: not answered yet). */
  guesses: Writable<(number | null)[]>;
}

export interface LessonSessions {
  readonly runner: LessonRunner;
  /** The session of lesson `key` with `questions` prompts, created on first use. */
  session(key: string, questions: number): LessonSession;
  dispose(): void;
}

export function createLessonSessions(runner: LessonRunner): LessonSessions {
  const sessions = new Map<string, LessonSession>();
  return {
    runner,
    session(key, questions) {
      let s = sessions.get(key);
      if (!s) {
        // The job forgets a cancelled run at once; the runner stops it (terminating the worker if it must).
        const run = createJob<string, LessonRun>({
          start(id, lesson, sink) {
            sink.progress({ done: 0, total: 1, stage: 'starting the lessons worker' });
            return runner.run(id, lesson, (p) => sink.progress({ done: p.fraction, total: 1, stage: p.stage }));
          },
          stop: (id) => runner.cancel(id),
        });
        s = { run, guesses: writable(Array.from({ length: questions }, () => null)) };
        sessions.set(key, s);
      }
      return s;
    },
    dispose() {
      for (const s of sessions.values()) s.run.dispose();
      sessions.clear();
      runner.dispose();
    },
  };
}
