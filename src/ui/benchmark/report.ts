/**
 * The benchmark panel's numbers: the three measurements side by side (one WebAssembly worker, every worker at
 * once, the GPU), each as proposals and field updates per second and as a multiple of one worker, and their
 * export with the device, the grid, the seed and the versions.
 */
import { BENCHMARK_GRID, type BenchmarkRun } from '../../labs/index.js';
import type { ExportData } from '../export/exporters.js';
import { provenance } from '../export/exporters.js';

export interface DeviceInfo {
  user_agent: string;
  /** navigator.hardwareConcurrency: logical cores the browser reports. */
  cores: number | null;
  /** navigator.deviceMemory (GiB, rounded by the browser) where it tells. */
  memory_gib: number | null;
}

export interface BenchmarkRow {
  label: string;
  /** Workers (CPU rows) or 1 (GPU). */
  workers: number;
  proposals_per_second: number;
  field_updates_per_second: number;
  /** Multiple of one WebAssembly worker (proposals per second). */
  speedup: number | null;
  start_seconds: number;
  runs: BenchmarkRun[];
  note: string | null;
}

/** The rows from the runs: `single` (one worker alone), `all` (every worker at once) and `gpu`. */
export function benchmarkTable(single: BenchmarkRun | null, all: BenchmarkRun[], gpu: BenchmarkRun | null): BenchmarkRow[] {
  const base = single?.proposals_per_second ?? null;
  const ratio = (rate: number) => (base && base > 0 ? rate / base : null);
  const rows: BenchmarkRow[] = [];
  if (single) rows.push({ label: 'WebAssembly, one worker', workers: 1, proposals_per_second: single.proposals_per_second, field_updates_per_second: single.field_updates_per_second, speedup: 1, start_seconds: single.start_seconds, runs: [single], note: null });
  if (all.length > 0) {
    // The workers ran at once for the same budget: their rates add up.
    const proposals = all.reduce((s, r) => s + r.proposals_per_second, 0);
    const fields = all.reduce((s, r) => s + r.field_updates_per_second, 0);
    rows.push({ label: `WebAssembly, ${all.length} workers`, workers: all.length, proposals_per_second: proposals, field_updates_per_second: fields, speedup: ratio(proposals), start_seconds: Math.max(...all.map((r) => r.start_seconds)), runs: all, note: null });
  }
  if (gpu) {
    const what = gpu.mode ? `GPU, ${gpu.mode}${gpu.renderer ? ` (${gpu.renderer})` : ''}` : 'GPU';
    rows.push({
      label: what, workers: 1, proposals_per_second: gpu.proposals_per_second, field_updates_per_second: gpu.field_updates_per_second,
      speedup: gpu.error ? null : ratio(gpu.proposals_per_second), start_seconds: gpu.start_seconds, runs: [gpu],
      note: gpu.error ?? (gpu.software ? 'a software renderer: the GPU API emulated on the CPU' : null),
    });
  }
  return rows;
}

export function benchmarkExport(rows: readonly BenchmarkRow[], device: DeviceInfo, url: string): ExportData {
  const meta = {
    ...provenance('benchmark', { ...BENCHMARK_GRID, alphas: [BENCHMARK_GRID.alphas[0], BENCHMARK_GRID.alphas.at(-1), BENCHMARK_GRID.alphas.length], taus: [BENCHMARK_GRID.taus[0], BENCHMARK_GRID.taus.at(-1), BENCHMARK_GRID.taus.length] }, url),
    device,
    date: new Date().toISOString(),
    rows: rows.map((r, i) => `${i}: ${r.label}${r.note ? ` (${r.note})` : ''}`),
    runs: rows.flatMap((r) => r.runs),
  };
  return {
    name: 'benchmark',
    columns: {
      row: rows.map((_, i) => i),
      workers: rows.map((r) => r.workers),
      proposals_per_second: rows.map((r) => r.proposals_per_second),
      field_updates_per_second: rows.map((r) => r.field_updates_per_second),
      speedup: rows.map((r) => r.speedup ?? NaN),
      start_seconds: rows.map((r) => r.start_seconds),
    },
    meta,
  };
}
