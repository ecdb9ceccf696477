/**
 * Exports carry their provenance: the lab, its parameters, the seed, the generator and the software version, as
 * '# ' comment lines in CSV, a `meta` field in JSON, and a JSON sidecar beside .npy files.
 */
import { GENERATOR } from '../../core/random/index.js';
import { jsonText, sidecarJson, toCsv, writeNpy, writeNpz } from '../../io/index.js';
import { SOFTWARE } from '../../version.js';

export interface ExportData {
  /** File name stem, e.g. 'spectrum-esd'. */
  name: string;
  columns: Record<string, ArrayLike<number>>;
  meta: Record<string, unknown>;
  /** Extra arrays for the .npy/.npz export (e.g. raw eigenvalues). */
  arrays?: Record<string, Float64Array>;
}

export function provenance(lab: string, parameters: Record<string, unknown>, url: string): Record<string, unknown> {
  return { software: SOFTWARE, generator: GENERATOR, lab, seed: parameters.seed, parameters, url };
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

/** One .npy (the first extra array, or the first column) and its JSON sidecar naming the columns and parameters. */
export function npyExport(data: ExportData): { npy: Uint8Array; sidecar: string } {
  const arrays = data.arrays ?? {};
  const [key, values] = Object.entries(arrays)[0] ?? Object.entries(data.columns)[0];
  const array = Float64Array.from(values);
  return { npy: writeNpy({ data: array, shape: [array.length] }), sidecar: sidecarJson({ ...data.meta, array: key }) };
}

/** Several arrays in one .npz (NumPy's np.load reads it) plus a JSON manifest. */
export function npzExport(arrays: Record<string, Float64Array>, meta: Record<string, unknown>): { npz: Uint8Array; manifest: string } {
  const entries: Record<string, { data: Float64Array; shape: number[] }> = {};
  for (const [name, data] of Object.entries(arrays)) entries[name] = { data, shape: [data.length] };
  return { npz: writeNpz(entries), manifest: sidecarJson({ ...meta, arrays: Object.keys(arrays) }) };
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
