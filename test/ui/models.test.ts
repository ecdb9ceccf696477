// The fitter lab's model files, analysed as the worker does it (run directly in Node): the same records as
// analyzeModel on the same file, the charts drawn from those fits, and clear errors for bad selections.
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/core/analyze/index.js';
import { FormatError, ParameterError } from '../../src/core/errors.js';
import { mpEdges } from '../../src/core/theory/index.js';
import { modelFromFiles, npzModel, readTfjsManifest, safetensorsModel, tfjsModel, tfjsShardPaths } from '../../src/io/index.js';
import { JobCancelled, type ModelFileBytes } from '../../src/labs/index.js';
import { silentControl } from '../../workers/compute/jobs.js';
import { computeModelAnalysis } from '../../workers/compute/models.js';
import { modelCsv, modelJson } from '../../src/ui/labs/modelExports.js';
import { SOFTWARE } from '../../src/version.js';
import { modelFixture } from '../io/modelFixtures.js';

const file = (...parts: string[]): ModelFileBytes => ({ name: parts[parts.length - 1], bytes: modelFixture(...parts) });
const tfjsFiles = () => [file('tfjs', 'model.json'), file('tfjs', 'group1-shard1of2.bin'), file('tfjs', 'group1-shard2of2.bin'), file('tfjs', 'group2-shard1of1.bin')];
/** What crosses the worker boundary is structured-cloned: compare as plain data. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v));

describe('model files in the fitter lab', () => {
  it('gives the records analyzeModel gives for the same safetensors file', async () => {
    const r = await computeModelAnalysis([file('model.safetensors')], undefined, silentControl());
    const direct = analyzeModel(safetensorsModel(modelFixture('model.safetensors'), 'model.safetensors').tensors);
    expect(r).toMatchObject({ source: 'model.safetensors', format: 'safetensors', layout: 'oihw', layout_source: 'format default', metadata: { format: 'pt' } });
    expect(plain(r.layers)).toEqual(plain(direct.layers));
    expect(r.skipped).toEqual(direct.skipped);
    expect(r.layers.map((l) => l.name)).toEqual(['conv2.weight', 'fc1.weight', 'fc2.weight']);
    expect(r.charts).toHaveLength(r.layers.length);
  });

  it('gives the records analyzeModel gives for a .npz with a stated layout, and for TF.js with its shards', async () => {
    const npz = await computeModelAnalysis([file('model.npz')], 'oihw', silentControl());
    expect(plain(npz.layers)).toEqual(plain(analyzeModel(npzModel(modelFixture('model.npz'), 'model.npz', 'oihw').tensors).layers));
    // Shards in any order, beside model.json: matched by name.
    const picked = tfjsFiles().reverse();
    const tf = await computeModelAnalysis(picked, undefined, silentControl());
    const manifest = readTfjsManifest(modelFixture('tfjs', 'model.json'));
    const direct = analyzeModel(tfjsModel(manifest, (p) => (tfjsShardPaths(manifest).includes(p) ? modelFixture('tfjs', p) : undefined), 'model.json').tensors);
    expect(tf).toMatchObject({ source: 'model.json', format: 'tfjs', layout: 'hwio' });
    expect(plain(tf.layers)).toEqual(plain(direct.layers));
    expect(tf.skipped).toEqual(direct.skipped);
  });

  it('draws each layer: its histogram, the power-law fit above xmin and the MP law fitted to its bulk', async () => {
    const r = await computeModelAnalysis([file('model.safetensors')], undefined, silentControl());
    const i = r.layers.findIndex((l) => l.name === 'fc1.weight');
    const layer = r.layers[i];
    const { loglog, markers } = r.charts[i];
    expect(markers).toEqual(expect.arrayContaining([{ x: layer.xmin, label: 'xmin', kind: 'xmin' }, { x: layer.lambda_plus, label: 'λ+', kind: 'mp' }]));
    // The histogram's density is over all eigenvalues: Σ density·width is the share of positive eigenvalues, 1 here.
    let mass = 0;
    for (let j = 0; j < loglog.x.length; j++) {
      const width = loglog.x[j] * (Math.sqrt(loglog.x[1] / loglog.x[0]) - 1 / Math.sqrt(loglog.x[1] / loglog.x[0]));
      if (Number.isFinite(loglog.ys.esd[j])) mass += loglog.ys.esd[j] * width;
    }
    expect(mass).toBeCloseTo(1, 6);
    // The MP law vanishes above its fitted edge λ+ and is drawn in the bulk; the power law only from xmin on.
    const sigma = Math.sqrt(layer.lambda_plus!) / (1 + 1 / Math.sqrt(layer.Q));
    expect(mpEdges(layer.Q, sigma).lambdaPlus).toBeCloseTo(layer.lambda_plus!, 10);
    loglog.x.forEach((x, j) => {
      if (x > layer.lambda_plus!) expect(loglog.ys.mp[j]).toBeNaN();
      if (x < layer.xmin!) expect(loglog.ys.powerLaw[j]).toBeNaN();
      else expect(loglog.ys.powerLaw[j]).toBeGreaterThan(0);
    });
    expect(loglog.ys.mp.some((v) => v > 0)).toBe(true);
  });

  it('refuses malformed files and mixed-up selections with the readers’ errors', async () => {
    const run = (files: ModelFileBytes[], layout?: 'hwio' | 'oihw') => computeModelAnalysis(files, layout, silentControl());
    const st = modelFixture('model.safetensors');
    // A header whose length points past the end of the file.
    const lying = st.slice();
    new DataView(lying.buffer).setUint32(0, st.length * 2, true);
    await expect(run([{ name: 'lying.safetensors', bytes: lying }])).rejects.toThrow(/cannot read lying.safetensors/);
    await expect(run([{ name: 'short.safetensors', bytes: st.slice(0, st.length - 100) }])).rejects.toThrow(FormatError);
    await expect(run([{ name: 'notes.txt', bytes: new TextEncoder().encode('hello') }])).rejects.toThrow(/notes.txt: not a safetensors file, a .npz archive/);
    await expect(run([file('model.npz')])).rejects.toThrow(ParameterError);
    await expect(run([file('model.npz')])).rejects.toThrow(/layout: "not chosen" \(model.npz holds 4-D arrays \(conv1.weight/);
    await expect(run(tfjsFiles().slice(0, 3))).rejects.toThrow(/shard "group2-shard1of1.bin" of weight group 1 is missing/);
    await expect(run([...tfjsFiles(), file('model.npz')])).rejects.toThrow(/model.npz is not one of its weight files/);
    await expect(run([file('model.safetensors'), file('model.npz')])).rejects.toThrow(/stands alone/);
    await expect(run([])).rejects.toThrow(ParameterError);
    expect(() => modelFromFiles([])).toThrow(FormatError);
  });

  it('stops between layers when cancelled, and reports its progress by the layers’ work', async () => {
    const stages: string[] = [];
    const controller = new AbortController();
    const control = {
      signal: controller.signal,
      progress: (done: number, total: number, stage?: string) => {
        if (stage) stages.push(stage);
        if (stage?.startsWith('layer 2/')) controller.abort();
      },
    };
    await expect(computeModelAnalysis([file('model.safetensors')], undefined, control)).rejects.toThrow(JobCancelled);
    expect(stages[0]).toMatch(/^reading model.safetensors/);
    expect(stages[1]).toMatch(/^layer 1\/3 conv2.weight · about .* in all$/);
  });

  it('exports the table as vsdl analyze --json gives it, with the source file, the choices and the versions', async () => {
    const r = await computeModelAnalysis([file('model.safetensors')], undefined, silentControl());
    const json = JSON.parse(modelJson(r, 'file'));
    expect(json).toMatchObject({ source: 'model.safetensors', format: 'safetensors', layout: 'oihw', lab: 'fitter', parameters: { layout: 'file' }, software: plain(SOFTWARE) });
    expect(json.generator.name).toBeTypeOf('string');
    expect(json.layers).toEqual(plain(r.layers));
    expect(json.skipped).toEqual(r.skipped);
    expect(json.charts).toBeUndefined();
    const lines = modelCsv(r, 'file').trimEnd().split('\n');
    const comments = lines.filter((l) => l.startsWith('# '));
    const table = lines.filter((l) => !l.startsWith('# '));
    expect(comments[0]).toBe('# model.safetensors: safetensors, convolution kernels oihw (format default)');
    expect(comments.some((c) => c.startsWith('# skipped bn.num_batches_tracked'))).toBe(true);
    expect(table[0].split(',').slice(0, 3)).toEqual(['name', 'shape', 'kind']);
    expect(table).toHaveLength(1 + r.layers.length);
    const header = table[0].split(',');
    const fc1 = table.find((l) => l.startsWith('fc1.weight,'))!.split(',');
    expect(fc1[header.indexOf('shape')]).toBe('48x144');
    // Numbers in their shortest round-trip form: the CSV reads back the record's doubles.
    expect(Number(fc1[header.indexOf('alpha')])).toBe(r.layers[1].alpha);
  });
});
