// Dense spectra against NumPy, in one run: the Gram product WᵀW/N, the eigenvalues of X, and `vsdl esd` from a file
// end to end, each on one thread and on all cores, against NumPy on one thread and at its default threads. Ours run
// with the native kernels where they are built (src/node/native/kernels.c) and, for comparison, with the
// WebAssembly kernels alone (VSDL_NATIVE=0; in the library, the one-thread esd), which give the same bits.
// NumPy runs twice per setting: with the machine's OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE and with both unset;
// ratios are taken against the faster. Times are medians of --reps runs (wall clock; for one thread also CPU time,
// steadier on a busy machine); end to end, the commands take turns, one run each per round, so that the machine's
// slow spells fall on all of them alike.
//
// Usage: npm run build && node bench/eigen.mjs [--sizes 500,1000,2000,4000] [--reps 3] [--skip-laguerre-full]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  esd,
  esdAsync,
  gram,
  gramAsync,
  laguerreEigenvalues,
  laguerreHistogram,
  laguerreLargestEigenvalues,
  symmetricEigenvalues,
  symmetricEigenvaluesAsync,
} from '../dist/core/linalg/index.js';
import { createStream, fillNormal } from '../dist/core/random/index.js';
import { readNpy, writeNpy } from '../dist/io/index.js';
import { quantileSorted } from '../dist/core/stats/index.js';
import { createNodeKernelPool, installNativeKernels, installNativeKernelsFrom } from '../dist/node/index.js';

const argument = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
};
const SIZES = argument('sizes', '500,1000,2000,4000').split(',').map(Number);
const REPS = Number(argument('reps', '3'));
const Q = 2;
const CORES = availableParallelism();
const skipLaguerreFull = process.argv.includes('--skip-laguerre-full');
const vsdl = fileURLToPath(new URL('../bin/vsdl.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vsdl-bench-'));

/** The median of a few timings (of an even count, the upper middle one: the library's nearest-rank quantile). */
const median = (xs) => quantileSorted([...xs].sort((a, b) => a - b), 0.5);
/** Median wall-clock and CPU milliseconds (CPU of this process: meaningful for the single-thread runs). */
async function timed(reps, f) {
  const ms = [];
  const cpu = [];
  let out;
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    const used = process.cpuUsage();
    out = await f();
    const { user, system } = process.cpuUsage(used);
    ms.push(performance.now() - start);
    cpu.push((user + system) / 1000);
  }
  return { ms: median(ms), cpu: median(cpu), out };
}

// NumPy settings: threads × the machine's OpenBLAS core-type variables kept or unset.
const machineEnv = { ...process.env };
const plainEnv = { ...process.env };
delete plainEnv.OPENBLAS_CORETYPE;
delete plainEnv.OPENBLAS_L2_SIZE;
const withThreads = (env, threads) => {
  const out = { ...env };
  for (const k of ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS']) {
    if (threads === 'default') delete out[k];
    else out[k] = String(threads);
  }
  return out;
};
const NUMPY_SETTINGS = ['1', 'default'].flatMap((threads) => [
  { threads, openblas: 'machine', env: withThreads(machineEnv, threads) },
  { threads, openblas: 'unset', env: withThreads(plainEnv, threads) },
]);

const IN_LIBRARY = `
import numpy as np, sys, time, json
out = {}
for path in sys.argv[2:]:
    w = np.load(path)
    n = w.shape[0]
    tg, te, cg, ce = [], [], [], []
    for _ in range(int(sys.argv[1])):
        c0 = time.process_time(); t0 = time.perf_counter(); x = w.T @ w / n
        c1 = time.process_time(); t1 = time.perf_counter(); e = np.linalg.eigvalsh(x)
        c2 = time.process_time(); t2 = time.perf_counter()
        tg.append(t1 - t0); te.append(t2 - t1); cg.append(c1 - c0); ce.append(c2 - c1)
    ms = lambda xs: float(np.median(xs)) * 1e3
    out[path] = {"gram": ms(tg), "eig": ms(te), "gram_cpu": ms(cg), "eig_cpu": ms(ce)}
    np.save(path + ".numpy-evals.npy", e)
print(json.dumps({"version": np.__version__, "sizes": out}))
`;
const END_TO_END = `
import numpy as np, sys
w = np.load(sys.argv[1])
np.save(sys.argv[2], np.linalg.eigvalsh(w.T @ w / w.shape[0]))
`;
writeFileSync(join(dir, 'e2e.py'), END_TO_END);

// The interpreter itself, not the `python3` found first on PATH: that may be a launcher (pyenv's shim is a bash
// script that runs pyenv, measured at 0.3-1 s per start on this machine), whose start-up is not NumPy's time.
const PYTHON = (() => {
  const run = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  return run.status === 0 && run.stdout.trim() ? run.stdout.trim() : 'python3';
})();
function python(args, env) {
  const run = spawnSync(PYTHON, args, { env, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`python3 failed: ${run.stderr}`);
  return run.stdout;
}
// CPU time of a child process (user + system), from GNU time where installed: on a busy machine it is steadier
// than wall clock, and for one thread it is the time the computation needs.
const TIME = '/usr/bin/time';
const hasTime = spawnSync(TIME, ['-f', '%U', 'true'], { stdio: 'ignore' }).status === 0;
/** Wall-clock and CPU milliseconds of one run of a command (CPU null without GNU time). */
function processRun(command, args, env) {
  const cpuFile = join(dir, 'cpu.txt');
  const [exe, argv] = hasTime ? [TIME, ['-f', '%U %S', '-o', cpuFile, command, ...args]] : [command, args];
  const start = performance.now();
  const run = spawnSync(exe, argv, { env, encoding: 'utf8' });
  const wall = performance.now() - start;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  const cpu = hasTime ? readFileSync(cpuFile, 'utf8').trim().split(/\s+/).slice(-2).map(Number).reduce((a, b) => a + b, 0) * 1000 : null;
  return { wall, cpu };
}
/**
 * Medians of `reps` runs of each command ({ key: [command, args, env] }), run in rounds of one run each, in turn:
 * this machine has slow spells of seconds, and taking turns spreads them over every command alike.
 */
function interleavedTimes(reps, commands) {
  const runs = Object.fromEntries(Object.keys(commands).map((key) => [key, []]));
  for (let r = 0; r < reps; r++) {
    for (const [key, [command, args, env]] of Object.entries(commands)) runs[key].push(processRun(command, args, env));
  }
  return Object.fromEntries(
    Object.entries(runs).map(([key, list]) => [key, { wall: median(list.map((x) => x.wall)), cpu: hasTime ? median(list.map((x) => x.cpu)) : null }]),
  );
}

const hasNumpy = spawnSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
// Installed before the pool is made: its workers use the addon exactly when this thread does.
const native = installNativeKernels();
const wasmOnly = { ...process.env, VSDL_NATIVE: '0' };
/** esd(w) with the WebAssembly kernels alone, then the addon back. */
const esdWasm = (w) => {
  installNativeKernelsFrom(null);
  try {
    return esd(w);
  } finally {
    installNativeKernels();
  }
};
const pool = createNodeKernelPool(CORES);
// Warm up: WebAssembly functions start in the baseline compiler and are recompiled once hot; time the latter.
const warm = { rows: 640, cols: 320, data: fillNormal(createStream('bench-warm-up'), new Float64Array(640 * 320)) };
for (let r = 0; r < 5; r++) {
  esd(warm);
  esdWasm(warm);
  await esdAsync(warm, '1/N', { threads: pool });
}
const rows = [];
const files = [];
for (const m of SIZES) {
  const n = Q * m;
  const w = { rows: n, cols: m, data: fillNormal(createStream('bench-eigen', String(m)), new Float64Array(n * m)) };
  const file = join(dir, `W${m}.npy`);
  writeFileSync(file, writeNpy({ data: w.data, shape: [n, m] }));
  files.push(file);
  const reps = m >= 4000 ? Math.min(REPS, 2) : REPS;
  const threads = { threads: pool };
  const g1 = await timed(reps, () => gram(w, 1 / n));
  const gT = await timed(reps, () => gramAsync(w, 1 / n, threads));
  const e1 = await timed(reps, () => symmetricEigenvalues(g1.out));
  const eT = await timed(reps, () => symmetricEigenvaluesAsync(g1.out, threads));
  const s1 = await timed(reps, () => esd(w));
  const sT = await timed(reps, () => esdAsync(w, '1/N', threads));
  const sW = await timed(reps, () => esdWasm(w));
  const identical = s1.out.every((x, i) => Object.is(x, sT.out[i]) && Object.is(x, sW.out[i]));
  const out = join(dir, `ev${m}.npy`);
  const commands = {};
  for (const t of [1, CORES]) {
    commands[`vsdl ${t}`] = ['node', [vsdl, 'esd', file, '--threads', String(t), '--out', out], process.env];
    if (native.installed) commands[`vsdl ${t} wasm`] = ['node', [vsdl, 'esd', file, '--threads', String(t), '--out', out], wasmOnly];
  }
  if (hasNumpy) {
    for (const s of NUMPY_SETTINGS) commands[`${s.threads}/${s.openblas}`] = [PYTHON, [join(dir, 'e2e.py'), file, join(dir, 'np.npy')], s.env];
  }
  const times = interleavedTimes(reps, commands);
  const cli = { 1: times['vsdl 1'], [CORES]: times[`vsdl ${CORES}`], wasm1: times['vsdl 1 wasm'], wasmT: times[`vsdl ${CORES} wasm`] };
  const e2e = times;
  rows.push({ m, n, reps, g1: g1.ms, gT: gT.ms, e1: e1.ms, eT: eT.ms, s1: s1.ms, sT: sT.ms, sW: sW.ms, g1cpu: g1.cpu, e1cpu: e1.cpu, identical, cli, e2e, ours: s1.out });
}
pool.close();

// NumPy in-library, one process per setting over all sizes.
const numpy = {};
let numpyVersion = 'unavailable';
if (hasNumpy) {
  for (const s of NUMPY_SETTINGS) {
    const result = JSON.parse(python(['-c', IN_LIBRARY, String(REPS), ...files], s.env));
    numpyVersion = result.version;
    numpy[`${s.threads}/${s.openblas}`] = result.sizes;
  }
}

const f0 = (x) => (x == null || Number.isNaN(x) ? '—' : x.toFixed(0));
const ratio = (a, b) => (a == null || !b ? '—' : `${(a / b).toFixed(2)}×`);
/** The faster of the two NumPy settings for this thread count, and which it was. */
function fastest(record, threads, pick) {
  const options = ['machine', 'unset'].map((o) => ({ o, ms: pick(record[`${threads}/${o}`]) })).filter((x) => x.ms != null);
  return options.sort((a, b) => a.ms - b.ms)[0] ?? { o: '—', ms: null };
}

console.log(`# Dense spectra against NumPy — ${new Date().toISOString()}`);
console.log(`machine: ${cpus()[0].model} (${CORES} cores), load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at the end`);
console.log(`node ${process.version}; numpy ${numpyVersion} (${PYTHON}); W is N×M Gaussian, N = ${Q}M; medians of ${REPS} runs (at M ≥ 4000 the slower of 2), ms`);
console.log(`"1" = one thread; "${CORES}" = ${CORES} threads (ours) or NumPy's default; NumPy's faster OpenBLAS setting in brackets`);
console.log(`dense kernels: ${native.installed ? `WebAssembly with the native addon (${native.vectors})` : `WebAssembly alone (${native.reason})`}\n`);

console.log('## End to end: `vsdl esd W.npy --out ev.npy` against `python e2e.py W.npy ev.npy` (np.load, W.T @ W / N, eigvalsh)\n');
console.log(`Wall clock, and for one thread also CPU time (user + system, GNU time${hasTime ? '' : ': not installed'}); the commands take turns, one run each per round.\n`);
console.log(`| M | vsdl 1 | NumPy 1 | ratio | vsdl 1 CPU | NumPy 1 CPU | ratio | vsdl ${CORES} | NumPy default | ratio | WebAssembly alone: vsdl 1 | vsdl ${CORES} |`);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const x of rows) {
  const one = fastest(x.e2e, '1', (v) => v?.wall);
  const oneCpu = fastest(x.e2e, '1', (v) => v?.cpu);
  const all = fastest(x.e2e, 'default', (v) => v?.wall);
  console.log(
    `| ${x.m} | ${f0(x.cli[1].wall)} | ${f0(one.ms)} (${one.o}) | ${ratio(x.cli[1].wall, one.ms)} | ${f0(x.cli[1].cpu)} | ${f0(oneCpu.ms)} (${oneCpu.o}) | ` +
      `${ratio(x.cli[1].cpu, oneCpu.ms)} | ${f0(x.cli[CORES].wall)} | ${f0(all.ms)} (${all.o}) | ${ratio(x.cli[CORES].wall, all.ms)} | ` +
      `${f0(x.cli.wasm1?.wall)} (${ratio(x.cli.wasm1?.wall, one.ms)}) | ${f0(x.cli.wasmT?.wall)} (${ratio(x.cli.wasmT?.wall, all.ms)}) |`,
  );
}

console.log('\n## In the library\n');
console.log(`| M | gram 1 | W.T@W 1 | ratio | gram ${CORES} | W.T@W default | ratio | eig 1 | eigvalsh 1 | ratio | eig ${CORES} | eigvalsh default | ratio | esd 1 | esd ${CORES} | esd 1, WebAssembly alone | same bits |`);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const x of rows) {
  const at = (key) => (r) => r?.[files[SIZES.indexOf(x.m)]]?.[key];
  const g1 = fastest(numpy, '1', at('gram'));
  const gD = fastest(numpy, 'default', at('gram'));
  const e1 = fastest(numpy, '1', at('eig'));
  const eD = fastest(numpy, 'default', at('eig'));
  console.log(
    `| ${x.m} | ${f0(x.g1)} | ${f0(g1.ms)} | ${ratio(x.g1, g1.ms)} | ${f0(x.gT)} | ${f0(gD.ms)} | ${ratio(x.gT, gD.ms)} | ` +
      `${f0(x.e1)} | ${f0(e1.ms)} | ${ratio(x.e1, e1.ms)} | ${f0(x.eT)} | ${f0(eD.ms)} | ${ratio(x.eT, eD.ms)} | ${f0(x.s1)} | ${f0(x.sT)} | ${f0(x.sW)} | ${x.identical ? 'yes' : 'NO'} |`,
  );
}

console.log('\n## One thread in CPU time (ms), steadier than wall clock on a busy machine\n');
console.log('| M | gram | W.T@W | ratio | eigenvalues | eigvalsh | ratio |');
console.log('|---|---|---|---|---|---|---|');
for (const x of rows) {
  const at = (key) => (r) => r?.[files[SIZES.indexOf(x.m)]]?.[key];
  const g = fastest(numpy, '1', at('gram_cpu'));
  const e = fastest(numpy, '1', at('eig_cpu'));
  console.log(`| ${x.m} | ${f0(x.g1cpu)} | ${f0(g.ms)} | ${ratio(x.g1cpu, g.ms)} | ${f0(x.e1cpu)} | ${f0(e.ms)} | ${ratio(x.e1cpu, e.ms)} |`);
}

console.log('\n## NumPy settings (ms): in-library gram + eigvalsh (wall clock), and end to end\n');
console.log('| M | threads | OpenBLAS variables | W.T@W | eigvalsh | end to end | end to end, CPU |');
console.log('|---|---|---|---|---|---|---|');
for (const x of rows) {
  for (const s of NUMPY_SETTINGS) {
    const key = `${s.threads}/${s.openblas}`;
    const r = numpy[key]?.[files[SIZES.indexOf(x.m)]];
    console.log(`| ${x.m} | ${s.threads} | ${s.openblas} | ${f0(r?.gram)} | ${f0(r?.eig)} | ${f0(x.e2e[key]?.wall)} | ${f0(x.e2e[key]?.cpu)} |`);
  }
}

if (hasNumpy) {
  console.log('\n## Agreement with NumPy: max |λ − λ_numpy| / λ_max\n');
  for (const x of rows) {
    const theirs = readNpy(new Uint8Array(readFileSync(`${files[SIZES.indexOf(x.m)]}.numpy-evals.npy`))).data;
    let diff = 0;
    for (let i = 0; i < x.m; i++) diff = Math.max(diff, Math.abs(x.ours[i] - theirs[i]));
    console.log(`- M = ${x.m}: ${(diff / theirs[x.m - 1]).toExponential(1)}`);
  }
}
rmSync(dir, { recursive: true, force: true });
console.log(`\npeak memory of this process (maxRSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);

const big = 100_000;
const top = await timed(3, () => laguerreLargestEigenvalues(createStream('bench-laguerre'), { n: Q * big, m: big, k: 10 }));
console.log(`\nLaguerre M = ${big} (Q = 2), top 10 eigenvalues: ${top.ms.toFixed(1)} ms`);
const edges = Array.from({ length: 401 }, (_, j) => (j * 3) / 400);
const hist = await timed(3, () => laguerreHistogram(createStream('bench-laguerre'), { n: Q * big, m: big, edges }));
console.log(`Laguerre M = ${big} (Q = 2), 400-bin exact histogram: ${hist.ms.toFixed(1)} ms`);
if (!skipLaguerreFull) {
  const full = await timed(1, () => laguerreEigenvalues(createStream('bench-laguerre'), { n: Q * big, m: big }));
  console.log(`Laguerre M = ${big} (Q = 2), all eigenvalues: ${(full.ms / 1000).toFixed(1)} s`);
}
