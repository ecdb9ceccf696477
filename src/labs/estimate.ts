/** What a computation will cost, known before it starts, so that the page can ask before a long one. */
import { columnsFor, SLOW_M, type LabValues } from './definitions.js';

export interface Estimate {
  /** Rough wall-clock time in seconds on a laptop-class core. */
  seconds: number;
  /** Long enough that the page asks before starting it. */
  ask: boolean;
}

/**
 * A spectrum's dense eigenvalue work grows as M³: about 1.2 s per 1000³ with the draw and the fits (the M = 500
 * draw the README quotes takes 0.08–0.13 s, 1.2·0.5³ = 0.15 s). The lab asks beyond SLOW_M eigenvalues.
 */
export function spectrumEstimate(v: Pick<LabValues<'spectrum'>, 'n' | 'q'>): Estimate {
  const m = columnsFor(v.n, v.q);
  return { seconds: (m / 1000) ** 3 * 1.2, ask: m > SLOW_M };
}
