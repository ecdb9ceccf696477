/**
 * Exports carry their provenance: the lab, its parameters, the seed, the generator and the software version, as
 * '# ' comment lines in CSV, a `meta` field in JSON, and a JSON sidecar beside .npy files.
 */
import { GENERATOR } from '../../core/random/index.js';
import { jsonText, sidecarJson, toCsv, writeNpy, writeNpz } from '../../io/index.js';
import type { AnyLabValues, LabId } from '../../labs/index.js';
import { SOFTWARE } from '../../version.js';
import { serializeUrlState } from '../state/urlState.js';

export interface ExportData {
  /** File name stem, e.g. 'spectrum-esd'. */
  name: string;
  columns: Record<string, ArrayLike<number>>;
  meta: Record<string, unknown>;
  /** Extra arrays for the .npy/.npz export (e.g. raw eigenvalues). */
  arrays?: Record<string, Float64Array>;
  /** What the .npy holds: 'table' (every column, 2-D) or an extra array's name; default the first extra array, else the table. */
  npy?: string;
}

export function provenance(lab: string, parameters: Record<string, unknown>, url: string): Record<string, unknown> {
  return { software: SOFTWARE, generator: GENERATOR, lab, seed: parameters.seed, parameters, url };
}

/**
 * The provenance of what a lab's job computed: the job's own parameters and the link that computes them again,
 * not the controls', which may have moved on (a change that waits for "run anyway", a run cancelled).
 */
export function jobProvenance(lab: LabId, parameters: AnyLabValues, pageUrl: string): Record<string, unknown> {
  return provenance(lab, parameters, new URL(serializeUrlState({ lab, values: parameters, hidden: [] }), pageUrl).href);
}

export function csvExport(data: ExportData): string {
  const comments = [`${data.name} exported by ${SOFTWARE.name} ${SOFTWARE.version}`, ...Object.entries(data.meta).map(([k, v]) => `${k}: ${commentValue(v)}`)];
  return toCsv(data.columns, { comments });
}

function commentValue(value: unknown): string {
  if (value !== null && typeof value === 'object') return jsonText(value);
  return String(value);
}

export function jsonExport(data: ExportData): string {
  return sidecarJson({ meta: data.meta, columns: data.columns, arrays: data.arrays ?? {} });
}

/**
 * One .npy and its JSON sidecar: the first extra array (raw eigenvalues, λ_max draws) when there is one; otherwise
 * the whole table as a 2-D array, one column per field in order, named in the sidecar's `columns`.
 */
export function npyExport(data: ExportData): { npy: Uint8Array; sidecar: string } {
  const arrays = data.arrays ?? {};
  const key = data.npy === 'table' ? undefined : (data.npy ?? Object.keys(arrays)[0]);
  const values = key === undefined ? undefined : arrays[key];
  if (key !== undefined && values) {
    return { npy: writeNpy({ data: Float64Array.from(values), shape: [values.length] }), sidecar: sidecarJson({ ...data.meta, array: key }) };
  }
  const names = Object.keys(data.columns);
  const rows = names.length > 0 ? data.columns[names[0]].length : 0;
  const table = new Float64Array(rows * names.length);
  names.forEach((name, j) => {
    const column = data.columns[name];
    if (column.length !== rows) throw new Error(`column ${name} has ${column.length} values, not ${rows}`);
    for (let i = 0; i < rows; i++) table[i * names.length + j] = column[i];
  });
  return { npy: writeNpy({ data: table, shape: [rows, names.length] }), sidecar: sidecarJson({ ...data.meta, columns: names }) };
}

/** Every column and every extra array of an export in one .npz, with the provenance in its manifest. */
export function npzOfExport(data: ExportData): { npz: Uint8Array; manifest: string } {
  const arrays: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(data.columns)) arrays[name] = Float64Array.from(values);
  for (const [name, values] of Object.entries(data.arrays ?? {})) arrays[name] = values;
  return npzExport(arrays, data.meta);
}

/** Several arrays in one .npz (NumPy's np.load reads it) plus a JSON manifest. */
export function npzExport(arrays: Record<string, Float64Array>, meta: Record<string, unknown>): { npz: Uint8Array; manifest: string } {
  const entries: Record<string, { data: Float64Array; shape: number[] }> = {};
  // Series labels may hold a slash (λ/σ²), which an archive member's name may not: it would be a folder.
  for (const [name, data] of Object.entries(arrays)) entries[name.replace(/[/\\]/g, '∕')] = { data, shape: [data.length] };
  return { npz: writeNpz(entries), manifest: sidecarJson({ ...meta, arrays: Object.keys(entries) }) };
}

export function download(content: BlobPart, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadPng(canvas: HTMLCanvasElement, filename: string): void {
  canvas.toBlob((blob) => {
    if (blob) download(blob, filename, 'image/png');
  }, 'image/png');
}
