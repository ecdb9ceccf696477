// Training speed: epoch time of mlp3 on 8,000 MNIST digits at batch 32 and 256, the engine (TensorFlow.js in Node)
// against PyTorch on the CPU (Debian's python3-torch) with the same architecture, data, batch size and optimizer,
// both on one thread; the cost of the per-epoch spectral analysis against the epoch; and the alternatives
// measured before choosing (the plain-JavaScript cpu backend, the wasm backend without the transposed-product
// kernel of wasmKernels.ts).
// Usage: npm run build && node bench/train.mjs [--quick]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { nodePlatform } from '../dist/cli/train/platform.js';
import { resolveTrainParams, splitData, train } from '../dist/core/train/index.js';
import { writeNpy } from '../dist/io/index.js';

const quick = process.argv.includes('--quick');
const EPOCHS = quick ? 1 : 3;
const BATCHES = [32, 256];
const TRAIN_SIZE = 8000;
const TORCH = '/usr/bin/python3';

const platform = nodePlatform('wasm');
await platform.ready();
const mnist = await platform.mnist();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Epoch times (training steps only) and analysis times of one engine run. */
async function engine(params) {
  const { timing } = await train({ model: 'mlp3', data: 'mnist', trainSize: TRAIN_SIZE, testSize: 2000, epochs: EPOCHS, seed: 1, ...params }, { mnist });
  const epochs = timing.slice(1);
  return { train: median(epochs.map((t) => t.train)), analyze: median(epochs.map((t) => t.analyze)), evaluate: median(epochs.map((t) => t.evaluate)) };
}

// The same 8,000 training digits for PyTorch, as .npy files.
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
const run = spawnSync(TORCH, ['-c', torchScript, join(dir, 'x.npy'), join(dir, 'y.npy')], {
  encoding: 'utf8',
  env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
});
const torch = run.status === 0 ? JSON.parse(run.stdout) : null;
if (!torch) process.stderr.write(`PyTorch baseline unavailable: ${run.stderr.slice(-300)}\n`);

const rows = [];
for (const batchSize of BATCHES) {
  const ours = await engine({ batchSize });
  const base = torch?.epochs[String(batchSize)] ?? NaN;
  rows.push({ batchSize, ours, torch: base });
}

// Alternatives: the cpu backend, and the wasm backend with its own transposed products (batch 256, one epoch).
await nodePlatform('cpu').ready();
const cpu = (await train({ model: 'mlp3', data: 'mnist', trainSize: TRAIN_SIZE, epochs: 1, batchSize: 256, seed: 1 }, { mnist })).timing[1].train;
await nodePlatform('wasm').ready();
const patched = tf.getKernel('BatchMatMul', 'wasm');
const original = tf.getKernel('Transpose', 'wasm') && (await import('@tensorflow/tfjs-backend-wasm/dist/kernels/BatchMatMul.js').catch(() => null));
let unpatched = NaN;
if (original?.batchMatMulConfig) {
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel(original.batchMatMulConfig);
  unpatched = (await train({ model: 'mlp3', data: 'mnist', trainSize: TRAIN_SIZE, epochs: 1, batchSize: 256, seed: 1 }, { mnist })).timing[1].train;
  tf.unregisterKernel('BatchMatMul', 'wasm');
  tf.registerKernel(patched);
}

// The analysis against the epoch for the largest model too (one epoch at batch 32).
const alex = (await train({ model: 'minialexnet', data: 'mnist', trainSize: TRAIN_SIZE, epochs: 1, batchSize: 32, seed: 1 }, { mnist })).timing[1];
rmSync(dir, { recursive: true, force: true });

const f = (s) => `${s.toFixed(2)} s`;
console.log(`machine: ${cpus()[0]?.model ?? '?'}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; Node ${process.version}, tfjs ${tf.version_core} (wasm, 1 thread); PyTorch ${torch?.version ?? 'n/a'} (${torch?.threads ?? '?'} thread); median of ${EPOCHS} epochs`);
console.log('\n| batch | ours: epoch | PyTorch: epoch | ratio | analysis of all layers | evaluation (10,000 digits) |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.batchSize} | ${f(r.ours.train)} | ${f(r.torch)} | ${(r.ours.train / r.torch).toFixed(2)}× | ${f(r.ours.analyze)} | ${f(r.ours.evaluate)} |`);
console.log(`\nmlp3, batch 256, one epoch: cpu backend ${f(cpu)}; wasm without the transposed-product kernel ${f(unpatched)}; wasm as shipped ${f(rows[1].ours.train)}`);
console.log(`minialexnet, batch 32, one epoch: training ${f(alex.train)}, analysis of all layers ${f(alex.analyze)}`);
