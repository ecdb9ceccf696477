/**
 * A notebook is a lesson that reproduces a result: prose (sections), two sizes of parameters (a small version that
 * runs in seconds, a full paper-sized one), and a run that returns plain data: figures to plot, a table of
 * numbers, and checks that compare what was measured with what theory predicts. Everything here is plain data so
 * that the same result can be drawn by the UI (uPlot), written as SVG by `renderSvg`, or exported as CSV/JSON.
 */
import type { TrainingPlatform } from '../core/train/platform.js';

/** How a series is drawn. 'band' fills between y − yErr and y + yErr (yErr required). */
export type SeriesKind = 'line' | 'points' | 'bars' | 'band';

export interface Series {
  label: string;
  x: number[];
  y: number[];
  kind: SeriesKind;
  /** Symmetric error bars (points, bars) or half-width of the band. */
  yErr?: number[];
  /** CSS colour; omitted: the next colour of the palette. Give a measurement and its theory the same one. */
  color?: string;
  /**
   * A prediction of theory rather than a measurement (default false). The lessons view hides such series until
   * the student has answered a "predict first" question about the figure.
   */
  theory?: boolean;
}

export interface Axis {
  label: string;
  log?: boolean;
  /** Fixed range; omitted: fitted to the data. */
  min?: number;
  max?: number;
}

export interface Figure {
  title: string;
  x: Axis;
  y: Axis;
  series: Series[];
  /** One sentence under the figure: what to look at. */
  caption?: string;
  /** Corner of the legend (default top-right): pick the one the data leave empty. */
  legend?: 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left';
}

/**
 * One comparison of a measurement with its prediction. 'within' (default): |value − expected| ≤ tolerance;
 * 'at-most': value ≤ expected + tolerance; 'at-least': value ≥ expected − tolerance.
 */
export interface Check {
  name: string;
  value: number;
  expected: number;
  tolerance: number;
  passed: boolean;
  /** The standard error or theory bound behind the tolerance. */
  why: string;
  comparison?: 'within' | 'at-most' | 'at-least';
}

export type TableRow = Record<string, number | string>;

export interface NotebookResult {
  figures: Figure[];
  table: TableRow[];
  checks: Check[];
}

export interface NotebookContext {
  /** Fraction done in [0, 1], with a short description of the current stage. */
  onProgress?: (fraction: number, stage: string) => void;
  signal?: AbortSignal;
  /**
   * Where networks are trained (a TensorFlow.js backend and the MNIST digits): given by the shell that runs the
   * notebook (the CLI in Node, the lessons' worker in a browser); notebooks that train need it.
   */
  platform?: TrainingPlatform;
}

export interface NotebookSection {
  heading: string;
  /** Markdown. */
  markdown: string;
  /**
   * Text that gives away an answer (a formula, a value) of the notebook's "predict first" questions. The lessons
   * view holds such a section back, in predict-first mode, until every question is answered; elsewhere (the CLI,
   * a lesson without predict first) it is an ordinary section. Keep the question's context in sections before it.
   */
  afterPrediction?: boolean;
}

/** Parameters are plain JSON values so that they can be recorded with the results and edited in the UI. */
export type NotebookParams = Record<string, number | string | boolean | number[] | string[]>;

/**
 * A "predict first" question: asked before the theory series of figure `figure` (an index into the result's
 * figures) are shown. The student guesses a number; `answer` gives the value to compare with, from the result.
 */
export interface NotebookPrompt {
  figure: number;
  prompt: string;
  answer: (result: NotebookResult) => number;
  unit?: string;
  /** A sensible range for the guess (a slider is offered when both are given). */
  min?: number;
  max?: number;
}

export interface Notebook<P extends NotebookParams = NotebookParams> {
  /** File name without extension, e.g. '01-marchenko-pastur'. */
  id: string;
  title: string;
  summary: string;
  sections: NotebookSection[];
  params: { small: P; full: P };
  run(params: P, ctx?: NotebookContext): Promise<NotebookResult>;
  /** Optional "predict first" questions for the lessons view. */
  predict?: NotebookPrompt[];
}
