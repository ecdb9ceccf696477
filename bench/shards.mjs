// Sharding `vsdl sweep`: the same Ising grid run by one process on one core, and as K shards in K processes at
// once (one core each, as the tasks of an array job), then merged. Reports cells per second per core, the field
// updates per second the cost model assumes (ASSUMED_RATE) against those measured, the balance of the shards
// (each shard's wall time against its estimate) and whether the merged file equals the one-process file byte for
// byte. Fixed schedule (300 + 600 sweeps, 2 samples), so the cost model's work per cell is exact.
// Usage: npm run build && node bench/shards.mjs [K (default: the cores)]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist');
const { ASSUMED_RATE, planSweep } = await import(path.join(dist, 'core', 'vsdl', 'index.js'));
const { assignShards } = await import(path.join(dist, 'core', 'shards', 'index.js'));
const { sweepGridPlan } = await import(path.join(dist, 'cli', 'sweep', 'kinds.js'));
const cli = path.join(here, '..', 'bin', 'vsdl.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vsdl-shards-'));
const shards = Number(process.argv[2] ?? os.availableParallelism());

const grid = { weights: 'ising', alphas: [0.5, 1, 1.5, 2, 2.5, 3], taus: [0.3, 0.6, 0.9, 1.2], n: 200, samples: 2, seed: 1, schedule: { equilibrationSweeps: 300, measurementSweeps: 600 } };
const args = ['sweep', '--weights', 'ising', '--alpha', grid.alphas.join(','), '--tau', grid.taus.join(','), '--n', '200', '--samples', '2',
  '--equilibration', '300', '--measurement', '600', '--seed', '1', '--workers', '1'];
const plan = sweepGridPlan(planSweep(grid));
const work1 = plan.costs.reduce((a, b) => a + b, 0);
console.log(`shards: vsdl ${args.join(' ')}: ${plan.keys.length} cells, ${work1.toExponential(3)} field updates`);
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} (${os.availableParallelism()} cores), node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
console.log(`date: ${new Date().toISOString()}\n`);

const whole = path.join(work, 'whole.json');
let t0 = performance.now();
execFileSync(process.execPath, [cli, ...args, '--out', whole], { stdio: ['ignore', 'ignore', 'inherit'] });
const one = (performance.now() - t0) / 1000;
console.log(`one process, one core: ${one.toFixed(1)} s, ${(plan.keys.length / one).toFixed(2)} cells/s, ` +
  `${(work1 / one).toExponential(2)} field updates/s (the cost model assumes ${ASSUMED_RATE.toExponential(1)})`);

const assignment = assignShards(plan.costs, shards);
const estimate = Array.from({ length: shards }, (_, k) => plan.costs.reduce((s, c, i) => s + (assignment[i] === k ? c : 0), 0) / ASSUMED_RATE);
const seconds = new Array(shards).fill(0);
t0 = performance.now();
await Promise.all(Array.from({ length: shards }, (_, k) => new Promise((resolve, reject) => {
  const start = performance.now();
  const child = spawn(process.execPath, [cli, ...args, '--shard', `${k}/${shards}`, '--out', path.join(work, `part-${k}.json`)], { stdio: ['ignore', 'ignore', 'inherit'] });
  child.on('exit', (code) => (code === 0 ? resolve((seconds[k] = (performance.now() - start) / 1000)) : reject(new Error(`shard ${k} exited ${code}`))));
})));
const sharded = (performance.now() - t0) / 1000;
const merged = path.join(work, 'merged.json');
t0 = performance.now();
execFileSync(process.execPath, [cli, 'merge', '--out', merged, ...Array.from({ length: shards }, (_, k) => path.join(work, `part-${k}.json`))], { stdio: 'ignore' });
const merge = (performance.now() - t0) / 1000;
for (let k = 0; k < shards; k++) console.log(`  shard ${k}/${shards}: ${seconds[k].toFixed(1)} s (estimated ${estimate[k].toFixed(1)} s of cells)`);
console.log(`${shards} shards at once: ${sharded.toFixed(1)} s wall, ${(one / sharded).toFixed(2)}× one process (ideal ${shards}×); merge ${merge.toFixed(2)} s`);
console.log(`merged file ${fs.readFileSync(merged).equals(fs.readFileSync(whole)) ? 'equals' : 'DIFFERS FROM'} the one-process file byte for byte`);
fs.rmSync(work, { recursive: true, force: true });
