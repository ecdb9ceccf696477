// Proposals per second of the VSDL GPU path (src/gpu) on a 32×32 (α, τ) grid, on every gpu.js mode available
// in Node (webasm, cpu; headlessgl where the optional native `gl` package is installed), against the CPU
// reference (runCellSync, one cell after another, same N, schedule and data) measured in the same run.
// Build first: npx tsc -p tsconfig.build.json ; then: node bench/vsdl-gpu.mjs [sweeps-scale] [dist-dir] [ising|spherical]
// Browsers (webgpu, webgl2, webgl): bench/vsdl-gpu-browser.mjs.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const scale = Number(process.argv[2] ?? 1);
const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.argv[3] ?? path.join(here, '..', 'dist'));
const weights = process.argv[4] ?? 'ising';
const gpuLib = await import(pathToFileURL(path.join(dist, 'gpu', 'index.js')).href);
const vsdl = await import(pathToFileURL(path.join(dist, 'core', 'vsdl', 'index.js')).href);

const linspace = (a, b, k) => Array.from({ length: k }, (_, i) => Number((a + ((b - a) * i) / (k - 1)).toFixed(6)));
const grid = {
  weights,
  n: 32,
  alphas: linspace(0.25, 2, 32),
  taus: linspace(0.1, 2, 32),
  samples: 1,
  seed: 'bench',
  equilibrationSweeps: Math.max(1, Math.round(2 * scale)),
  measurementSweeps: Math.max(1, Math.round(4 * scale)),
};
const chains = grid.alphas.length * grid.taus.length * grid.samples * 2;
const sweeps = grid.equilibrationSweeps + grid.measurementSweeps;
const proposals = chains * grid.n * sweeps;
const meanP = grid.alphas.reduce((s, a) => s + vsdl.examplesFor(grid.n, a), 0) / grid.alphas.length;

console.log(`vsdl-gpu: ${weights} Metropolis proposals per second, whole 32×32 grid in shared launches`);
console.log(`machine: ${os.hostname()}, ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} cores), node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
console.log(`date: ${new Date().toISOString()}`);
console.log(`grid: N = ${grid.n}, ${grid.alphas.length} α × ${grid.taus.length} τ × ${grid.samples} sample × 2 replicas = ${chains} chains, ` +
  `${sweeps} sweeps (${grid.equilibrationSweeps} + ${grid.measurementSweeps}), mean P = ${meanP.toFixed(1)}, ${proposals} proposals`);

const choice = await gpuLib.chooseGpuMode();
console.log('chooseGpuMode:', choice.mode);
for (const m of choice.measurements) {
  console.log(`  ${m.mode.padEnd(10)} ${m.available ? (m.ms === null ? `error: ${m.error}` : `${m.ms.toFixed(2)} ms/probe (ran on ${m.executed})`) : 'not available'}`);
}

const rows = [];
// CPU reference baseline: the same cells, one after another, on this thread.
{
  const start = performance.now();
  for (const tau of grid.taus) {
    for (const alpha of grid.alphas) {
      vsdl.runCellSync({
        weights, n: grid.n, alpha, tau, samples: grid.samples, seed: grid.seed,
        schedule: { equilibrationSweeps: grid.equilibrationSweeps, measurementSweeps: grid.measurementSweeps },
      });
    }
  }
  const seconds = (performance.now() - start) / 1000;
  rows.push({ backend: 'cpu reference (runCellSync)', seconds, pps: proposals / seconds });
}
for (const m of choice.measurements.filter((x) => x.ms !== null && x.mode !== 'webgpu')) {
  const backend = gpuLib.createGpuBackend({ mode: m.mode });
  const start = performance.now();
  const results = await backend.runGrid(grid);
  const seconds = (performance.now() - start) / 1000;
  rows.push({ backend: `gpu.js ${m.mode}`, seconds, pps: proposals / seconds, drift: results[0].gpu.maxFieldDrift, launches: results[0].gpu.launches });
  await backend.destroy();
}
const base = rows[0].pps;
for (const r of rows) {
  console.log(`${r.backend.padEnd(30)} ${r.seconds.toFixed(2).padStart(7)} s  ${(r.pps / 1e6).toFixed(3).padStart(8)} M proposals/s  ` +
    `${((r.pps * meanP) / 1e6).toFixed(1).padStart(7)} M field updates/s  ×${(r.pps / base).toFixed(2)} vs reference` +
    (r.launches ? `  (${r.launches} launches, max field drift ${r.drift.toExponential(2)})` : ''));
}
