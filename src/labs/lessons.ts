/**
 * The lessons worker's contract: one line per call. The notebooks run in a worker of their own, so that loading
 * them never slows a lab down and a lesson that computes without yielding can be stopped by terminating it.
 *
 * What crosses the boundary is plain data. The notebook's result type belongs to the report layer, which this
 * module does not import: the page and the worker both name it as `Result`.
 */

/** A "predict first" question, without its answer (the worker computes the answer next to the result). */
export interface LessonPrompt {
  figure: number;
  prompt: string;
  unit?: string;
  min?: number;
  max?: number;
}

/** A notebook's parameters: plain JSON values. */
export type LessonParams = Record<string, number | string | boolean | number[] | string[]>;

export interface LessonInfo {
  /** The two-digit number, as in `?lesson=01`. */
  key: string;
  id: string;
  title: string;
  summary: string;
  /** Prose: a heading and Markdown per section; `afterPrediction` sections give answers away (see NotebookSection). */
  sections: { heading: string; markdown: string; afterPrediction?: boolean }[];
  small: LessonParams;
  predict: LessonPrompt[];
}

export interface LessonProgress {
  fraction: number;
  stage: string;
}

export interface LessonRun<Result> {
  key: string;
  params: LessonParams;
  result: Result;
  /** One per prompt of the catalogue entry, in order (NaN where the answer could not be computed). */
  answers: number[];
  millis: number;
}

export interface LessonApi<Result> {
  /** Every lesson: prose, small-version parameters and predict-first questions. */
  catalogue: () => LessonInfo[];
  /** Job: one lesson's small version, with the answers to its questions. */
  run: (job: number, key: string, onProgress?: (progress: LessonProgress) => void) => Promise<LessonRun<Result>>;
  /** Stops a run; false when no run of that id is going. */
  cancel: (job: number) => boolean;
}

/** The message the lessons worker posts once its module has loaded. */
export const LESSON_WORKER_READY = 'vsdl-lesson-worker-ready';
