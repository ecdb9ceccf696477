// Wigner spectra and the theory behind them, against SciPy/NumPy on one thread where a baseline exists.
// Usage: npx tsc -p tsconfig.build.json && node bench/wigner.mjs
//   dense GOE eigenvalues (N = 1000, 2000) against numpy.linalg.eigvalsh of the same matrix;
//   the β-Hermite tridiagonal model: all eigenvalues at N = 10⁴ against scipy.linalg.eigvalsh_tridiagonal of the
//   same (d, e); the top 5 at N = 10⁶ against scipy's bisection (select='i') on the full chain; a 400-bin Sturm
//   histogram at N = 10⁶; the Lévy density (one point, and a 200-point density + CDF curve), no baseline.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { wignerHistogram, wignerLargestEigenvalues, wignerMatrix } from '../dist/core/ensembles/index.js';
import { symmetricEigenvalues, tridiagonalEigenvalues } from '../dist/core/linalg/index.js';
import { createStream, sampleChi, sampleNormal } from '../dist/core/random/index.js';
import { levyCurve, levyDensity } from '../dist/core/theory/index.js';

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

const dir = mkdtempSync(join(tmpdir(), 'vsdl-bench-wigner-'));
const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
function python(script, ...args) {
  const run = spawnSync('python3', ['-c', script, ...args], { env, encoding: 'utf8' });
  return run.status === 0 ? JSON.parse(run.stdout) : null;
}
const timeIt = `
import time
def best(reps, f):
    t = float('inf')
    for _ in range(reps):
        t0 = time.perf_counter(); out = f(); t = min(t, time.perf_counter() - t0)
    return t * 1e3, out
`;

const lines = [];
// 1. Dense GOE.
for (const n of [1000, 2000]) {
  const H = wignerMatrix({ n, seed: 'bench' });
  const ours = best(2, () => symmetricEigenvalues(H));
  const file = join(dir, `h${n}.f64`);
  writeFileSync(file, new Uint8Array(H.data.buffer));
  const np = python(`${timeIt}
import numpy as np, sys, json
h = np.fromfile(sys.argv[1], dtype='<f8').reshape(${n}, ${n})
ms, e = best(2, lambda: np.linalg.eigvalsh(h))
print(json.dumps({"ms": ms, "lmax": float(e[-1])}))`, file);
  lines.push(`| dense GOE eigenvalues, N = ${n} | ${ours.ms.toFixed(0)} ms | numpy eigvalsh ${np ? np.ms.toFixed(0) + ' ms' : '—'} | ${np ? (ours.ms / np.ms).toFixed(2) + '×' : '—'} |`);
}

// 2. The tridiagonal model: the same (d, e) through our QL and through LAPACK (scipy).
function chain(n, beta, seed) {
  const s = createStream(seed);
  const d = new Float64Array(n);
  const e = new Float64Array(n - 1);
  for (let i = 0; i < n; i++) {
    d[i] = Math.SQRT2 * sampleNormal(s);
    if (i < n - 1) e[i] = sampleChi(s, beta * (n - 1 - i));
  }
  return { d, e };
}
{
  const n = 10_000;
  const { d, e } = chain(n, 1, 'bench-tri');
  const ours = best(2, () => tridiagonalEigenvalues(d, e));
  writeFileSync(join(dir, 'd.f64'), new Uint8Array(d.buffer));
  writeFileSync(join(dir, 'e.f64'), new Uint8Array(e.buffer));
  const sp = python(`${timeIt}
import numpy as np, sys, json
from scipy.linalg import eigvalsh_tridiagonal
d = np.fromfile(sys.argv[1], dtype='<f8'); e = np.fromfile(sys.argv[2], dtype='<f8')
ms, w = best(2, lambda: eigvalsh_tridiagonal(d, e))
print(json.dumps({"ms": ms}))`, join(dir, 'd.f64'), join(dir, 'e.f64'));
  lines.push(`| tridiagonal β = 1, all eigenvalues, N = 10⁴ | ${ours.ms.toFixed(0)} ms | scipy eigvalsh_tridiagonal ${sp ? sp.ms.toFixed(0) + ' ms' : '—'} | ${sp ? (ours.ms / sp.ms).toFixed(2) + '×' : '—'} |`);
}
{
  const n = 1_000_000;
  const ours = best(3, () => wignerLargestEigenvalues({ n, beta: 1, k: 5, seed: 'bench-top' }));
  const { d, e } = chain(n, 1, 'bench-top-chain');
  writeFileSync(join(dir, 'D.f64'), new Uint8Array(d.buffer));
  writeFileSync(join(dir, 'E.f64'), new Uint8Array(e.buffer));
  const sp = python(`${timeIt}
import numpy as np, sys, json
from scipy.linalg import eigvalsh_tridiagonal
d = np.fromfile(sys.argv[1], dtype='<f8'); e = np.fromfile(sys.argv[2], dtype='<f8')
ms, w = best(1, lambda: eigvalsh_tridiagonal(d, e, select='i', select_range=(${n - 5}, ${n - 1})))
print(json.dumps({"ms": ms}))`, join(dir, 'D.f64'), join(dir, 'E.f64'));
  lines.push(`| tridiagonal β = 1, top 5, N = 10⁶ (leading block) | ${ours.ms.toFixed(1)} ms | scipy bisection on the whole chain ${sp ? sp.ms.toFixed(0) + ' ms' : '—'} | ${sp ? (ours.ms / sp.ms).toFixed(3) + '×' : '—'} |`);
  const edges = Array.from({ length: 401 }, (_, j) => -2.2 + (4.4 * j) / 400);
  const hist = best(2, () => wignerHistogram({ n, beta: 2, edges, seed: 'bench-hist' }));
  lines.push(`| tridiagonal β = 2, 400-bin Sturm histogram, N = 10⁶ | ${hist.ms.toFixed(0)} ms | — | — |`);
}
rmSync(dir, { recursive: true, force: true });

// 3. The Lévy density.
{
  const one = best(3, () => levyDensity(1.3, 1.5));
  const xs = Array.from({ length: 200 }, (_, i) => -10 + (20 * i) / 199);
  const curve = best(1, () => levyCurve(xs, 1.5));
  lines.push(`| Lévy density μ = 1.5, one point (fixed point solved from scratch) | ${one.ms.toFixed(1)} ms | — | — |`);
  lines.push(`| Lévy density + CDF μ = 1.5, 200 points on [−10, 10] | ${(curve.ms / 1000).toFixed(1)} s | — | — |`);
}

console.log(`# Wigner benchmark — ${new Date().toISOString()}`);
console.log(`machine: ${cpus()[0].model} (${cpus().length} cores), node ${process.version}; baselines on one thread\n`);
console.log('| what | ours | baseline | ratio |');
console.log('|---|---|---|---|');
for (const l of lines) console.log(l);
