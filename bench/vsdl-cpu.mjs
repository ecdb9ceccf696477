// Proposals per second of the VSDL CPU Monte Carlo (src/core/vsdl/chain.ts, sweeps in WebAssembly) against a C
// reference of the same algorithm (bench/vsdl-cpu-reference.c, gcc -O2), on the same data, temperature, initial
// state and random words. The Ising trajectories must be identical (energy, acceptances and a checksum of J are
// compared). For context, the plain TypeScript chain (Chain with engine: 'typescript') is timed
// on the same words too; its trajectory must equal the kernel's in both models (same engine, same Math.cos/sin).
// Each rate is the best of `repeats` runs (default 3), TypeScript and C alternating, which damps the effect of
// other load on the machine. Build first: npm run build (or npx tsc -p tsconfig.build.json) ;
// then: node bench/vsdl-cpu.mjs [sweeps-scale] [repeats]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStream } from '../dist/core/random/index.js';
import { Chain, createProblem, initialStudent, signedColumns } from '../dist/core/vsdl/index.js';

const scale = Number(process.argv[2] ?? 1);
const repeats = Math.max(1, Number(process.argv[3] ?? 3));
const here = path.dirname(fileURLToPath(import.meta.url));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vsdl-cpu-'));
const binary = path.join(work, 'reference');
execFileSync('gcc', ['-O2', '-o', binary, path.join(here, 'vsdl-cpu-reference.c'), '-lm']);
// For context: the same C without auto-vectorisation (recent gcc vectorises the field pass at -O2).
const scalarBinary = path.join(work, 'reference-scalar');
execFileSync('gcc', ['-O2', '-fno-tree-vectorize', '-o', scalarBinary, path.join(here, 'vsdl-cpu-reference.c'), '-lm']);

const cases = [
  { weights: 'ising', n: 100, alpha: 1, tau: 0.5, sweeps: 4000 },
  { weights: 'ising', n: 400, alpha: 2, tau: 0.5, sweeps: 400 },
  { weights: 'spherical', n: 100, alpha: 5, tau: 1, sweeps: 1000 },
  { weights: 'spherical', n: 400, alpha: 2, tau: 1, sweeps: 300 },
];

console.log('vsdl-cpu: Metropolis proposals per second on one core, TypeScript chain (wasm kernel) vs C reference (gcc -O2)');
console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown'} (${os.cpus().length} cores), node ${process.version}, load ${os.loadavg()[0].toFixed(2)}, best of ${repeats}`);
console.log(`date: ${new Date().toISOString()}`);
for (const c of cases) {
  const sweeps = Math.max(1, Math.round(c.sweeps * scale));
  const problem = createProblem({ n: c.n, alpha: c.alpha, teacher: c.weights, seed: 'bench', sample: 0 });
  const columns = signedColumns(problem);
  const initial = initialStudent(c.weights, 'random', problem.teacher, createStream('bench', 'initial'));
  const width = 0.5;
  const options = { weights: c.weights, n: c.n, columns, stride: problem.p, p: problem.p, tau: c.tau, initial, width };
  const make = (name) => new Chain({ ...options, stream: createStream('bench', name) });
  const makeReference = (name) => new Chain({ ...options, stream: createStream('bench', name), engine: 'typescript' });
  const timed = (chain) => {
    const start = performance.now();
    for (let t = 0; t < sweeps; t++) chain.sweep();
    return (performance.now() - start) / 1000;
  };
  const checksumOf = (J) => {
    let sum = 0;
    for (let i = 0; i < c.n; i++) sum += (i + 1) * J[i];
    return sum;
  };

  for (const warm of [make('warm-up'), makeReference('warm-up')]) for (let t = 0; t < Math.min(sweeps, 200); t++) warm.sweep();
  let chain, reference;
  let jsSeconds = Infinity;
  let referenceSeconds = Infinity;
  let sameAsReference = true;
  const runTypeScript = () => {
    chain = make('timed');
    jsSeconds = Math.min(jsSeconds, timed(chain));
    reference = makeReference('timed');
    referenceSeconds = Math.min(referenceSeconds, timed(reference));
    sameAsReference &&= reference.energy === chain.energy && reference.accepted === chain.accepted && checksumOf(reference.J) === checksumOf(chain.J);
  };
  runTypeScript();
  const checksum = checksumOf(chain.J);

  const identity = chain.stream.identity;
  const input = path.join(work, 'input.bin');
  const header = Buffer.alloc(16 + 16 + 16);
  header.writeInt32LE(c.n, 0);
  header.writeInt32LE(problem.p, 4);
  header.writeInt32LE(sweeps, 8);
  header.writeInt32LE(c.weights === 'spherical' ? 1 : 0, 12);
  header.writeDoubleLE(c.tau, 16);
  header.writeDoubleLE(width, 24);
  identity.forEach((word, k) => header.writeUInt32LE(word >>> 0, 32 + 4 * k));
  fs.writeFileSync(input, Buffer.concat([header, Buffer.from(columns.buffer), Buffer.from(Float64Array.from(initial).buffer)]));
  const runC = (program) => JSON.parse(execFileSync(program, [input], { encoding: 'utf8' }));
  let cResult = runC(binary);
  let scalar = runC(scalarBinary);
  for (let r = 1; r < repeats; r++) {
    runTypeScript();
    const again = runC(binary);
    if (again.seconds < cResult.seconds) cResult = again;
    const scalarAgain = runC(scalarBinary);
    if (scalarAgain.seconds < scalar.seconds) scalar = scalarAgain;
  }

  const proposals = sweeps * c.n;
  const js = proposals / jsSeconds;
  const plain = proposals / referenceSeconds;
  const cRate = cResult.proposals / cResult.seconds;
  const same = cResult.energy === chain.energy && cResult.accepted === chain.accepted && cResult.checksum === checksum;
  const agreement = c.weights === 'ising' ? (same ? 'identical trajectory' : 'TRAJECTORIES DIFFER') : `E ${chain.energy} vs ${cResult.energy} (cos/sin may differ by an ulp)`;
  console.log(
    `${c.weights.padEnd(9)} N=${String(c.n).padEnd(4)} P=${String(problem.p).padEnd(4)} tau=${c.tau}  ` +
      `TS ${(js / 1e6).toFixed(3)} M/s  C ${(cRate / 1e6).toFixed(3)} M/s  ratio ${(js / cRate).toFixed(2)}  ` +
      `(C no-vectorize ${(scalar.proposals / scalar.seconds / 1e6).toFixed(3)} M/s, ratio ${((js * scalar.seconds) / scalar.proposals).toFixed(2)}; ` +
      `plain TS ${(plain / 1e6).toFixed(3)} M/s, ratio ${(plain / cRate).toFixed(2)}, ${sameAsReference ? 'same trajectory' : 'TRAJECTORY DIFFERS'})  ` +
      `accept ${(chain.accepted / proposals).toFixed(3)}  ${agreement}`,
  );
}
fs.rmSync(work, { recursive: true, force: true });
