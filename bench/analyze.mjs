// The layer analysis of whole models (analyzeModel: pooled ESDs, power-law and MP fits, metrics, phase) against
// NumPy computing the same spectra as WeightWatcher does (np.linalg.svd of every matrix and kernel slice, one
// thread), on Gaussian weights of the shapes of mlp3, lenet5 and a small AlexNet (TF.js layouts).
// Usage: npm run build && node bench/analyze.mjs [reps]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeModel, weightSpectrum } from '../dist/core/analyze/index.js';
import { createStream, fillNormal } from '../dist/core/random/index.js';
import { writeNpz } from '../dist/io/index.js';

const reps = Number(process.argv[2] ?? 3);
const MODELS = {
  mlp3: [[784, 300], [300, 100], [100, 10]],
  lenet5: [[5, 5, 1, 6], [5, 5, 6, 16], [400, 120], [120, 84], [84, 10]],
  minialexnet: [[5, 5, 1, 64], [5, 5, 64, 64], [3136, 384], [384, 192], [192, 10]],
};

/** Best time of each function over `reps` rounds, the functions taking turns (fairer on a busy machine). */
function best(...fs) {
  const res = fs.map(() => ({ ms: Infinity, out: undefined }));
  for (let r = 0; r < reps; r++) {
    fs.forEach((f, i) => {
      const t0 = performance.now();
      res[i].out = f();
      res[i].ms = Math.min(res[i].ms, performance.now() - t0);
    });
  }
  return res;
}

const numpyEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
function numpy(file) {
  const script = `
import numpy as np, sys, time, json
z = np.load(sys.argv[1])
ws = [z[k].astype(np.float64) for k in sorted(z.keys(), key=int)]
def spectra():
    out = []
    for w in ws:
        mats = [w] if w.ndim == 2 else [w[i, j] for i in range(w.shape[0]) for j in range(w.shape[1])]
        out.append(np.sort(np.concatenate([np.linalg.svd(m, compute_uv=False) ** 2 for m in mats])))
    return out
t = float('inf')
for _ in range(${reps}):
    t0 = time.perf_counter(); s = spectra(); t = min(t, time.perf_counter() - t0)
print(json.dumps({"ms": t * 1e3, "lmax": [float(x[-1]) for x in s], "version": np.__version__}))
`;
  const run = spawnSync('python3', ['-c', script, file], { env: numpyEnv, encoding: 'utf8' });
  return run.status === 0 ? JSON.parse(run.stdout) : null;
}

const dir = mkdtempSync(join(tmpdir(), 'vsdl-bench-analyze-'));
console.log(`analyze bench: best of ${reps}; ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}, ${new Date().toISOString()}`);
analyzeModel([{ name: 'warm', shape: [40, 20], data: fillNormal(createStream('warm'), new Float64Array(800)) }]); // TW table
for (const [model, shapes] of Object.entries(MODELS)) {
  const tensors = shapes.map((shape, i) => {
    const count = shape.reduce((a, b) => a * b, 1);
    const data = Float32Array.from(fillNormal(createStream('bench-analyze', model, i), new Float64Array(count)), (x) => x / Math.sqrt(shape.at(-2)));
    return { name: String(i), shape, data, layout: shape.length === 4 ? 'hwio' : undefined };
  });
  const [spectra, full] = best(() => tensors.map((t) => weightSpectrum(t, t.layout)), () => analyzeModel(tensors));
  const file = join(dir, `${model}.npz`);
  writeFileSync(file, writeNpz(Object.fromEntries(tensors.map((t) => [t.name, { data: t.data, shape: t.shape }]))));
  const np = numpy(file);
  const diff = np ? Math.max(...spectra.out.map((s, i) => Math.abs(s.eigenvalues.at(-1) - np.lmax[i]) / np.lmax[i])) : NaN;
  const phases = full.out.layers.map((l) => l.phase ?? '–').join(', ');
  console.log(
    `${model.padEnd(12)} spectra ${spectra.ms.toFixed(1)} ms | numpy svd ${np ? np.ms.toFixed(1) : '–'} ms ` +
      `(ratio ${np ? (spectra.ms / np.ms).toFixed(2) : '–'}×, max rel. diff λ_max ${diff.toExponential(1)}) | ` +
      `full analysis ${full.ms.toFixed(1)} ms (${(full.ms / spectra.ms).toFixed(2)}× the spectra) | ${full.out.layers.length} layers: ${phases}` +
      (np ? ` | numpy ${np.version}` : ''),
  );
}
rmSync(dir, { recursive: true, force: true });
