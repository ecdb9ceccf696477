// Where the lab worker computes, run directly in Node: gpu.js offers no device here, so every request ends on the
// CPU and says why; the benchmark's CPU part measures, its GPU part reports the missing device.
import { describe, expect, it } from 'vitest';
import { BENCHMARK_GRID, checkBenchmarkRequest, labDefaults, type BenchmarkRun } from '../../src/labs/index.js';
import { ParameterError } from '../../src/core/errors.js';
import { computeBenchmark } from '../../workers/compute/benchmark.js';
import { computeEdge } from '../../workers/compute/edge.js';
import { silentControl } from '../../workers/compute/jobs.js';
import { computeMonteCarlo } from '../../workers/compute/phase.js';
import { benchmarkExport, benchmarkTable } from '../../src/ui/benchmark/report.js';

const small = { ...labDefaults('phase'), mcN: 16, mcAlphaSteps: 2, mcTauSteps: 2, sweeps: 50 };

describe('compute reports', () => {
  it.each(['auto', 'gpu', 'cpu'] as const)('backend=%s without a device: the CPU, with the reason and the measured rate', async (backend) => {
    const r = await computeMonteCarlo({ ...small, backend }, silentControl(), () => {});
    expect(r.compute).toMatchObject({ requested: backend, backend: 'cpu', mode: 'wasm', renderer: null, software: false, unit: 'proposals/s', probe: null });
    expect(r.compute.reason).toMatch(backend === 'cpu' ? /as asked/ : /no working WebGPU or WebGL/);
    // 2 × 2 cells, one sample, two replicas, N = 16, 50 + 50 sweeps.
    expect(r.compute.rate * r.compute.seconds).toBeCloseTo(4 * 2 * 16 * 100, 6);
  });

  it('says that Gaussian edge draws use the β-Laguerre model, on any backend', async () => {
    const r = await computeEdge({ ...labDefaults('edge'), n: 200, draws: 20, backend: 'gpu' }, silentControl());
    expect(r.compute).toMatchObject({ backend: 'cpu', unit: 'draws/s', reason: expect.stringMatching(/Laguerre/) });
  });
});

describe('benchmark parts', () => {
  it('measures a CPU part on its own τ rows, and reports a missing GPU', async () => {
    const cpu = await computeBenchmark({ target: 'cpu', part: 1, parts: 2, seconds: 0.2 }, silentControl());
    expect(cpu).toMatchObject({ target: 'cpu', mode: 'wasm', chains: 2 * BENCHMARK_GRID.alphas.length * 2, error: null });
    expect(cpu.proposals_per_second).toBeGreaterThan(0);
    // Each proposal reads its chain's P fields: the ratio is the mean P of the rows' cells (α·N over α up to 3).
    const meanP = BENCHMARK_GRID.alphas.reduce((s, a) => s + Math.round(a * BENCHMARK_GRID.n), 0) / BENCHMARK_GRID.alphas.length;
    expect(cpu.field_updates_per_second / cpu.proposals_per_second).toBeCloseTo(meanP, 6);
    const gpu = await computeBenchmark({ target: 'gpu', part: 0, parts: 1, seconds: 0.2 }, silentControl());
    expect(gpu).toMatchObject({ target: 'gpu', mode: null, proposals_per_second: 0, error: expect.stringMatching(/no working WebGPU or WebGL/) });
  }, 60000);

  it('checks its requests', () => {
    for (const bad of [null, { target: 'tpu', part: 0, parts: 1, seconds: 1 }, { target: 'cpu', part: 2, parts: 2, seconds: 1 }, { target: 'cpu', part: 0, parts: 1, seconds: 0 }]) {
      expect(() => checkBenchmarkRequest(bad)).toThrow(ParameterError);
    }
  });
});

describe('benchmark table and export', () => {
  const run = (target: 'cpu' | 'gpu', rate: number, extra: Partial<BenchmarkRun> = {}): BenchmarkRun => ({
    target, mode: target === 'cpu' ? 'wasm' : 'webgl2', renderer: target === 'cpu' ? null : 'ANGLE (NVIDIA)', software: false, chains: 256, start_seconds: 0.5,
    seconds: 2, sweeps: 10, proposals_per_second: rate, field_updates_per_second: rate * 300, error: null, ...extra,
  });

  it('sets one worker, every worker and the GPU side by side, as multiples of one worker', () => {
    const rows = benchmarkTable(run('cpu', 2e6), [run('cpu', 1.5e6), run('cpu', 1.7e6)], run('gpu', 60e6));
    expect(rows.map((r) => [r.label, r.proposals_per_second, r.speedup])).toEqual([
      ['WebAssembly, one worker', 2e6, 1],
      ['WebAssembly, 2 workers', 3.2e6, 1.6],
      ['GPU, webgl2 (ANGLE (NVIDIA))', 60e6, 30],
    ]);
    const failed = benchmarkTable(run('cpu', 2e6), [], run('gpu', 0, { mode: null, renderer: null, error: 'no working WebGPU or WebGL in this browser' }));
    expect(failed[1]).toMatchObject({ speedup: null, note: 'no working WebGPU or WebGL in this browser' });
    expect(benchmarkTable(run('cpu', 2e6), [], run('gpu', 1e5, { software: true }))[1]!.note).toMatch(/software renderer/);
  });

  it('exports the rows with the device, the grid, the seed and the versions', () => {
    const rows = benchmarkTable(run('cpu', 2e6), [run('cpu', 2e6)], run('gpu', 6e7));
    const data = benchmarkExport(rows, { user_agent: 'test', cores: 2, memory_gib: null }, 'http://x/?lab=phase');
    expect(data.columns.proposals_per_second).toEqual([2e6, 2e6, 6e7]);
    expect(data.meta).toMatchObject({ lab: 'benchmark', seed: 'benchmark', device: { cores: 2 }, software: { name: 'vsdl-lab' }, generator: { name: 'philox4x32-10' } });
    expect((data.meta.runs as BenchmarkRun[]).length).toBe(3);
  });
});
