/**
 * The landscape lab's exports: each figure's numbers in long form (one row per point: series, x, y, y_err, the
 * series named in the metadata), the raw values behind it for .npy, and the whole run as `vsdl landscape --json`
 * prints it, one record per law, with the table.
 */
import type { Figure } from '../../../report/notebook.js';
import type { LandscapeLabResult } from '../../../labs/index.js';
import type { ExportData } from '../../export/exporters.js';
import type { SummaryRow } from './summary.js';

export function figureExport(figure: Figure, name: string, meta: Record<string, unknown>, arrays?: Record<string, Float64Array>): ExportData {
  const series: number[] = [];
  const x: number[] = [];
  const y: number[] = [];
  const yErr: number[] = [];
  figure.series.forEach((s, k) => {
    s.x.forEach((value, i) => {
      if (!Number.isFinite(value)) return;
      series.push(k);
      x.push(value);
      y.push(s.y[i]);
      yErr.push(s.yErr?.[i] ?? NaN);
    });
  });
  return {
    name,
    columns: { series, x, y, y_err: yErr },
    meta: { ...meta, figure: figure.title, x_label: figure.x.label, y_label: figure.y.label, series: figure.series.map((s) => s.label) },
    ...(arrays ? { arrays } : {}),
  };
}

/** The summary table: one row per law, its quantities with their standard errors. */
export function tableExport(rows: readonly SummaryRow[], laws: readonly string[], meta: Record<string, unknown>): ExportData {
  const columns: Record<string, number[]> = { law: laws.map((_, k) => k) };
  for (const row of rows) {
    columns[row.key] = row.values.map((v) => v?.mean ?? NaN);
    columns[`${row.key}_se`] = row.values.map((v) => v?.se ?? NaN);
  }
  return { name: 'landscape-summary', columns, meta: { ...meta, laws, quantities: Object.fromEntries(rows.map((r) => [r.key, r.label])) } };
}

/** The run: per law the core's record and summary (energies per spin), the widths against N and the spectra. */
export function runRecord(result: LandscapeLabResult, meta: Record<string, unknown>): Record<string, unknown> {
  return {
    meta,
    laws: result.laws.map((law, k) => ({ label: law.label, ...result.records[k], summary: result.summaries[k] })),
    widths: result.widths.map((w) => ({ law: w.law, n: w.n, width: w.width, width_se: w.widthSe, instance_spread: w.instanceSpread })),
    spectra: result.spectra.map((s) => ({ law: s.law, draws: s.draws, eigenvalues: s.eigenvalues })),
    enumeration_workers: result.workers,
    millis: result.millis,
  };
}
