// Dense spectra benchmark: gram (WᵀW/N) and symmetricEigenvalues against NumPy on one thread, same matrices.
// Usage: npx tsc -p tsconfig.build.json && node bench/eigen.mjs [--skip-laguerre-full]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  esd,
  gram,
  laguerreEigenvalues,
  laguerreLargestEigenvalues,
  laguerreHistogram,
  symmetricEigenvalues,
} from '../dist/core/linalg/index.js';
import { createStream, fillNormal } from '../dist/core/random/index.js';

const SIZES = [500, 1000, 2000];
const Q = 2;
const skipLaguerreFull = process.argv.includes('--skip-laguerre-full');

function best(reps, f) {
  let t = Infinity;
  let out;
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    out = f();
    t = Math.min(t, performance.now() - start);
  }
  return { ms: t, out };
}

const dir = mkdtempSync(join(tmpdir(), 'vsdl-bench-'));
const numpyEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
delete numpyEnv.OPENBLAS_CORETYPE;
delete numpyEnv.OPENBLAS_L2_SIZE;

function numpy(file, n, m, reps) {
  const script = `
import numpy as np, sys, time, json
w = np.fromfile(sys.argv[1], dtype='<f8').reshape(${n}, ${m})
tg = te = float('inf')
for _ in range(${reps}):
    t0 = time.perf_counter(); x = w.T @ w / ${n}; t1 = time.perf_counter()
    e = np.linalg.eigvalsh(x); t2 = time.perf_counter()
    tg = min(tg, t1 - t0); te = min(te, t2 - t1)
print(json.dumps({"gram": tg * 1e3, "eig": te * 1e3, "lmax": float(e[-1]), "version": np.__version__}))
`;
  const run = spawnSync('python3', ['-c', script, file], { env: numpyEnv, encoding: 'utf8' });
  if (run.status !== 0) return null;
  return JSON.parse(run.stdout);
}

const rows = [];
let peakAt2000 = 0;
let numpyVersion = 'unavailable';
for (const m of SIZES) {
  const n = Q * m;
  const w = { rows: n, cols: m, data: fillNormal(createStream('bench-eigen', String(m)), new Float64Array(n * m)) };
  const reps = m >= 2000 ? 2 : 3;
  const g = best(reps, () => gram(w, 1 / n));
  const e = best(reps, () => symmetricEigenvalues(g.out));
  const s = best(reps, () => esd(w));
  if (m === 2000) peakAt2000 = process.resourceUsage().maxRSS / 1024;
  const file = join(dir, `w${m}.f64`);
  writeFileSync(file, new Uint8Array(w.data.buffer));
  const np = numpy(file, n, m, reps);
  if (np) numpyVersion = np.version;
  const lmaxDiff = np ? Math.abs(e.out[m - 1] - np.lmax) / np.lmax : NaN;
  rows.push({ m, n, gram: g.ms, eig: e.ms, esd: s.ms, np, lmaxDiff });
}
rmSync(dir, { recursive: true, force: true });

const f = (x) => (x == null || Number.isNaN(x) ? '—' : x.toFixed(0));
const r = (a, b) => (b ? (a / b).toFixed(2) + '×' : '—');
console.log(`# Dense spectra benchmark — ${new Date().toISOString()}`);
const machine = `${cpus()[0].model} (${cpus().length} cores)`;
console.log(`machine: ${machine}, node ${process.version}, numpy ${numpyVersion} (1 thread)`);
console.log('W is N×M Gaussian, Q = N/M = 2; times in ms, best of 2–3; ratio = ours / numpy\n');
console.log(
  '| M | gram ms | numpy W.T@W ms | ratio | eigenvalues ms | numpy eigvalsh ms | ratio | esd(W) ms | rel. diff λmax |',
);
console.log('|---|---|---|---|---|---|---|---|---|');
for (const x of rows) {
  console.log(
    `| ${x.m} | ${f(x.gram)} | ${f(x.np?.gram)} | ${r(x.gram, x.np?.gram)} | ${f(x.eig)} | ${f(x.np?.eig)} | ` +
      `${r(x.eig, x.np?.eig)} | ${f(x.esd)} | ${x.lmaxDiff.toExponential(1)} |`,
  );
}
console.log(`\npeak memory (maxRSS) after M = 2000: ${peakAt2000.toFixed(0)} MiB`);

const big = 100_000;
const top = best(3, () => laguerreLargestEigenvalues(createStream('bench-laguerre'), { n: Q * big, m: big, k: 10 }));
console.log(`Laguerre M = ${big} (Q = 2), top 10 eigenvalues: ${top.ms.toFixed(1)} ms`);
const edges = Array.from({ length: 401 }, (_, j) => (j * 3) / 400);
const hist = best(3, () => laguerreHistogram(createStream('bench-laguerre'), { n: Q * big, m: big, edges }));
console.log(`Laguerre M = ${big} (Q = 2), 400-bin exact histogram: ${hist.ms.toFixed(1)} ms`);
if (!skipLaguerreFull) {
  const full = best(1, () => laguerreEigenvalues(createStream('bench-laguerre'), { n: Q * big, m: big }));
  console.log(`Laguerre M = ${big} (Q = 2), all eigenvalues: ${(full.ms / 1000).toFixed(1)} s`);
}
