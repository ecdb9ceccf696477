// Generation throughput of every ensemble (entries per second) for W of 4000×2000, and peak memory.
// Usage: npm run build && node bench/generate.mjs
import os from 'node:os';
import { generate } from '../dist/core/ensembles/index.js';

const n = 4000;
const m = 2000;
const cases = [
  { ensemble: 'gaussian' },
  { ensemble: 'spiked', spikes: [3, 6, 12], spikeModel: 'covariance' },
  { ensemble: 'spiked', spikes: [1.5, 3], spikeModel: 'additive' },
  { ensemble: 'pareto', mu: 2.5 },
  { ensemble: 'lomax', mu: 2.5 },
  { ensemble: 'student-t', mu: 3 },
  { ensemble: 'stable', mu: 1.5 },
];

console.log(`machine: ${os.cpus()[0].model} (${os.cpus().length} cores), node ${process.version}, ${new Date().toISOString()}`);
console.log(`W is ${n}×${m} (${((n * m) / 1e6).toFixed(0)}M entries), best of 3\n`);
console.log('| ensemble | seconds | entries/s |');
console.log('|---|---|---|');
for (const c of cases) {
  let best = Infinity;
  for (let rep = 0; rep < 3; rep++) {
    const t0 = performance.now();
    generate({ ...c, n, m, seed: `bench-${rep}` });
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  const label = c.ensemble + (c.mu ? ` μ=${c.mu}` : '') + (c.spikeModel ? ` (${c.spikeModel}, ${c.spikes.length} spikes)` : '');
  console.log(`| ${label} | ${best.toFixed(3)} | ${((n * m) / best / 1e6).toFixed(1)} M |`);
}
console.log(`\npeak memory (maxRSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
