/**
 * The phase lab's numbers as exports: the theory grid in long form with the Ising phase lines, the Monte Carlo cells
 * with their standard errors beside the theory, and the layer map with the predicted phase beside the fitted one.
 * Every one carries its provenance in `meta`.
 */
import type { LayerCellRecord } from '../../core/layer/index.js';
import type { CellRecord } from '../../core/vsdl/index.js';
import type { BbpBoundary, GridAxes, TheoryRow } from '../../labs/index.js';
import type { ExportData } from '../export/exporters.js';
import type { PhaseLinePoint } from '../plots/heatmapTypes.js';

const nan = (v: number | null | undefined) => (v === null || v === undefined ? NaN : v);

/** The theory grid in long form (one row per cell), with the Ising phase lines by τ as arrays (NaN: no line there). */
export function theoryExport(rows: readonly TheoryRow[], axes: GridAxes, lines: readonly PhaseLinePoint[], meta: Record<string, unknown>): ExportData {
  const columns = {
    tau: rows.flatMap((r) => axes.alphas.map(() => r.tau)),
    alpha: rows.flatMap(() => axes.alphas),
    eps_g: rows.flatMap((r) => Array.from(r.eps_g)),
    R: rows.flatMap((r) => Array.from(r.R)),
    q: rows.flatMap((r) => Array.from(r.q)),
    eps_t: rows.flatMap((r) => Array.from(r.eps_t)),
  };
  const arrays = {
    phase_lines_tau: Float64Array.from(lines.map((l) => l.tau)),
    alpha_c: Float64Array.from(lines.map((l) => nan(l.alpha_c))),
    alpha_spinodal: Float64Array.from(lines.map((l) => nan(l.alpha_spinodal))),
    alpha_zero_entropy: Float64Array.from(lines.map((l) => nan(l.alpha_zero_entropy))),
  };
  return { name: 'phase-theory', columns, arrays, npy: 'table', meta: { ...meta, alphas: axes.alphas, taus: axes.taus, phase_lines: lines } };
}

/** The Monte Carlo cells: each observable with its standard error, beside the replica theory at the same (α, τ). */
export function monteCarloExport(cells: readonly CellRecord[], meta: Record<string, unknown>): ExportData {
  const col = (f: (c: CellRecord) => number | null | undefined) => cells.map((c) => nan(f(c)));
  const columns: Record<string, number[]> = { alpha: col((c) => c.alpha), tau: col((c) => c.tau), p: col((c) => c.p) };
  for (const key of ['eps_g', 'R', 'q', 'eps_t'] as const) {
    columns[key] = col((c) => c[key]);
    columns[`${key}_se`] = col((c) => c[`${key}_se`]);
    columns[`${key}_theory`] = col((c) => c.theory?.[key]);
  }
  columns.acceptance = col((c) => c.acceptance);
  return { name: 'phase-monte-carlo', columns, npy: 'table', meta: { ...meta, cells } };
}

/** The layer map: phases as indices into `phases` (−1: none), theory beside simulation. */
export function layerExport(cells: readonly LayerCellRecord[], axes: GridAxes, phases: readonly string[], boundaries: readonly BbpBoundary[], meta: Record<string, unknown>): ExportData {
  const index = (p: string | null | undefined) => (p ? phases.indexOf(p) : -1);
  const columns = {
    tau: cells.map((c) => c.tau),
    alpha: cells.map((c) => c.alpha),
    phase: cells.map((c) => index(c.phase)),
    predicted_phase: cells.map((c) => index(c.theory?.predicted_phase)),
    R: cells.map((c) => c.R),
    R_se: cells.map((c) => c.R_se),
    R_theory: cells.map((c) => nan(c.theory?.R)),
    eps_g: cells.map((c) => c.eps_g),
    eps_g_theory: cells.map((c) => nan(c.theory?.eps_g)),
    num_spikes: cells.map((c) => c.num_spikes),
    lambda_max: cells.map((c) => c.lambda_max),
  };
  return { name: 'phase-layer', columns, npy: 'table', meta: { ...meta, alphas: axes.alphas, taus: axes.taus, phases, bbp_boundaries: boundaries, cells } };
}
