// Times the exact fast power-law scan against the naive O(n²) scan on the same eigenvalues.
// Run after `npx tsc -p tsconfig.build.json`:  node bench/powerlaw.mjs [--no-naive-1e5]
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fitPowerLaw } from '../dist/core/fit/index.js';
import { fitPowerLawNaive } from '../dist/core/fit/powerLaw/fit.js';
import { createStream, fillNormal } from '../dist/core/random/index.js';

/** A lognormal bulk with a Pareto tail: the xmin scan then has a real valley, as on trained layers. */
function sample(n, seed) {
  const s = createStream('bench-powerlaw', seed);
  const bulkSize = Math.floor(0.8 * n);
  const x = fillNormal(s, new Float64Array(n), 0, 0.5);
  for (let k = 0; k < bulkSize; k++) x[k] = Math.exp(x[k]);
  for (let k = bulkSize; k < n; k++) x[k] = 2 * s.nextOpenFloat() ** (-1 / 1.5); // α = 2.5
  return x;
}

function time(fn, minRuns) {
  let best = Infinity;
  let result;
  for (let r = 0; r < minRuns; r++) {
    const t0 = performance.now();
    result = fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { ms: best, result };
}

const skipNaive1e5 = process.argv.includes('--no-naive-1e5');
console.log(`power-law scan bench — ${os.cpus()[0].model}, node ${process.version}, ${new Date().toISOString()}`);
/** Exact Pareto quantiles (α = 2.5): every candidate fits well, the hardest case for skipping. */
function quantiles(n) {
  return Float64Array.from({ length: n }, (_, k) => 2 * ((k + 0.5) / n) ** (-1 / 1.5));
}

for (const [n, kind] of [[1e4, 'mixture'], [1e4, 'quantiles'], [1e5, 'mixture']]) {
  const x = kind === 'quantiles' ? quantiles(n) : sample(n, 'm');
  const fast = time(() => fitPowerLaw(x), 5);
  const curve = time(() => fitPowerLaw(x, { scan: true }), 1);
  let line = `n = ${n} (${kind}): fast ${fast.ms.toFixed(1)} ms, fast with curves ${curve.ms.toFixed(1)} ms`;
  if (n < 1e5 || !skipNaive1e5) {
    const naive = time(() => fitPowerLawNaive(x), 1);
    const same = naive.result.xmin === fast.result.xmin && naive.result.alpha === fast.result.alpha && naive.result.D === fast.result.D;
    line += `, naive ${naive.ms.toFixed(0)} ms, ratio ${(naive.ms / fast.ms).toFixed(0)}×, identical: ${same}`;
  }
  console.log(`${line}  [α = ${fast.result.alpha.toFixed(4)}, xmin = ${fast.result.xmin.toPrecision(5)}, D = ${fast.result.D.toExponential(4)}]`);
}
