/**
 * One part of the device benchmark (src/labs/benchmark.ts): this worker's τ rows of the standard grid on the core's
 * WebAssembly chains, or the whole grid on the GPU (the best device mode, software renderers included, as
 * `backend=gpu` takes them: the panel says which).
 */
import { buildLayout, checkGrid, measureLayoutRate } from '../../src/gpu/index.js';
import { BENCHMARK_GRID, benchmarkRows, type BenchmarkRequest, type BenchmarkRun } from '../../src/labs/index.js';
import { device, gpuInstance } from './backend.js';
import { measureChainRate } from './chainRate.js';
import type { JobControl } from './jobs.js';

export async function computeBenchmark(request: BenchmarkRequest, control: JobControl): Promise<BenchmarkRun> {
  const budgetMs = request.seconds * 1000;
  const { weights, n, alphas, taus, seed } = BENCHMARK_GRID;
  control.progress(0, 1, request.target === 'gpu' ? 'GPU' : `CPU worker ${request.part + 1} of ${request.parts}`);
  if (request.target === 'cpu') {
    const cells = benchmarkRows(request.part).flatMap((row) => alphas.map((alpha) => ({ alpha, tau: taus[row]! })));
    const rate = await measureChainRate({ weights, n, cells, seed, budgetMs, signal: control.signal });
    control.progress(1, 1);
    return {
      target: 'cpu', mode: 'wasm', renderer: null, software: false, chains: rate.chains, start_seconds: rate.startSeconds, seconds: rate.seconds,
      sweeps: rate.sweeps, proposals_per_second: rate.proposalsPerSecond, field_updates_per_second: rate.fieldUpdatesPerSecond, error: null,
    };
  }
  const found = await device('gpu');
  const chains = alphas.length * taus.length * 2;
  const missing = (error: string): BenchmarkRun => ({
    target: 'gpu', mode: found.mode, renderer: found.renderer, software: found.software, chains, start_seconds: 0, seconds: 0, sweeps: 0,
    proposals_per_second: 0, field_updates_per_second: 0, error,
  });
  if (!found.mode) return missing('no working WebGPU or WebGL in this browser');
  try {
    const layout = buildLayout(checkGrid({ weights, n, alphas, taus, samples: 1, seed, equilibrationSweeps: 0, measurementSweeps: 1 }));
    const rate = await measureLayoutRate(gpuInstance(found.mode), found.mode, layout, budgetMs);
    control.progress(1, 1);
    return {
      target: 'gpu', mode: found.mode, renderer: found.renderer, software: found.software, chains, start_seconds: rate.startSeconds,
      seconds: rate.sweeps / rate.sweepsPerSecond, sweeps: rate.sweeps, proposals_per_second: rate.proposalsPerSecond,
      field_updates_per_second: rate.fieldUpdatesPerSecond, error: null,
    };
  } catch (error) {
    return missing(error instanceof Error ? error.message : String(error));
  }
}
