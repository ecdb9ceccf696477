import { ParameterError } from '../errors.js';
/**
 * Metropolis acceptance for an integer energy change ΔE at temperature τ: accept with min(1, e^(−ΔE/τ)).
 * Moves rarely change E by more than a few errors, so e^(−ΔE/τ) is tabulated for ΔE ≤ TABLE_CAP and computed
 * directly beyond. τ = 0 accepts exactly the moves with ΔE ≤ 0.
 */

export const TABLE_CAP = 64;

/** table[ΔE] = e^(−ΔE/τ) for ΔE = 0..TABLE_CAP (all 0 beyond ΔE = 0 when τ = 0). */
export function boltzmannTable(tau: number): Float64Array {
  if (typeof tau !== 'number' || !(tau >= 0)) throw new ParameterError('tau', tau, 'a temperature ≥ 0');
  const table = new Float64Array(TABLE_CAP + 1);
  table[0] = 1;
  if (tau > 0) for (let d = 1; d <= TABLE_CAP; d++) table[d] = Math.exp(-d / tau);
  return table;
}

/** e^(−ΔE/τ) for ΔE > 0 from the table when it holds it. */
export function boltzmannFactor(table: Float64Array, tau: number, deltaE: number): number {
  if (deltaE <= TABLE_CAP) return table[deltaE]!;
  return tau > 0 ? Math.exp(-deltaE / tau) : 0;
}
