/** "Predict first": reading a guess, deciding which figures still hide their theory, and how close a guess was. */
import type { LessonPrompt } from '../../labs/index.js';

export type Guess = { ok: true; value: number } | { ok: false; why: string };

export function parseGuess(text: string, prompt?: Pick<LessonPrompt, 'min' | 'max'>): Guess {
  const t = text.trim().replace(/^\u2212/, '-');
  const value = Number(t);
  if (t === '' || !Number.isFinite(value)) return { ok: false, why: 'type a number' };
  if (prompt?.min !== undefined && value < prompt.min) return { ok: false, why: `at least ${prompt.min}` };
  if (prompt?.max !== undefined && value > prompt.max) return { ok: false, why: `at most ${prompt.max}` };
  return { ok: true, value };
}

/**
 * Whether figure `figure` must stay hidden: predict mode and one of its questions not yet locked in. The whole
 * figure waits, not only its theory: measured points and the caption give the answer away as surely as the curve.
 */
export function figureWaiting(predict: boolean, prompts: readonly LessonPrompt[], locked: readonly boolean[], figure: number): boolean {
  return predict && prompts.some((p, i) => p.figure === figure && !locked[i]);
}

/** Whether anything that answers a question must still be held back: predict mode with a question unanswered. */
export function predictionsPending(predict: boolean, prompts: readonly LessonPrompt[], locked: readonly boolean[]): boolean {
  return predict && prompts.some((_, i) => !locked[i]);
}

export interface Score {
  guess: number;
  answer: number;
  /** guess − answer */
  error: number;
  /** |guess − answer| / |answer|; null when the answer is 0 (no scale to compare with). */
  relative: number | null;
  verdict: 'spot on' | 'close' | 'far off';
}

export function scoreGuess(guess: number, answer: number): Score | null {
  if (!Number.isFinite(guess) || !Number.isFinite(answer)) return null;
  const error = guess - answer;
  const relative = Math.abs(answer) > 1e-12 ? Math.abs(error) / Math.abs(answer) : null;
  const r = relative ?? Math.abs(error);
  return { guess, answer, error, relative, verdict: r <= 0.05 ? 'spot on' : r <= 0.2 ? 'close' : 'far off' };
}
