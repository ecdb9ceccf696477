import { list, oneOf, record } from '../../validate.js';
import type { CellRecord, SweepResult } from './types.js';

/**
 * Observables of a sweep as numbers per cell, for tables and images. Theory columns are NaN where the theory
 * declined; `theory_perfect` is 1 on the Ising perfect branch, 0 on the poor or unique one.
 */
export const SWEEP_OBSERVABLES = {
  R: (c) => c.R,
  R_se: (c) => c.R_se,
  q: (c) => c.q,
  // A float grid has no null: NaN, as for a cell not yet run.
  q_se: (c) => c.q_se ?? NaN,
  eps_g: (c) => c.eps_g,
  eps_g_se: (c) => c.eps_g_se,
  eps_t: (c) => c.eps_t,
  eps_t_se: (c) => c.eps_t_se,
  acceptance: (c) => c.acceptance,
  tau_int_energy: (c) => c.tau_int.energy,
  tau_int_R: (c) => c.tau_int.R,
  unequilibrated: (c) => c.unequilibrated,
  theory_R: (c) => c.theory?.R ?? NaN,
  theory_q: (c) => c.theory?.q ?? NaN,
  theory_eps_g: (c) => c.theory?.eps_g ?? NaN,
  theory_eps_t: (c) => c.theory?.eps_t ?? NaN,
  theory_f: (c) => c.theory?.f ?? NaN,
  theory_s: (c) => c.theory?.s ?? NaN,
  theory_perfect: (c) => (c.theory ? (c.theory.branch === 'perfect' ? 1 : 0) : NaN),
} satisfies Record<string, (cell: CellRecord) => number>;

export type SweepObservable = keyof typeof SWEEP_OBSERVABLES;

/**
 * One observable on the grid, row-major with shape [taus.length, alphas.length]: row i is τ = taus[i], column j
 * is α = alphas[j] (an image with α across and τ down). Cells not yet run are NaN.
 */
export function sweepGrid(result: SweepResult, observable: SweepObservable): Float64Array {
  record('result', result);
  list('result.cells', result.cells);
  list('result.alphas', result.alphas);
  list('result.taus', result.taus);
  oneOf('observable', observable, Object.keys(SWEEP_OBSERVABLES) as SweepObservable[]);
  const grid = new Float64Array(result.taus.length * result.alphas.length).fill(NaN);
  const pick = SWEEP_OBSERVABLES[observable];
  const column = new Map(result.alphas.map((a, j) => [a, j]));
  const row = new Map(result.taus.map((t, i) => [t, i]));
  for (const cell of result.cells) {
    const i = row.get(cell.tau);
    const j = column.get(cell.alpha);
    if (i !== undefined && j !== undefined) grid[i * result.alphas.length + j] = pick(cell);
  }
  return grid;
}
