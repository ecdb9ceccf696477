// The page side of bench/vsdl-gpu-browser.mjs: bundled with the kernels, it measures the grid on every mode the
// browser offers (webgpu, webgl2, webgl, webasm, cpu) and the CPU reference, and returns the numbers.
import { runCellSync } from '../src/core/vsdl/index.js';
import { chooseGpuMode, createGpuBackend } from '../src/gpu/index.js';
import type { GridOptions } from '../src/gpu/index.js';

interface Row {
  backend: string;
  seconds: number;
  proposals: number;
  drift?: number;
  executed?: string[];
  error?: string;
  /** Whether every cell's R and ε_t equal those of the first gpu.js mode that ran (bit for bit). */
  sameAsFirst?: boolean;
}

async function runBench(grid: GridOptions & { equilibrationSweeps: number; measurementSweeps: number }) {
  const choice = await chooseGpuMode();
  const proposals = grid.alphas.length * grid.taus.length * grid.samples * 2 * grid.n * (grid.equilibrationSweeps + grid.measurementSweeps);
  const rows: Row[] = [];
  let first: string | undefined;
  let start = performance.now();
  for (const tau of grid.taus) {
    for (const alpha of grid.alphas) {
      runCellSync({ weights: 'ising', n: grid.n, alpha, tau, samples: grid.samples, seed: grid.seed,
        schedule: { equilibrationSweeps: grid.equilibrationSweeps, measurementSweeps: grid.measurementSweeps } });
    }
  }
  rows.push({ backend: 'cpu reference (runCellSync)', seconds: (performance.now() - start) / 1000, proposals });
  for (const m of choice.measurements.filter((x) => x.ms !== null)) {
    const backend = createGpuBackend({ mode: m.mode });
    try {
      start = performance.now();
      const results = await backend.runGrid(grid);
      const seconds = (performance.now() - start) / 1000;
      const key = JSON.stringify(results.map((r) => [r.R, r.eps_t]));
      first ??= key;
      rows.push({ backend: `gpu.js ${m.mode}`, seconds, proposals, drift: results[0]!.gpu.maxFieldDrift, executed: results[0]!.gpu.executed, sameAsFirst: key === first });
    } catch (error) {
      rows.push({ backend: `gpu.js ${m.mode}`, seconds: NaN, proposals, error: String((error as Error)?.stack ?? error).slice(0, 600) });
    } finally {
      await backend.destroy();
    }
  }
  return { userAgent: navigator.userAgent, choice, rows };
}

(globalThis as unknown as { runBench: typeof runBench }).runBench = runBench;
