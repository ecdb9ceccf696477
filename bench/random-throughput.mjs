// Throughput of the bulk samplers in src/core/random: entries per second for an 8M-entry Float64Array.
// Build first: npx tsc -p tsconfig.build.json ; then: node bench/random-throughput.mjs [entries]
import os from 'node:os';
import {
  createStream,
  fillChi,
  fillGamma,
  fillLomax,
  fillNormal,
  fillParetoSymmetric,
  fillStableSymmetric,
  fillStudentT,
} from '../dist/core/random/index.js';

const entries = Number(process.argv[2] ?? 8 * 1024 * 1024);
const out = new Float64Array(entries);
const cases = [
  ['uniform  stream.fill', (s) => s.fill(out)],
  ['normal   fillNormal', (s) => fillNormal(s, out)],
  ['pareto   fillParetoSymmetric mu=3', (s) => fillParetoSymmetric(s, out, 3)],
  ['lomax    fillLomax mu=3', (s) => fillLomax(s, out, 3)],
  ['gamma    fillGamma shape=2.5', (s) => fillGamma(s, out, 2.5)],
  ['gamma    fillGamma shape=0.5', (s) => fillGamma(s, out, 0.5)],
  ['chi      fillChi k=3', (s) => fillChi(s, out, 3)],
  ['student  fillStudentT nu=3', (s) => fillStudentT(s, out, 3)],
  ['stable   fillStableSymmetric alpha=1.5', (s) => fillStableSymmetric(s, out, 1.5)],
  ['stable   fillStableSymmetric alpha=1', (s) => fillStableSymmetric(s, out, 1)],
];

console.log(`random-throughput: ${entries} entries per fill, best of 3`);
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} cores), node ${process.version}`);
console.log(`date: ${new Date().toISOString()}`);
for (const [name, run] of cases) {
  const stream = createStream('bench', name);
  let best = Infinity;
  for (let repeat = 0; repeat < 3; repeat++) {
    const start = performance.now();
    run(stream);
    best = Math.min(best, performance.now() - start);
  }
  const rate = entries / (best / 1000);
  const seconds = (best / 1000).toFixed(3).padStart(7);
  console.log(`${name.padEnd(40)} ${seconds} s  ${(rate / 1e6).toFixed(1).padStart(6)} M entries/s`);
}
