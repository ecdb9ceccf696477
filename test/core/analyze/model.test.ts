import { describe, expect, it } from 'vitest';
import { analyzeLayer, analyzeModel, selectWeights, type ModelTensor } from '../../../src/core/analyze/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { createStream, fillNormal } from '../../../src/core/random/index.js';

function gaussian(seed: string, shape: number[]): Float32Array {
  const count = shape.reduce((a, b) => a * b, 1);
  return Float32Array.from(fillNormal(createStream(seed), new Float64Array(count)));
}

/** A small PyTorch-style state dict: two conv layers, batch norm, two dense layers, a step counter. */
const model: ModelTensor[] = [
  { name: 'conv1.weight', shape: [8, 1, 5, 5], data: gaussian('c1', [8, 1, 5, 5]) },
  { name: 'conv1.bias', shape: [8], data: gaussian('c1b', [8]) },
  { name: 'conv2.weight', shape: [16, 8, 3, 3], data: gaussian('c2', [16, 8, 3, 3]) },
  { name: 'bn.running_mean', shape: [16], data: gaussian('bn', [16]) },
  { name: 'bn.num_batches_tracked', shape: [], data: new BigInt64Array([100n]) },
  { name: 'seq.kernel', shape: [3, 8, 16], data: gaussian('seq', [3, 8, 16]) },
  { name: 'fc1.weight', shape: [60, 144], data: gaussian('fc1', [60, 144]) },
  { name: 'fc1.bias', shape: [60], data: gaussian('fc1b', [60]) },
  { name: 'head.weight', shape: [3, 60], data: gaussian('head', [3, 60]) },
  { name: 'labels', shape: [30, 2], data: new Int32Array(60) },
];

describe('analyzeModel', () => {
  it('analyses the 2-D and 4-D float tensors and skips the rest, each with its reason', () => {
    const { layers, skipped } = analyzeModel(model, { layout: 'oihw' });
    expect(layers.map((l) => l.name)).toEqual(['conv1.weight', 'conv2.weight', 'fc1.weight']);
    const why = Object.fromEntries(skipped.map((s) => [s.name, s.reason]));
    expect(Object.keys(why)).toEqual(['conv1.bias', 'bn.running_mean', 'bn.num_batches_tracked', 'seq.kernel', 'fc1.bias', 'head.weight', 'labels']);
    expect(why['conv1.bias']).toMatch(/1-D: a bias/);
    expect(why['bn.num_batches_tracked']).toMatch(/not floating point/);
    expect(why['seq.kernel']).toMatch(/3-D: not a dense weight/);
    expect(why['head.weight']).toMatch(/3 eigenvalues \(1 × 60×3\): fewer than 10/);
    expect(why.labels).toMatch(/not floating point/);
    expect(skipped.find((s) => s.name === 'seq.kernel')?.shape).toEqual([3, 8, 16]);
  });

  it('gives each layer the record analyzeLayer gives it alone', () => {
    const { layers } = analyzeModel(model, { layout: 'oihw' });
    expect(layers[1]).toEqual(analyzeLayer({ name: 'conv2.weight', shape: [16, 8, 3, 3], data: model[2].data as Float32Array }, { layout: 'oihw' }));
    expect(layers[2]).toEqual(analyzeLayer({ name: 'fc1.weight', shape: [60, 144], data: model[6].data as Float32Array }));
    expect(layers[0]).toMatchObject({ kind: 'conv2d', layout: 'oihw', N: 8, M: 1, matrices: 25, phase: null });
  });

  it("prefers a tensor's own layout to the default", () => {
    const hwio = { name: 'k', shape: [3, 3, 8, 16], data: gaussian('k', [3, 3, 8, 16]), layout: 'hwio' as const };
    const { layers } = analyzeModel([hwio], { layout: 'oihw' });
    expect(layers[0]).toMatchObject({ layout: 'hwio', N: 16, M: 8, matrices: 9 });
  });

  it('needs a layout for a 4-D kernel, and says so', () => {
    expect(() => analyzeModel(model)).toThrow(ParameterError);
    expect(() => analyzeModel(model)).toThrow(/layout.*conv1.weight is a 4-D kernel/);
    expect(() => selectWeights(model, 'nchw' as never)).toThrow(/layout/);
  });

  it('reports progress per layer and stops when aborted', () => {
    const seen: string[] = [];
    analyzeModel(model, { layout: 'oihw', onLayer: (i, n, name) => seen.push(`${i}/${n} ${name}`) });
    expect(seen).toEqual(['0/3 conv1.weight', '1/3 conv2.weight', '2/3 fc1.weight']);
    const controller = new AbortController();
    const stop = (i: number) => {
      if (i === 1) controller.abort(new Error('stopped by the user'));
    };
    expect(() => analyzeModel(model, { layout: 'oihw', signal: controller.signal, onLayer: stop })).toThrow(/stopped by the user/);
  });

  it('gives an empty tensor and one beyond float64 failed records and analyses the others as before', () => {
    const bad: ModelTensor[] = [
      { name: 'empty.weight', shape: [0, 20], data: new Float32Array(0) },
      model[2],
      { name: 'huge.weight', shape: [40, 20], data: Float64Array.from(gaussian('h', [40, 20]), (x) => x * 1e200) },
      model[6],
      { name: 'empty.kernel', shape: [3, 3, 0, 8], data: new Float32Array(0), layout: 'hwio' },
    ];
    const { layers, skipped } = analyzeModel(bad, { layout: 'oihw' });
    expect(skipped).toEqual([]);
    expect(layers.map((l) => [l.name, l.status])).toEqual([
      ['empty.weight', 'failed'],
      ['conv2.weight', 'ok'],
      ['huge.weight', 'failed'],
      ['fc1.weight', 'ok'],
      ['empty.kernel', 'failed'],
    ]);
    expect(layers[0].reason).toMatch(/^empty: shape \[0, 20\]/);
    expect(layers[2].reason).toMatch(/do not fit in float64/);
    const good = analyzeModel(model, { layout: 'oihw' }).layers;
    expect(layers[1]).toEqual(good[1]);
    expect(layers[3]).toEqual(good[2]);
  });

  it('records the false-positive rate it is given, and refuses one outside (0, 0.5] before any layer', () => {
    const seen: string[] = [];
    expect(() => analyzeModel(model, { layout: 'oihw', falsePositiveRate: 0, onLayer: (_, __, name) => seen.push(name) })).toThrow(/invalid falsePositiveRate: 0; allowed: a number in \(0, 0\.5\]/);
    expect(seen).toEqual([]);
    expect(() => analyzeModel([], { falsePositiveRate: 1 })).toThrow(/falsePositiveRate/);
  });

  it('refuses what is not a list of tensors', () => {
    expect(() => analyzeModel(42 as never)).toThrow(ParameterError);
    expect(() => analyzeModel([null] as never)).toThrow(ParameterError);
  });
});
