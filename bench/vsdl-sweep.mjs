// Wall time of `vsdl sweep` on a 20×20 Ising grid at N = 200 with 1 and 2 worker threads, whether the two files
// are identical, and how many cells agree with the replica theory (|R − R_th| ≤ 3 SE + 1/N), overall and away
// from the first-order transition. Fixed schedule (300 + 600 sweeps, 2 samples) so that it runs in minutes.
// Usage: npm run build && node bench/vsdl-sweep.mjs [dist-folder]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.argv[2] ?? path.join(here, '..', 'dist'));
const { sweepAgreement } = await import(pathToFileURL(path.join(dist, 'core', 'vsdl', 'index.js')).href);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vsdl-sweep-'));
const cli = path.join(work, 'vsdl.mjs');
fs.writeFileSync(cli, `const { run } = await import(${JSON.stringify(pathToFileURL(path.join(dist, 'cli', 'main.js')).href)});\nprocess.exitCode = await run(process.argv.slice(2));\n`);

const args = ['sweep', '--weights', 'ising', '--alpha', '0.5:3:20', '--tau', '0.1:1:20', '--n', '200', '--samples', '2',
  '--equilibration', '300', '--measurement', '600', '--seed', '1'];
console.log(`vsdl-sweep: vsdl ${args.join(' ')} --workers K --out FILE`);
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} (${os.availableParallelism()} cores), node ${process.version}, load ${os.loadavg()[0].toFixed(2)}`);
console.log(`date: ${new Date().toISOString()}\n`);

const files = {};
for (const workers of [1, 2]) {
  const out = path.join(work, `sweep-${workers}.json`);
  const t0 = performance.now();
  execFileSync(process.execPath, [cli, ...args, '--workers', String(workers), '--out', out], { stdio: ['ignore', 'ignore', 'inherit'] });
  const seconds = (performance.now() - t0) / 1000;
  files[workers] = fs.readFileSync(out, 'utf8');
  console.log(`workers ${workers}: ${seconds.toFixed(1)} s wall`);
}
console.log(`files identical: ${files[1] === files[2]}`);

const doc = JSON.parse(files[1]);
const all = sweepAgreement(doc);
// Away from the transition: below α_c − 0.15 (poor branch is the equilibrium and the only branch a finite chain
// finds quickly) or above α_spinodal + 0.15 (only the perfect branch exists).
const lines = new Map(doc.phase_lines.map((l) => [l.tau, l]));
const away = doc.cells.filter((c) => {
  const l = lines.get(c.tau);
  return l.alpha_c !== null && (c.alpha < l.alpha_c - 0.15 || c.alpha > (l.alpha_spinodal ?? l.alpha_c) + 0.15);
});
const awayAgreement = sweepAgreement({ ...doc, cells: away });
console.log(`agreement (3 SE + 1/N in R): ${all.agree} of ${all.checked} cells overall; ${awayAgreement.agree} of ${awayAgreement.checked} away from the transition`);
const unequilibrated = doc.cells.filter((c) => c.unequilibrated > 0).length;
console.log(`cells with R_se = 0 (frozen at the teacher): ${doc.cells.filter((c) => c.R_se === 0).length}; unequilibrated flags: ${unequilibrated}`);
for (const o of awayAgreement.outliers.slice(0, 10)) console.log(`  outlier away from the transition: α = ${o.alpha.toFixed(3)}, τ = ${o.tau.toFixed(3)}, R = ${o.R.toFixed(3)}, theory ${o.theory_R.toFixed(3)}, z = ${o.z.toFixed(1)}`);
fs.rmSync(work, { recursive: true, force: true });
