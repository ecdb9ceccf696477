import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeLayer, analyzeModel, type LayerRecord } from '../../src/core/analyze/index.js';
import { createStream, fillNormal } from '../../src/core/random/index.js';
import { toFloat64, writeNpy, writeNpz, writeSafetensors } from '../../src/io/index.js';
import { modelFixtureDir, references } from '../io/modelFixtures.js';
import { tempDir, vsdl } from './harness.js';

const fixture = (...parts: string[]) => join(modelFixtureDir, ...parts);
const json = async (...argv: string[]) => {
  const r = await vsdl('analyze', ...argv, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};
const byName = (layers: LayerRecord[]) => new Map(layers.map((l) => [l.name, l]));

describe('vsdl analyze', () => {
  const dir = tempDir();

  it('analyses a safetensors file as analyzeLayer analyses the same arrays (read from model.npz)', async () => {
    const out = await json(fixture('model.safetensors'));
    expect(out).toMatchObject({ source: fixture('model.safetensors'), format: 'safetensors', layout: 'oihw', layout_source: 'format default', metadata: { format: 'pt' } });
    expect(out.software.name).toBe('vsdl-lab');
    const { model } = references();
    const direct = analyzeModel([...model].map(([name, arr]) => ({ name, shape: arr.shape, data: toFloat64(arr) })), { layout: 'oihw' });
    expect(out.layers).toEqual(JSON.parse(JSON.stringify(direct.layers)));
    expect(out.layers.map((l: LayerRecord) => l.name)).toEqual(['conv2.weight', 'fc1.weight', 'fc2.weight']);
    const conv = model.get('conv2.weight')!;
    expect(out.layers[0]).toEqual(JSON.parse(JSON.stringify(analyzeLayer({ name: 'conv2.weight', shape: conv.shape, data: toFloat64(conv) }, { layout: 'oihw' }))));
    expect(out.skipped.map((s: { name: string }) => s.name)).toEqual(['conv1.weight', 'conv1.bias', 'conv2.bias', 'fc1.bias', 'fc2.bias', 'bn.num_batches_tracked']);
  });

  it('gives the same layers for the TF.js copy of the network (HWIO kernels, [in, out] dense weights)', async () => {
    const st = byName((await json(fixture('model.safetensors'))).layers);
    const tf = byName((await json(fixture('tfjs', 'model.json'))).layers);
    for (const [pt, tfName] of [['conv2.weight', 'conv2/kernel'], ['fc1.weight', 'fc1/kernel']]) {
      const a = st.get(pt)!;
      const b = tf.get(tfName)!;
      expect({ ...b, name: a.name, shape: a.shape, layout: a.layout }).toEqual(a);
    }
    expect(tf.get('conv2/kernel')).toMatchObject({ layout: 'hwio', shape: [3, 3, 12, 16] });
    // fc2 is quantized to uint8 in the TF.js copy: close, not equal.
    expect(Math.abs(tf.get('fc2/kernel')!.alpha! - st.get('fc2.weight')!.alpha!)).toBeLessThan(0.2);
  });

  it('agrees with vsdl fit on the same dense matrix', async () => {
    const { model } = references();
    const fc1 = model.get('fc1.weight')!; // [48, 144]: vsdl fit needs N ≥ M, so write its transpose
    const v = toFloat64(fc1);
    const t = Float64Array.from({ length: v.length }, (_, k) => v[(k % 48) * 144 + Math.floor(k / 48)]);
    const npy = join(dir, 'fc1.npy');
    writeFileSync(npy, writeNpy({ data: t, shape: [144, 48] }));
    const fit = JSON.parse((await vsdl('fit', npy, '--json')).stdout);
    const layer = byName((await json(fixture('model.safetensors'))).layers).get('fc1.weight')!;
    for (const key of ['alpha', 'alpha_weighted', 'D', 'xmin', 'entropy', 'stable_rank', 'log_norm', 'num_spikes', 'phase', 'N', 'M'] as const) {
      expect(layer[key]).toBe(fit[key]);
    }
  });

  it('reads a .npz of layer arrays with --layout, and asks for it when there are 4-D arrays', async () => {
    const out = await json(fixture('model.npz'), '--layout', 'oihw');
    expect(out).toMatchObject({ format: 'npz', layout: 'oihw', layout_source: 'given' });
    expect(out.layers).toEqual((await json(fixture('model.safetensors'))).layers);
    const r = await vsdl('analyze', fixture('model.npz'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid --layout.*holds 4-D arrays \(conv1\.weight, \.\.\.\).*allowed: hwio or oihw/);
  });

  it('reads float16 weights, and prints a table without --json', async () => {
    const r = await vsdl('analyze', fixture('model-f16.safetensors'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/3 layers analysed, 6 tensors skipped; convolution kernels oihw \(format default\)/);
    expect(r.stdout).toMatch(/^layer\s+shape\s+matrices\s+alpha/m);
    expect(r.stdout).toMatch(/^fc1\.weight\s+48×144\s+144×48\s/m);
    expect(r.stdout).toMatch(/conv1\.bias \(12\): 1-D: a bias/);
  });

  it("follows the file's conv_layout metadata, and --layout over it: a saved model equals the in-memory analysis", async () => {
    const kernel = Float32Array.from(fillNormal(createStream('k'), new Float64Array(5 * 5 * 16 * 32)));
    const dense = Float32Array.from(fillNormal(createStream('d'), new Float64Array(200 * 64)));
    const file = join(dir, 'trained.safetensors');
    const tensors = { 'conv/kernel': { data: kernel, shape: [5, 5, 16, 32] }, 'dense/kernel': { data: dense, shape: [200, 64] } };
    writeFileSync(file, writeSafetensors(tensors, { conv_layout: 'hwio' }));
    const out = await json(file);
    expect(out).toMatchObject({ layout: 'hwio', layout_source: 'metadata' });
    const memory = analyzeModel(Object.entries(tensors).map(([name, t]) => ({ name, ...t })), { layout: 'hwio' });
    expect(out.layers).toEqual(JSON.parse(JSON.stringify(memory.layers)));
    const forced = await json(file, '--layout', 'oihw');
    expect(forced).toMatchObject({ layout: 'oihw', layout_source: 'given' });
    // Read as [c_out, c_in, k_h, k_w] = [5, 5, 16, 32]: 512 slices of 5×5.
    expect(forced.layers[0]).toMatchObject({ layout: 'oihw', N: 5, M: 5, matrices: 512 });
  });

  it('prints the record and exits 1 when a layer cannot be fitted', async () => {
    const bad = Float32Array.from(fillNormal(createStream('nan'), new Float64Array(40 * 20)));
    bad[7] = NaN;
    const file = join(dir, 'nan.safetensors');
    writeFileSync(file, writeSafetensors({ w: { data: bad, shape: [40, 20] } }));
    const r = await vsdl('analyze', file, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).layers[0]).toMatchObject({ status: 'failed', phase: null });
    expect(r.stderr).toMatch(/w: entry 7 is NaN/);
  });

  it('keeps every record when a layer is low-rank: that layer is rank-collapse, exit 0', async () => {
    const good = fillNormal(createStream('good'), new Float64Array(400 * 200));
    const a = fillNormal(createStream('low', 'a'), new Float64Array(400 * 2));
    const b = fillNormal(createStream('low', 'b'), new Float64Array(2 * 200));
    const low = new Float64Array(400 * 200);
    for (let i = 0; i < 400; i++) for (let j = 0; j < 200; j++) low[i * 200 + j] = a[2 * i] * b[j] + a[2 * i + 1] * b[200 + j];
    const file = join(dir, 'two.npz');
    writeFileSync(file, writeNpz({ good: { data: good, shape: [400, 200] }, low: { data: low, shape: [400, 200] } }));
    const layers = byName((await json(file)).layers as LayerRecord[]);
    expect(layers.get('good')).toMatchObject({ status: 'ok', phase: 'random-like' });
    expect(layers.get('low')).toMatchObject({ status: 'ok', phase: 'rank-collapse', num_spikes: null });
  });

  it('exits 1 with a clear message when no layer is found', async () => {
    const file = join(dir, 'biases.safetensors');
    writeFileSync(file, writeSafetensors({ b: { data: new Float32Array(5), shape: [5] } }));
    const r = await vsdl('analyze', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no weight matrix to analyse \(all 1 tensors skipped/);
  });

  it.each([
    ['a missing file', () => join(dir, 'nope.safetensors'), 2, /invalid MODEL.*no such file/],
    ['a file of another kind', () => {
      const p = join(dir, 'notes.txt');
      writeFileSync(p, 'hello');
      return p;
    }, 1, /not a safetensors file, a \.npz archive of layer arrays or a TensorFlow\.js model\.json/],
    ['a truncated safetensors file', () => {
      const p = join(dir, 'cut.safetensors');
      writeFileSync(p, writeSafetensors({ w: { data: new Float32Array(400), shape: [20, 20] } }).subarray(0, 300));
      return p;
    }, 1, /cannot read .*cut\.safetensors: .*past the end|cover/],
    ['a model.json whose shards are missing', () => {
      const sub = join(dir, 'web');
      mkdirSync(sub, { recursive: true });
      copyFileSync(fixture('tfjs', 'model.json'), join(sub, 'model.json'));
      copyFileSync(fixture('tfjs', 'group1-shard1of2.bin'), join(sub, 'group1-shard1of2.bin'));
      return join(sub, 'model.json');
    }, 1, /its weight shard "group1-shard2of2\.bin" cannot be read: .*no such file/],
  ])('refuses %s', async (_, make, code, message) => {
    const r = await vsdl('analyze', make());
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it.each([
    ['safetensors', 'empty.safetensors', (w: Float32Array) => writeSafetensors({ w: { data: new Float32Array(0), shape: [0, 20] }, fc: { data: w, shape: [100, 50] } }), /w: empty: shape \[0, 20\] has a dimension of 0/],
    ['npz', 'empty.npz', (w: Float32Array) => writeNpz({ w: { data: new Float64Array(0), shape: [0, 20] }, fc: { data: Float64Array.from(w), shape: [100, 50] } }), /w: empty: shape \[0, 20\] has a dimension of 0/],
    ['F64 ~1e200', 'huge.safetensors', (w: Float32Array) => writeSafetensors({ W: { data: Float64Array.from(fillNormal(createStream('big'), new Float64Array(800)), (x) => x * 1e200), shape: [40, 20] }, fc: { data: w, shape: [100, 50] } }), /W: entries up to .*e\+200: the eigenvalues do not fit in float64/],
  ])('gives a layer it cannot analyse (%s) a failed record and analyses the rest (exit 1)', async (_, name, bytes, message) => {
    const w = Float32Array.from(fillNormal(createStream('fc'), new Float64Array(100 * 50)));
    const file = join(dir, name);
    writeFileSync(file, bytes(w));
    const r = await vsdl('analyze', file, '--json', ...(name.endsWith('.npz') ? ['--layout', 'oihw'] : []));
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/invalid|see: vsdl/);
    const out = JSON.parse(r.stdout);
    expect(out.layers.map((l: LayerRecord) => [l.name, l.status])).toEqual([[name.startsWith('huge') ? 'W' : 'w', 'failed'], ['fc', 'ok']]);
    // The good layer's record is the one it has alone.
    expect(out.layers[1]).toEqual(JSON.parse(JSON.stringify(analyzeLayer({ name: 'fc', shape: [100, 50], data: w }))));
    const table = await vsdl('analyze', file, ...(name.endsWith('.npz') ? ['--layout', 'oihw'] : []));
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/2 layers analysed/);
  });

  it('records --fpr, which changes the records, in "parameters" (with --layout)', async () => {
    const base = await json(fixture('model.safetensors'));
    expect(base.parameters).toEqual({ layout: 'file', false_positive_rate: 0.01 });
    const out = await json(fixture('model.safetensors'), '--fpr', '0.5', '--layout', 'oihw');
    expect(out.parameters).toEqual({ layout: 'oihw', false_positive_rate: 0.5 });
    const { model } = references();
    const direct = analyzeModel([...model].map(([name, arr]) => ({ name, shape: arr.shape, data: toFloat64(arr) })), { layout: 'oihw', falsePositiveRate: 0.5 });
    expect(out.layers).toEqual(JSON.parse(JSON.stringify(direct.layers)));
    expect(out.layers).not.toEqual(base.layers); // the rate does change results
    expect((await vsdl('analyze', fixture('model.safetensors'), '--fpr', '0.5')).stdout).toMatch(/spike test at --fpr 0\.5/);
  });

  it.each(['0', '1', '2', '-0.1', 'x', ''])('refuses --fpr %j up front, before reading MODEL (exit 2, with the range)', async (fpr) => {
    const r = await vsdl('analyze', join(dir, 'never-read.safetensors'), `--fpr=${fpr}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^vsdl analyze: invalid --fpr: .*; allowed: a number in \(0, 0\.5\]\nsee: vsdl analyze --help\n$/);
  });

  it('gives the range of --fpr in --help, and ends its table with a whole sentence', async () => {
    const help = await vsdl('analyze', '--help');
    expect(help.stdout + help.stderr).toMatch(/--fpr P .*a number in \(0, 0\.5\]/);
    expect(help.stdout + help.stderr).toMatch(/parameters: \{ layout, false_positive_rate \}/);
    const r = await vsdl('analyze', fixture('model.safetensors'));
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('eigenvalue-valued numbers (log_norm, lambda_max, ...) are in units of s(W)², the squared singular values, as WeightWatcher reports them');
  });

  describe.skipIf(process.platform === 'win32')('bounded reading of TF.js shards and FIFOs', () => {
    /** A one-weight model.json (4000 bytes of float32) whose shard s.bin is made by `shard`. */
    const webModel = (name: string, shard: (path: string) => void): string => {
      const sub = join(dir, name);
      mkdirSync(sub, { recursive: true });
      const manifest = { format: 'layers-model', weightsManifest: [{ paths: ['s.bin'], weights: [{ name: 'd/kernel', shape: [50, 20], dtype: 'float32' }] }] };
      writeFileSync(join(sub, 'model.json'), JSON.stringify(manifest));
      shard(join(sub, 's.bin'));
      return join(sub, 'model.json');
    };

    it('reads a shard that is /dev/zero only one byte past what the manifest needs', async () => {
      const before = process.memoryUsage();
      const r = await vsdl('analyze', webModel('zero', (p) => symlinkSync('/dev/zero', p)));
      const after = process.memoryUsage();
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/cannot read weight shard "s\.bin" of .*model\.json: the stream goes on past 4000 bytes; the manifest's weight group 0 needs 4000 bytes/);
      expect((after.rss - before.rss + after.arrayBuffers - before.arrayBuffers) / 2 ** 20).toBeLessThan(64);
    });

    it('refuses a shard longer than the manifest says from its size, and reads one of the right size', async () => {
      const long = await vsdl('analyze', webModel('long', (p) => writeFileSync(p, new Uint8Array(5000))));
      expect(long.code).toBe(1);
      expect(long.stderr).toMatch(/weight shard "s\.bin" of .*: the file has 5000 bytes; the manifest's weight group 0 needs 4000 bytes/);
      const short = await vsdl('analyze', webModel('short', (p) => writeFileSync(p, new Uint8Array(3000))));
      expect(short.stderr).toMatch(/hold 3000 bytes; its weights need 4000/);
      const w = Float32Array.from(fillNormal(createStream('tf'), new Float64Array(1000)));
      const out = await json(webModel('right', (p) => writeFileSync(p, new Uint8Array(w.buffer))));
      expect(out.layers[0]).toEqual(JSON.parse(JSON.stringify(analyzeLayer({ name: 'd/kernel', shape: [50, 20], data: w }))));
    });

    it('refuses a shard that is a FIFO instead of waiting for a writer', async () => {
      const path = webModel('fifo', (p) => expect(spawnSync('mkfifo', [p]).status).toBe(0));
      const r = await vsdl('analyze', path);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/its weight shard "s\.bin" is a FIFO/);
    });

    it('reads MODEL from a FIFO (opened once), and stops one that goes on past its header', async () => {
      const fifo = join(dir, 'model.fifo');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      /** Runs `vsdl analyze FIFO` while a shell writes `script`'s output into the FIFO; the writer's group is ended after. */
      const fed = async (script: string) => {
        const writer = spawn('sh', ['-c', `{ ${script}; } > "${fifo}"`], { stdio: 'ignore', detached: true });
        try {
          return await vsdl('analyze', fifo, '--json');
        } finally {
          try {
            process.kill(-writer.pid!, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      };
      const model = fixture('model.safetensors');
      const ok = await fed(`cat "${model}"`);
      expect(ok.code, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout).layers).toEqual((await json(model)).layers);
      const endless = await fed(`cat "${model}" /dev/zero`);
      expect(endless.code).toBe(1);
      expect(endless.stderr).toMatch(/cannot read .*model\.fifo: the stream goes on past \d+ bytes; its header describes \d+ bytes/);
      const json0 = await fed(`printf '{"weightsManifest": '; cat /dev/zero`);
      expect(json0.code).toBe(1);
      expect(json0.stderr).toMatch(/not JSON text: byte 20 is 0x00/);
    });
  });

  it('refuses bad flags with exit code 2', async () => {
    expect((await vsdl('analyze', fixture('model.safetensors'), '--layout', 'nchw')).code).toBe(2);
    expect((await vsdl('analyze', fixture('model.safetensors'), '--fpr', 'x')).code).toBe(2);
    expect((await vsdl('analyze')).code).toBe(2);
  });
});
