/**
 * What a computation will cost, known before it starts, so that the page can ask before a long one. Every job the
 * labs run has an estimate here; the page asks ("run anyway") when it says `ask`.
 *
 * The rates are those of a laptop-class core measured by the benchmarks (bench/RESULTS.md, quiet machine): they
 * are rough on purpose. A busy or slow machine takes longer, which the progress bar then shows.
 */
import { ASSUMED_RATE, estimateSweep, planSweep } from '../core/vsdl/index.js';
import { layerAxes } from './axes.js';
import { columnsFor, SLOW_M, type LabValues } from './definitions.js';
import { monteCarloSweep } from './sweeps.js';

export interface Estimate {
  /** Rough wall-clock time in seconds on a laptop-class core. */
  seconds: number;
  /** Long enough that the page asks before starting it. */
  ask: boolean;
}

/** Jobs estimated above this many seconds wait for "run anyway" (a few seconds is a short wait; more is a choice). */
export const ASK_SECONDS = 5;

const asking = (seconds: number): Estimate => ({ seconds, ask: seconds > ASK_SECONDS });

/**
 * One dense spectrum of an N×M matrix with heavy-tailed entries, fitted by the power law: drawing (≈ 12 M entries/s),
 * the Gram product (≈ 6.7e-11·N·M² s) and the eigenvalues (≈ 1.2e-10·M³ s). bench/eigen.mjs measured 134 + 116 ms at
 * M = 1000, N = 2000 and 1007 + 1067 ms at M = 2000, N = 4000.
 */
export function denseSeconds(n: number, m: number): number {
  return 8e-8 * n * m + 6.7e-11 * n * m * m + 1.2e-10 * m ** 3;
}

/** λ_max of one Gaussian draw from the β-Laguerre model's top block: milliseconds at any M (15.6 ms for the top 10 at M = 10⁵). */
export const LAGUERRE_DRAW_SECONDS = 0.01;

/**
 * A spectrum's dense eigenvalue work grows as M³: about 1.2 s per 1000³ with the draw and all the fits (the M = 500
 * draw the README quotes takes 0.08–0.13 s, 1.2·0.5³ = 0.15 s). The lab asks beyond SLOW_M eigenvalues: below
 * that a slider must answer at once, and the spectrum can be cancelled while it runs.
 */
export function spectrumEstimate(v: Pick<LabValues<'spectrum'>, 'n' | 'q'>): Estimate {
  const m = columnsFor(v.n, v.q);
  return { seconds: (m / 1000) ** 3 * 1.2, ask: m > SLOW_M };
}

/** The edge lab: `draws` top eigenvalues, from the Laguerre model (Gaussian) or from dense spectra (heavy tails). */
export function edgeEstimate(v: Pick<LabValues<'edge'>, 'ensemble' | 'n' | 'q' | 'draws'>): Estimate {
  const perDraw = v.ensemble === 'gaussian' ? LAGUERRE_DRAW_SECONDS : denseSeconds(v.n, columnsFor(v.n, v.q));
  return asking(v.draws * perDraw);
}

/** The fitter lab: one dense spectrum and power-law fit per μ and seed. */
export function fitterEstimate(v: Pick<LabValues<'fitter'>, 'n' | 'q' | 'mus' | 'reps'>): Estimate {
  return asking(v.mus.length * v.reps * denseSeconds(v.n, columnsFor(v.n, v.q)));
}

/** The Monte Carlo sweep, as the core's own estimate counts it (field updates at ASSUMED_RATE). */
export function monteCarloEstimate(v: LabValues<'phase'>): Estimate {
  const { cells } = planSweep(monteCarloSweep(v));
  return asking(estimateSweep(cells, cells).seconds);
}

/**
 * The layer map: every cell learns K rows, each one chain of N weights over P = αN examples for the fixed schedule
 * (counted like the core's sweep estimate: field updates at ASSUMED_RATE), for each sample.
 */
export function layerEstimate(v: LabValues<'phase'>): Estimate {
  const { alphas, taus } = layerAxes(v);
  const sweeps = 2 * v.sweeps;
  let updates = 0;
  for (const alpha of alphas) updates += v.samples * v.layerK * sweeps * v.layerN * Math.max(1, Math.round(alpha * v.layerN));
  return asking((updates * taus.length) / ASSUMED_RATE);
}
