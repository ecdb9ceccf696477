// Theory curves that drive interactive overlays: 400-point Tracy–Widom and Marchenko–Pastur curves, and a 50×50
// (α, τ) grid of perceptron saddle points. Usage: npm run build && node bench/theory.mjs
import os from 'node:os';
import { mpCdf, mpDensity, perceptronCurve, twCurve } from '../dist/core/theory/index.js';

function time(fn) {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

console.log(`machine: ${os.cpus()[0].model} (${os.cpus().length} cores), node ${process.version}, ${new Date().toISOString()}\n`);
const s = Array.from({ length: 400 }, (_, i) => -8 + (14 * i) / 399);
for (const beta of [1, 2, 4]) {
  const first = time(() => twCurve(s, beta));
  const again = time(() => twCurve(s, beta));
  console.log(`TW${beta} 400-point curve: ${again.ms.toFixed(1)} ms (first call, building the table: ${first.ms.toFixed(0)} ms)`);
}
const lambdas = Array.from({ length: 400 }, (_, i) => (3 * i) / 399);
const mp = time(() => lambdas.map((x) => [mpDensity(x, 2), mpCdf(x, 2)]));
console.log(`MP 400-point density + CDF: ${mp.ms.toFixed(2)} ms`);

const alphas = Array.from({ length: 50 }, (_, i) => 0.1 * (i + 1));
const taus = Array.from({ length: 50 }, (_, i) => 0.04 * (i + 1));
for (const weights of ['ising', 'spherical']) {
  const grid = time(() => taus.reduce((n, tau) => n + perceptronCurve({ weights, tau, alphas }).length, 0));
  console.log(`perceptron ${weights} 50×50 (α, τ) grid (replica, equilibrium branch): ${(grid.ms / 1000).toFixed(2)} s, ${grid.value} states`);
}
