/**
 * The in-app benchmark: this device's Metropolis rates on the standard grid (64 × 64 Ising cells at N = 200, two
 * replicas each: 8192 chains), measured on one WebAssembly worker, on every worker at once, and on the GPU, shown
 * side by side and exported so that users can report them. The page runs the parts on its workers; each part
 * measures steady-state sweeps for a time budget after a first block (compilation, start-up), which it reports
 * apart.
 */
import { ParameterError } from '../core/errors.js';
import { stepsUpTo } from './axes.js';

export const BENCHMARK_GRID = {
  weights: 'ising' as const,
  n: 200,
  alphas: stepsUpTo(3, 64),
  taus: stepsUpTo(1, 64),
  samples: 1,
  seed: 'benchmark',
};

/** τ rows one CPU worker runs (all 64 α of each: every P of the grid, in proportion). */
export const BENCHMARK_CPU_ROWS = 2;
/** Timed seconds per part (after the first block). */
export const BENCHMARK_SECONDS = 2;

export interface BenchmarkRequest {
  /** 'cpu': this worker's τ rows on the core's WebAssembly chains; 'gpu': the whole grid on the GPU. */
  target: 'cpu' | 'gpu';
  /** Which CPU worker this is (its rows: part·BENCHMARK_CPU_ROWS …), of `parts` running at once. */
  part: number;
  parts: number;
  seconds: number;
}

/** One part's measurement (JSON-ready: the export's rows). */
export interface BenchmarkRun {
  target: 'cpu' | 'gpu';
  /** 'wasm', or the gpu.js device mode; null when no device could run. */
  mode: string | null;
  renderer: string | null;
  software: boolean;
  chains: number;
  /** Start-up (compilation, first block) and the timed stretch, in seconds. */
  start_seconds: number;
  seconds: number;
  sweeps: number;
  proposals_per_second: number;
  field_updates_per_second: number;
  /** Why the GPU part did not run, when it did not. */
  error: string | null;
}

export function checkBenchmarkRequest(value: unknown): BenchmarkRequest {
  const r = value as BenchmarkRequest;
  if (r === null || typeof r !== 'object') throw new ParameterError('benchmark request', value, 'an object { target, part, parts, seconds }');
  if (r.target !== 'cpu' && r.target !== 'gpu') throw new ParameterError('target', r.target, "'cpu' or 'gpu'");
  if (!Number.isInteger(r.parts) || r.parts < 1 || r.parts > 64) throw new ParameterError('parts', r.parts, 'an integer in [1, 64]');
  if (!Number.isInteger(r.part) || r.part < 0 || r.part >= r.parts) throw new ParameterError('part', r.part, `an integer in [0, ${r.parts - 1}]`);
  if (typeof r.seconds !== 'number' || !(r.seconds > 0 && r.seconds <= 60)) throw new ParameterError('seconds', r.seconds, 'a number in (0, 60]');
  return { target: r.target, part: r.part, parts: r.parts, seconds: r.seconds };
}

/** The τ rows (indices into BENCHMARK_GRID.taus) of CPU part `part`. */
export function benchmarkRows(part: number): number[] {
  const count = BENCHMARK_GRID.taus.length;
  return Array.from({ length: BENCHMARK_CPU_ROWS }, (_, k) => (part * BENCHMARK_CPU_ROWS + k) % count);
}
