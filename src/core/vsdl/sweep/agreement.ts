import { finite, list, positive, record } from '../../validate.js';
import type { CellRecord, SweepResult } from './types.js';

/**
 * How many cells agree with the N → ∞ replica theory: |R − R_theory| ≤ k·R_se + slack, with slack = c/N for
 * the finite-size corrections (of order 1/N away from transitions; see test/core/vsdl/cell.test.ts). Cells
 * without theory or without a finite SE are not checked. Near the Ising transition disagreement is expected:
 * there a finite chain stays on the metastable branch, and the mixed start averages the two branches.
 */
export interface SweepAgreement {
  checked: number;
  agree: number;
  /** α, τ and the deviation in units of R_se of the cells that disagree. */
  outliers: { alpha: number; tau: number; R: number; theory_R: number; z: number }[];
}

export function sweepAgreement(result: SweepResult, options: { k?: number; c?: number } = {}): SweepAgreement {
  const { k = 3, c = 1 } = record<{ k?: number; c?: number }>('options', options);
  record('result', result);
  list('result.cells', result.cells);
  positive('result.N', result.N);
  const slack = c / result.N;
  let checked = 0;
  let agree = 0;
  const outliers: SweepAgreement['outliers'] = [];
  for (const cell of result.cells) {
    if (!cell.theory || !Number.isFinite(cell.R_se)) continue;
    checked++;
    if (agreesWithTheory(cell, k, slack)) agree++;
    else outliers.push({ alpha: cell.alpha, tau: cell.tau, R: cell.R, theory_R: cell.theory.R, z: Math.abs(cell.R - cell.theory.R) / cell.R_se });
  }
  return { checked, agree, outliers };
}

export function agreesWithTheory(cell: CellRecord, k: number, slack: number): boolean {
  record('cell', cell);
  finite('k', k);
  finite('slack', slack);
  return cell.theory !== null && Math.abs(cell.R - cell.theory.R) <= k * cell.R_se + slack;
}
