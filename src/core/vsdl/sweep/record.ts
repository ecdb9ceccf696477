import { record, text } from '../../validate.js';
import type { CellResult } from '../cell.js';
import { cellTheory } from './theory.js';
import type { ResolvedCellParams } from '../types.js';
import type { CellRecord } from './types.js';

/** The stored form of a finished cell: its estimates, how they were obtained, and the theory beside them. */
export function toCellRecord(key: string, params: ResolvedCellParams, result: CellResult): CellRecord {
  text('key', key);
  record('params', params);
  record('result', result);
  return {
    key,
    alpha: params.alpha,
    tau: params.tau,
    p: result.p,
    R: result.R,
    q: result.q,
    eps_g: result.eps_g,
    eps_t: result.eps_t,
    energy: result.energy,
    R_se: result.R_se,
    q_se: result.q_se,
    eps_g_se: result.eps_g_se,
    eps_t_se: result.eps_t_se,
    energy_se: result.energy_se,
    error_kind: result.errorKind,
    acceptance: result.acceptance,
    tau_int: { energy: result.tau_int.energy, R: result.tau_int.R },
    equilibration_sweeps: result.schedule.equilibrationSweeps,
    measurement_sweeps: result.schedule.measurementSweeps,
    unequilibrated: result.schedule.unequilibrated,
    ...cellTheory(params.weights, params.alpha, params.tau, params.noise),
  };
}
