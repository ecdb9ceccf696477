/**
 * The lessons: the notebooks as the UI sees them. The catalogue is plain data (prose, parameters, the questions of
 * "predict first" without their answer functions); a run executes a notebook's small version and evaluates the
 * answers here, next to the result, so that nothing but plain data crosses the worker boundary.
 */
import { ParameterError } from '../../src/core/errors.js';
import type { LessonInfo, LessonProgress, LessonRun } from '../../src/labs/index.js';
import type { Notebook, NotebookResult } from '../../src/report/notebook.js';
import { notebook as mp } from '../../notebooks/01-marchenko-pastur.js';
import { notebook as spikes } from '../../notebooks/02-spikes-bbp.js';
import { notebook as edge } from '../../notebooks/03-edge-tw-frechet.js';
import { notebook as heavy } from '../../notebooks/04-heavy-tail-classes.js';
import { notebook as fitter } from '../../notebooks/05-calibrating-a-fitter.js';
import { notebook as vsdl } from '../../notebooks/06-vsdl-ising-phase-diagram.js';
import { notebook as layer } from '../../notebooks/07-layer-phases.js';
import { notebook as batchSize } from '../../notebooks/08-batch-size.js';
import { notebook as learning } from '../../notebooks/09-how-a-layer-learns.js';
import { notebook as wigner } from '../../notebooks/10-rmt-101-wigner.js';
import { notebook as levy } from '../../notebooks/11-levy-matrices.js';
import { notebook as tikhonov } from '../../notebooks/12-bulk-spikes-tikhonov.js';
import { notebook as moderate } from '../../notebooks/13-moderate-tails.js';
import { notebook as landscape } from '../../notebooks/14-rugged-convexity.js';
import { browserPlatform } from './trainingPlatform.js';

/** Every notebook the lessons view offers, in order. A new notebook is one more line here. */
const NOTEBOOKS: Notebook[] = [mp, spikes, edge, heavy, fitter, vsdl, layer, batchSize, learning, wigner, levy, tikhonov, moderate, landscape];

export function lessonKeyOf(id: string): string {
  return id.slice(0, 2);
}

export function lessonCatalogue(): LessonInfo[] {
  return NOTEBOOKS.map((nb) => ({
    key: lessonKeyOf(nb.id),
    id: nb.id,
    title: nb.title,
    summary: nb.summary,
    sections: nb.sections.map((s) => ({ heading: s.heading, markdown: s.markdown, ...(s.afterPrediction ? { afterPrediction: true } : {}) })),
    small: structuredClone(nb.params.small),
    predict: (nb.predict ?? []).map(({ figure, prompt, unit, min, max }) => ({ figure, prompt, unit, min, max })),
  }));
}

function notebookFor(key: unknown): Notebook {
  const found = typeof key === 'string' ? NOTEBOOKS.find((nb) => lessonKeyOf(nb.id) === key) : undefined;
  if (!found) throw new ParameterError('lesson', key, `one of ${NOTEBOOKS.map((nb) => lessonKeyOf(nb.id)).join(', ')}`);
  return found;
}

/** Runs the small version of a lesson's notebook; progress and cancellation go through the notebook's context. */
export async function runLesson(key: unknown, ctx: { signal?: AbortSignal; onProgress?: (p: LessonProgress) => void } = {}): Promise<LessonRun<NotebookResult>> {
  const nb = notebookFor(key);
  const params = structuredClone(nb.params.small);
  const start = performance.now();
  const result = await nb.run(params, {
    signal: ctx.signal,
    onProgress: (fraction, stage) => ctx.onProgress?.({ fraction, stage: String(stage) }),
    // Notebooks that train use TensorFlow.js in this worker (WebGL on a hardware GPU, WebAssembly otherwise).
    platform: browserPlatform(),
  });
  const answers = (nb.predict ?? []).map((p) => {
    try {
      const value = p.answer(result);
      return Number.isFinite(value) ? value : NaN;
    } catch {
      return NaN;
    }
  });
  return { key: lessonKeyOf(nb.id), params, result, answers, millis: performance.now() - start };
}
