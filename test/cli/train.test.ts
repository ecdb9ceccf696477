import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeEpoch, type TrainRecord } from '../../src/core/train/index.js';
import { readNpy } from '../../src/io/index.js';
import { tempDir, vsdl } from './harness.js';

const QUICK = ['--data', 'teacher', '--train-size', '300', '--test-size', '100', '--batch-size', '50', '--seed', '9'];

/** `base` with the flags of `override` replaced by theirs: a flag given twice is a usage error. */
function overriding(base: string[], override: string[]): string[] {
  const given = new Set(override.filter((a) => a.startsWith('--')));
  const kept: string[] = [];
  for (let i = 0; i < base.length; i += 2) if (!given.has(base[i])) kept.push(base[i], base[i + 1]);
  return [...kept, ...override];
}

describe('vsdl train', () => {
  it('writes the record, every epoch’s layer matrices and the model; vsdl analyze of the saved model equals the in-training analysis', async () => {
    const dir = tempDir();
    const out = join(dir, 'run.json');
    const weights = join(dir, 'weights');
    const r = await vsdl('train', ...QUICK, '--epochs', '2', '--out', out, '--weights-dir', weights);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/epoch 0: train loss/);
    expect(r.stdout).toMatch(/mlp3 on teacher \(wasm\), complete/);
    const record = JSON.parse(readFileSync(out, 'utf8')) as TrainRecord;
    expect(record).toMatchObject({ model: 'mlp3', data: 'teacher', seed: 9, backend: 'wasm', status: 'complete' });
    expect(record.software.name).toBe('vsdl-lab');
    expect(record.generator.name).toBe('philox4x32-10');
    expect(record.params).toEqual({ batch_size: 50, epochs: 2, learning_rate: 0.01, momentum: 0.9, weight_decay: 0, train_size: 300, test_size: 100, label_noise: 0, input_noise: 0, patience: 0 });
    expect(record.epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    expect(readdirSync(weights).sort()).toEqual(['epoch-000', 'epoch-001', 'epoch-002', 'model.safetensors']);
    const files = readdirSync(join(weights, 'epoch-002')).sort();
    expect(files).toEqual(['fc1.kernel.npy', 'fc2.kernel.npy', 'fc3.kernel.npy']);
    const tensors = files.map((f) => {
      const arr = readNpy(new Uint8Array(readFileSync(join(weights, 'epoch-002', f))));
      expect(arr.dtype).toBe('<f4');
      return { name: f.replace(/\.npy$/, ''), shape: arr.shape, data: arr.data as Float32Array };
    });
    expect(tensors[0].shape).toEqual([784, 300]);
    expect(JSON.parse(JSON.stringify((await analyzeEpoch(tensors)).layers))).toEqual(record.epochs[2].layers);
    const analyzed = await vsdl('analyze', join(weights, 'model.safetensors'), '--json');
    expect(analyzed.code, analyzed.stderr).toBe(0);
    const model = JSON.parse(analyzed.stdout);
    expect(model.metadata).toMatchObject({ conv_layout: 'hwio', model: 'mlp3', epoch: '2', seed: '9' });
    expect(model.layers).toEqual(record.epochs[2].layers);
    expect(model.skipped.map((t: { name: string }) => t.name).sort()).toEqual(['fc1.bias', 'fc2.bias', 'fc3.bias']);
  });

  it('saves convolution kernels in TensorFlow’s layout, which vsdl analyze reads from the model’s metadata', async () => {
    const dir = tempDir();
    const r = await vsdl('train', '--model', 'lenet5', ...QUICK, '--epochs', '1', '--weights-dir', dir, '--json');
    expect(r.code, r.stderr).toBe(0);
    const record = JSON.parse(r.stdout) as TrainRecord;
    const analyzed = await vsdl('analyze', join(dir, 'model.safetensors'), '--json');
    const model = JSON.parse(analyzed.stdout);
    expect(model.layout).toBe('hwio');
    expect(model.layers.map((l: { name: string }) => l.name)).toEqual(record.epochs[1].layers.map((l) => l.name));
    expect(model.layers).toEqual(record.epochs[1].layers);
    expect(record.epochs[1].layers.find((l) => l.name === 'conv2.kernel')).toMatchObject({ kind: 'conv2d', matrices: 25, N: 16, M: 6 });
  });

  it('prints the record with --json and nothing but it on stdout', async () => {
    const r = await vsdl('train', ...QUICK, '--epochs', '1', '--json');
    expect(r.code, r.stderr).toBe(0);
    const record = JSON.parse(r.stdout) as TrainRecord;
    expect(record.epochs).toHaveLength(2);
    expect(record.epochs[1].layers[0]).toHaveProperty('phase');
    expect(r.stderr).toBe('');
  });

  it.each([
    [['--batch-size', '0'], /--batch-size/],
    [['--batch-size', '500'], /invalid --batch-size: 500; allowed: an integer in \[1, 300\]/],
    [['--model', 'resnet'], /--model.*mlp3 or lenet5 or minialexnet/],
    [['--lr', 'fast'], /--lr/],
    [['--label-noise', '2'], /--label-noise/],
    [['--backend', 'webgl'], /--backend.*wasm or cpu/],
    [['--seed', ''], /--seed/],
    [['--seed', '01'], /invalid --seed: "01" \(reads as a number but is not a plain integer\)/],
  ])('refuses %j with exit code 2 before training', async (flags, message) => {
    const r = await vsdl('train', ...overriding(QUICK, flags));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/epoch 0/);
  });

  it('reports a run whose weights became NaN as diverged (exit 1), even while its loss stays finite', async () => {
    // At ε = 10 fc1 and fc2 overflow to NaN in the first epoch; the ReLUs after them turn NaN into 0, so the
    // loss (from fc3 alone) stays finite. The run is diverged all the same, and no mean over fc3 alone stands in.
    const run = ['--model', 'mlp3', '--data', 'teacher', '--train-size', '200', '--test-size', '100', '--epochs', '2', '--lr', '10', '--batch-size', '32'];
    const r = await vsdl('train', ...run, '--json');
    expect(r.code).toBe(1);
    const record = JSON.parse(r.stdout) as TrainRecord;
    const last = record.epochs.at(-1)!;
    expect(Number.isFinite(last.train_loss) && Number.isFinite(last.test_loss)).toBe(true);
    expect(last.layers.filter((l) => l.status === 'failed').map((l) => l.name)).toEqual(['fc1.kernel', 'fc2.kernel']);
    expect(record.status).toBe('diverged');
    expect(record.reason).toBe('the weights of layers fc1, fc2 became NaN or infinite at epoch 1: lower the learning rate');
    expect(record.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    expect(r.stderr).toContain(`vsdl train: ${record.reason}`);

    // A training grid's cell runs the same training: the same status and reason.
    const grid = await vsdl('train-grid', ...run, '--json');
    expect(grid.code, grid.stderr).toBe(0);
    const cells = JSON.parse(grid.stdout).cells as { status: string; reason: string }[];
    expect(cells.map((c) => [c.status, c.reason])).toEqual([['diverged', record.reason]]);
  }, 30_000);

  it('checks the output folder before training', async () => {
    const r = await vsdl('train', ...QUICK, '--out', join(tempDir(), 'missing', 'run.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid --out: .*run\.json" \(the folder does not exist: .*missing\)/);
    expect(r.stderr).not.toMatch(/epoch 0/);
  });
});

describe('vsdl train-grid', () => {
  it('runs every cell, writes JSON and CSV, and resumes without rerunning', async () => {
    const dir = tempDir();
    const out = join(dir, 'grid.json');
    const csv = join(dir, 'grid.csv');
    const flags = ['--data', 'teacher', '--train-size', '200', '--test-size', '100', '--epochs', '1', '--batch-size', '20,100', '--label-noise', '0,0.5'];
    const r = await vsdl('train-grid', ...flags, '--out', out, '--csv', csv);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc).toMatchObject({ kind: 'train-grid', model: 'mlp3', data: 'teacher', status: 'complete', axes: { label_noise: [0, 0.5], batch_size: [20, 100] } });
    expect(doc.params.batch_size).toBeNull();
    expect(doc.params.train_size).toBe(200);
    expect(doc.cells.map((c: { label_noise: number; batch_size: number }) => [c.label_noise, c.batch_size])).toEqual([[0, 20], [0, 100], [0.5, 20], [0.5, 100]]);
    const lines = readFileSync(csv, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('fc1.kernel_phase');
    const again = await vsdl('train-grid', ...flags, '--out', out, '--resume');
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/0 of 4 cells to run/);
    const wrong = await vsdl('train-grid', ...overriding(flags, ['--batch-size', '20']), '--out', out, '--resume');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--resume.*would be dropped/);
    // A file cut short is unreadable input (exit 1), as an empty one is, and is left as it was.
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, '{"kind":');
    const truncated = await vsdl('train-grid', ...flags, '--out', cut, '--resume');
    expect(truncated.code, truncated.stderr).toBe(1);
    expect(truncated.stderr).toContain(`cannot read ${cut}: not JSON`);
    expect(readFileSync(cut, 'utf8')).toBe('{"kind":');
  });

  it('splits into shards that vsdl merge joins into the bytes of the same grid run on one machine', async () => {
    const dir = tempDir();
    const flags = ['--data', 'teacher', '--train-size', '200', '--test-size', '100', '--epochs', '1', '--batch-size', '20,100', '--label-noise', '0,0.5', '--seed', 'shards'];
    const whole = join(dir, 'whole.json');
    expect((await vsdl('train-grid', ...flags, '--out', whole)).code).toBe(0);
    const parts: string[] = [];
    for (let k = 0; k < 3; k++) {
      const part = join(dir, `part-${k}.json`);
      const r = await vsdl('train-grid', ...flags, '--shard', `${k}/3`, '--out', part);
      expect(r.code, r.stderr).toBe(0);
      parts.push(part);
    }
    const docs = parts.map((p) => JSON.parse(readFileSync(p, 'utf8')));
    expect(docs.map((d) => d.cells.length).reduce((a: number, b: number) => a + b, 0)).toBe(4);
    expect(docs[0].shard).toMatchObject({ index: 0, count: 3, command: ['train-grid', ...flags] });
    expect(docs.every((d) => d.status === 'complete')).toBe(true);

    const status = await vsdl('merge', '--status', '--json', parts[0], parts[1]);
    expect(status.code, status.stderr).toBe(0);
    const report = JSON.parse(status.stdout);
    expect(report).toMatchObject({ kind: 'vsdl train-grid', shards: 3, cells: 4, missing_shards: [2] });
    expect(report.resume[0]).toContain('--shard 2/3');

    const merged = join(dir, 'merged.json');
    const r = await vsdl('merge', '--out', merged, ...parts.reverse());
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(merged).equals(readFileSync(whole))).toBe(true);

    // A part resumes only as its own shard.
    const wrong = await vsdl('train-grid', ...flags, '--shard', '1/3', '--out', parts.at(-1)!, '--resume');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/--shard.*0\/3 as in/);
  });

  it('refuses a grid with an impossible cell before training', async () => {
    const r = await vsdl('train-grid', '--data', 'teacher', '--train-size', '100', '--batch-size', '10,200', '--epochs', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--batch-size/);
  });
});
