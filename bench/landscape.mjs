// Spin-glass landscapes (src/core/landscape) against C references of the same algorithms (bench/landscape-reference.c,
// gcc -O2), on the same couplings and starts:
// 1. exact enumeration, configurations per second on one core: the WebAssembly kernel vs the same table
//    algorithm in C, and the textbook Gray-code enumeration in C (one O(N) flip per configuration) for context;
// 2. enumeration on the worker pool of `vsdl landscape` (all cores);
// 3. 1000 greedy quenches at N = 200 (the TypeScript descent vs C), the random rule, heavy-tailed couplings;
// 4. the default parallel-tempering search at N = 200.
// Rates are the best of `repeats` runs (default 3), which damps the effect of other load on the machine.
// Build first (npm run build); then: node bench/landscape.mjs [repeats]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { descend, drawInstance, enumerationChunk, planEnumeration, randomSpins, resolveLandscape, runLandscape, scanChunk, bestOf } from '../dist/core/landscape/index.js';
import { createStream } from '../dist/core/random/index.js';
import { createEnumerationPool, defaultEnumerationWorkers } from '../dist/cli/landscape/pool.js';

const repeats = Math.max(1, Number(process.argv[2] ?? 3));
const here = path.dirname(fileURLToPath(import.meta.url));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vsdl-landscape-'));
const binary = path.join(work, 'reference');
execFileSync('gcc', ['-O2', '-o', binary, path.join(here, 'landscape-reference.c'), '-lm']);

const best = (f) => {
  let seconds = Infinity;
  let value;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    value = f();
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
  }
  return { seconds, value };
};
const reference = (input, mode) => {
  let out = null;
  for (let r = 0; r < repeats; r++) {
    const run = JSON.parse(execFileSync(binary, [input, mode], { encoding: 'utf8' }));
    if (!out || run.seconds < out.seconds) out = run;
  }
  return out;
};
const instance = (couplings, mu, n, seed = 'bench') => drawInstance(resolveLandscape({ couplings, mu, n, seed, method: 'quench' }), 0);
const header = (n, J, extra = []) => {
  const plan = n <= 48 ? planEnumeration(n) : { rowBits: 0, tableBits: 0 }; // quench inputs carry no plan
  const head = Buffer.alloc(12);
  head.writeInt32LE(n, 0);
  head.writeInt32LE(plan.rowBits, 4);
  head.writeInt32LE(plan.tableBits, 8);
  return Buffer.concat([head, Buffer.from(J.buffer, J.byteOffset, J.byteLength), ...extra]);
};
const g = (x) => (x / 1e9).toFixed(2);

console.log('landscape: spin-glass enumeration and quenches, TypeScript/WebAssembly vs C references (gcc -O2)');
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} cores), node ${process.version}, load ${os.loadavg()[0].toFixed(2)}, best of ${repeats}`);
console.log(`date: ${new Date().toISOString()}`);

console.log('\n1. exact enumeration on one core, configurations per second (Gaussian couplings)');
console.log('N\tconfigurations\twasm G/s\tC table G/s\twasm/C\tC Gray-code G/s\tsame ground state');
for (const n of [26, 28, 30]) {
  const { J } = instance('gaussian', undefined, n);
  const plan = planEnumeration(n, { chunkConfigurations: 2 ** 40 });
  scanChunk(J, plan, enumerationChunk(plan, 0)); // compile and tier up
  const wasm = best(() => scanChunk(J, plan, enumerationChunk(plan, 0)));
  const input = path.join(work, `enum-${n}.bin`);
  fs.writeFileSync(input, header(n, J));
  const table = reference(input, 'table');
  const gray = n <= 28 ? reference(input, 'gray') : null;
  const same = Math.abs(table.energy - wasm.value.energy * n) <= 1e-12 * Math.abs(table.energy);
  const rate = plan.configurations / wasm.seconds;
  const cRate = plan.configurations / table.seconds;
  console.log([n, plan.configurations.toExponential(2), g(rate), g(cRate), (rate / cRate).toFixed(2), gray ? g(plan.configurations / gray.seconds) : '-', same].join('\t'));
}

console.log('\n2. enumeration on the worker pool of vsdl landscape');
{
  const n = 32;
  const workers = defaultEnumerationWorkers();
  const { J } = instance('gaussian', undefined, n);
  const pool = createEnumerationPool(workers);
  await pool.enumerate(instance('gaussian', undefined, 24).J, 24, {}); // start the workers
  let seconds = Infinity;
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    await pool.enumerate(J, n, {});
    seconds = Math.min(seconds, (performance.now() - start) / 1000);
  }
  await pool.close();
  console.log(`N = ${n}: 2^${n - 1} configurations in ${seconds.toFixed(2)} s on ${workers} workers, ${g(2 ** (n - 1) / seconds)} G/s in all`);
}

console.log('\n3. 1000 quenches at N = 200 from the same random starts');
console.log('couplings\trule\tTypeScript s\tC s\tC/TypeScript\tmean flips\tsame energies');
for (const [couplings, mu] of [['gaussian', undefined], ['pareto', 1.5]]) {
  const n = 200;
  const Q = 1000;
  const { J } = instance(couplings, mu, n);
  const starts = Array.from({ length: Q }, (_, q) => randomSpins(createStream('bench-starts', q), n));
  for (const rule of ['greedy', 'random']) {
    const ts = best(() => starts.map((s, q) => descend(J, n, s, rule, createStream('bench-flips', q))));
    const flips = ts.value.reduce((a, m) => a + m.flips, 0) / Q;
    let c = null;
    let same = '-';
    if (rule === 'greedy') {
      const q = Buffer.alloc(4);
      q.writeInt32LE(Q, 0);
      const packed = Buffer.alloc(Q * n);
      starts.forEach((s, k) => s.forEach((x, i) => packed.writeInt8(x, k * n + i)));
      const input = path.join(work, `quench-${couplings}.bin`);
      fs.writeFileSync(input, header(n, J, [q, packed]));
      c = reference(input, 'quench');
      const sum = ts.value.reduce((a, m) => a + m.energy, 0);
      same = String(Math.abs(sum - c.energy_sum) <= 1e-9 * Math.abs(sum));
    }
    console.log([couplings + (mu ? ` μ = ${mu}` : ''), rule, ts.seconds.toFixed(3), c ? c.seconds.toFixed(3) : '-', c ? (c.seconds / ts.seconds).toFixed(2) : '-', flips.toFixed(1), same].join('\t'));
  }
}

console.log('\n4. the default tempering search (two runs, 32 temperatures, 2000 sweeps) and 1000 quenches, N = 200, one instance');
for (const [couplings, mu] of [['gaussian', undefined], ['pareto', 1.5]]) {
  const start = performance.now();
  const result = await runLandscape({ couplings, mu, n: 200, method: 'tempering', quenches: 1000, seed: 'bench' });
  const r = result.instances[0];
  console.log(`${couplings}${mu ? ` μ = ${mu}` : ''}: ${((performance.now() - start) / 1000).toFixed(2)} s, best found ${r.groundState.energy.toFixed(5)} by ${r.groundState.foundBy}, runs agree: ${r.groundState.runsAgree}`);
}
fs.rmSync(work, { recursive: true, force: true });
