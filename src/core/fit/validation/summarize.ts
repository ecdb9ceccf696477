import { list, record } from '../../validate.js';
import { PHASES, type Phase } from '../phases.js';
import type { ValidationRow } from './run.js';
import { meanSe } from '../../stats/summary.js';

/** Estimate-versus-truth statistics of one quantity in one grid cell. */
export interface QuantitySummary {
  cell: string;
  quantity: 'alpha' | 'sigma_mp' | 'num_spikes' | 'lambda_max' | 'phase';
  /** Mean of the true values (for lambda_max: of the predictions; for phase: the constructed label). */
  truth: number | string;
  /** Rows with an estimate. */
  n: number;
  failures: number;
  failure_rate: number;
  /** Mean and SD of estimate − truth (lambda_max: ln(λ̂/pred), as Fréchet laws have no mean; phase: null). */
  bias: number | null;
  sd: number | null;
  rmse: number | null;
  /** Fraction of rows whose phase equals the constructed one (phase only). */
  accuracy: number | null;
}

export interface ValidationSummary {
  quantities: QuantitySummary[];
  /** counts[i][j]: constructed phase PHASES[i], fitted phase labels[j] ('none' when no phase was assigned). */
  confusion: { labels: (Phase | 'none')[]; counts: number[][] };
  accuracy: number;
}

type Getter = (row: ValidationRow) => [number | null, number | null];

const QUANTITIES: [QuantitySummary['quantity'], Getter][] = [
  ['alpha', (r) => [r.alpha, r.alpha_true]],
  ['sigma_mp', (r) => [r.sigma_mp, r.sigma_true]],
  ['num_spikes', (r) => [r.num_spikes, r.spikes_true]],
  ['lambda_max', (r) => [r.lambda_max, r.lambda_max_pred]],
];

/** Bias, spread and RMSE of the errors in one cell; the spread of a single error is unknown (null), not 0. */
function stats(errors: number[]): { bias: number; sd: number | null; rmse: number } {
  const { mean: bias, sd, n } = meanSe(errors);
  const rmse = Math.sqrt(errors.reduce((a, b) => a + b * b, 0) / n);
  return { bias, sd: n > 1 ? sd : null, rmse };
}

export function summarize(rows: readonly ValidationRow[]): ValidationSummary {
  list('rows', rows).forEach((row, i) => record(`rows[${i}]`, row));
  const cells = [...new Set(rows.map((r) => r.cell))];
  const quantities: QuantitySummary[] = [];
  for (const cell of cells) {
    const inCell = rows.filter((r) => r.cell === cell);
    for (const [quantity, get] of QUANTITIES) {
      const withTruth = inCell.filter((r) => get(r)[1] !== null);
      if (withTruth.length === 0) continue;
      const errors: number[] = [];
      let truthSum = 0;
      for (const r of withTruth) {
        const [estimate, truth] = get(r) as [number | null, number];
        truthSum += truth;
        if (r.status !== 'ok' || estimate === null || !Number.isFinite(estimate)) continue;
        errors.push(quantity === 'lambda_max' ? Math.log(estimate / truth) : estimate - truth);
      }
      const failures = withTruth.length - errors.length;
      const s = errors.length ? stats(errors) : null;
      quantities.push({
        cell, quantity, truth: truthSum / withTruth.length, n: errors.length, failures,
        failure_rate: failures / withTruth.length, bias: s?.bias ?? null, sd: s?.sd ?? null, rmse: s?.rmse ?? null, accuracy: null,
      });
    }
    const labelled = inCell.filter((r) => r.status === 'ok' && r.phase !== null);
    const correct = labelled.filter((r) => r.phase === r.phase_true).length;
    quantities.push({
      cell, quantity: 'phase', truth: inCell[0].phase_true, n: labelled.length, failures: inCell.length - labelled.length,
      failure_rate: (inCell.length - labelled.length) / inCell.length, bias: null, sd: null, rmse: null,
      accuracy: correct / inCell.length,
    });
  }
  const labels: (Phase | 'none')[] = [...PHASES, 'none'];
  const counts = PHASES.map(() => labels.map(() => 0));
  for (const r of rows) counts[PHASES.indexOf(r.phase_true)][labels.indexOf(r.phase ?? 'none')]++;
  const correct = rows.filter((r) => r.phase === r.phase_true).length;
  return { quantities, confusion: { labels, counts }, accuracy: rows.length ? correct / rows.length : NaN };
}
