import { describe, expect, it } from 'vitest';
import { FormatError, ParameterError } from '../../src/core/errors.js';
import { readTfjsManifest, readTfjsWeights, tfjsShardPaths, type TfjsManifest } from '../../src/io/index.js';
import { expectFormatError, xorshift } from './fixtures.js';
import { modelFixture, references, values } from './modelFixtures.js';

const modelJson = () => new TextDecoder().decode(modelFixture('tfjs', 'model.json'));
const shardsOf = (manifest: TfjsManifest) => new Map(tfjsShardPaths(manifest).map((p) => [p, modelFixture('tfjs', p)]));

/** PyTorch [c_out, c_in, k_h, k_w] values rearranged to TensorFlow's [k_h, k_w, c_in, c_out], C order. */
function oihwToHwio(v: number[], [o, c, h, w]: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < h; i++) for (let j = 0; j < w; j++) for (let a = 0; a < c; a++) for (let b = 0; b < o; b++) out.push(v[((b * c + a) * h + i) * w + j]);
  return out;
}

function transposed(v: number[], [rows, cols]: number[]): number[] {
  return Array.from({ length: rows * cols }, (_, k) => v[(k % rows) * cols + Math.floor(k / rows)]);
}

/** A model.json text with one group of weights. */
function manifestJson(weights: unknown[], paths: unknown[] = ['w.bin'], extra: object = {}): string {
  return JSON.stringify({ format: 'layers-model', weightsManifest: [{ paths, weights }], ...extra });
}

describe('TensorFlow.js model.json and weight shards', () => {
  const manifest = readTfjsManifest(modelFixture('tfjs', 'model.json'));
  const tensors = new Map(readTfjsWeights(manifest, shardsOf(manifest)).map((t) => [t.name, t]));

  it('reads the manifest: format, groups, shard paths and each weight place', () => {
    expect(manifest.format).toBe('layers-model');
    expect(tfjsShardPaths(manifest)).toEqual(['group1-shard1of2.bin', 'group1-shard2of2.bin', 'group2-shard1of1.bin']);
    expect(manifest.groups[0].weights[1]).toMatchObject({ name: 'conv1/bias', shape: [12], dtype: 'float32', offset: 432, byteLength: 48 });
    expect(manifest.groups[1].weights[0]).toMatchObject({ name: 'fc2/kernel', byteLength: 480, quantization: { dtype: 'uint8' } });
  });

  it('reads float32 weights equal to the network saved by np.savez, in TensorFlow layouts', () => {
    const { model } = references();
    for (const layer of ['conv1', 'conv2']) {
      const w = model.get(`${layer}.weight`)!;
      expect(tensors.get(`${layer}/kernel`)!.shape).toEqual([w.shape[2], w.shape[3], w.shape[1], w.shape[0]]);
      expect(Array.from(tensors.get(`${layer}/kernel`)!.data)).toEqual(oihwToHwio(values(w), w.shape));
    }
    // fc1/kernel spans the two shards of group 1 (the cut is in the middle of a float).
    const fc1 = model.get('fc1.weight')!;
    expect(tensors.get('fc1/kernel')!.shape).toEqual([144, 48]);
    expect(Array.from(tensors.get('fc1/kernel')!.data)).toEqual(transposed(values(fc1), fc1.shape));
    expect(Array.from(tensors.get('fc1/bias')!.data)).toEqual(values(model.get('fc1.bias')!));
    expect(tensors.get('fc1/kernel')!.data).toBeInstanceOf(Float32Array);
  });

  it('dequantizes uint8, uint16 (v·scale + min) and float16 weights as TensorFlow.js does', () => {
    const { expected } = references();
    for (const name of ['fc2/kernel', 'fc2/bias', 'extra/scale']) {
      expect(tensors.get(name)!.data).toBeInstanceOf(Float32Array);
      expect(Array.from(tensors.get(name)!.data)).toEqual(values(expected.get(`tfjs.${name}`)!));
    }
  });

  it('takes the shards from a function as well as a Map', () => {
    const viaFunction = readTfjsWeights(manifest, (p) => modelFixture('tfjs', p));
    expect(viaFunction.map((t) => t.name)).toEqual([...tensors.keys()]);
  });

  it('reads int32 and bool weights, and int32 weights quantized to uint8 (rounded)', () => {
    const m = readTfjsManifest(
      manifestJson([
        { name: 'i', shape: [2], dtype: 'int32' },
        { name: 'b', shape: [3], dtype: 'bool' },
        { name: 'q', shape: [2], dtype: 'int32', quantization: { dtype: 'uint8', scale: 0.5, min: -1 } },
      ]),
    );
    const bytes = new Uint8Array([...new Uint8Array(new Int32Array([-5, 7]).buffer), 1, 0, 1, 3, 8]);
    const t = readTfjsWeights(m, new Map([['w.bin', bytes]]));
    expect(t.map((x) => Array.from(x.data))).toEqual([[-5, 7], [1, 0, 1], [1, 3]]);
  });
});

describe('TensorFlow.js: malformed model files', () => {
  const w = (over: object = {}) => ({ name: 'k', shape: [2, 2], dtype: 'float32', ...over });

  it.each([
    ['text that is not JSON', '{"weightsManifest": [', /not valid JSON/],
    ['JSON that is not an object', '[1, 2]', /not a JSON object/],
    ['no weightsManifest', '{"format": "layers-model", "modelTopology": {}}', /no "weightsManifest" list/],
    ['a group that is not an object', '{"weightsManifest": [3]}', /weightsManifest\[0\] is not an object/],
    ['a path that leaves the folder', manifestJson([w()], ['../secret.bin']), /shard path "\.\.\/secret\.bin" is not a relative file path/],
    ['an absolute path', manifestJson([w()], ['/etc/passwd']), /shard path "\/etc\/passwd"/],
    ['a URL', manifestJson([w()], ['https://example.com/w.bin']), /shard path "https:/],
    ['an empty path', manifestJson([w()], ['']), /shard path ""/],
    ['weights without shards', manifestJson([w()], []), /lists weights but no shard files/],
    ['an unnamed weight', manifestJson([{ shape: [2], dtype: 'float32' }]), /weight \(unnamed\): not an object/],
    ['string weights', manifestJson([w({ dtype: 'string' })]), /weight "k": dtype "string" is not supported; supported: float32, int32, bool/],
    ['complex weights', manifestJson([w({ dtype: 'complex64' })]), /dtype "complex64" is not supported/],
    ['a negative dimension', manifestJson([w({ shape: [2, -1] })]), /shape \[2,-1\] is not a list/],
    ['a huge declared shape', manifestJson([w({ shape: [65536, 65536, 65536] })]), /more than 2\^31 − 1 elements/],
    ['an unknown quantization', manifestJson([w({ quantization: { dtype: 'int4', scale: 1, min: 0 } })]), /quantization dtype "int4" is not supported/],
    ['a uint8 quantization without scale', manifestJson([w({ quantization: { dtype: 'uint8', min: 0 } })]), /needs finite numbers "scale" and "min"/],
    ['float16 quantization of int32', manifestJson([w({ dtype: 'int32', quantization: { dtype: 'float16' } })]), /applies to float32 weights, not int32/],
    ['a weight listed twice', manifestJson([w(), w()]), /weight "k" is listed twice/],
  ])('refuses %s with a FormatError', (_, text, message) => {
    expectFormatError(() => readTfjsManifest(text), message);
  });

  it('refuses model.json bytes that are not UTF-8', () => {
    expectFormatError(() => readTfjsManifest(new Uint8Array([0x7b, 0xff, 0x7d])), /not valid UTF-8/);
    expect(() => readTfjsManifest(42 as never)).toThrow(ParameterError);
  });

  it('refuses a missing shard, and shards shorter or longer than the weights need, before decoding', () => {
    const m = readTfjsManifest(manifestJson([w()], ['a.bin', 'b.bin']));
    expectFormatError(() => readTfjsWeights(m, new Map([['a.bin', new Uint8Array(8)]])), /shard "b\.bin" of weight group 0 is missing/);
    expectFormatError(() => readTfjsWeights(m, new Map([['a.bin', new Uint8Array(8)], ['b.bin', new Uint8Array(4)]])), /hold 12 bytes; its weights need 16/);
    expectFormatError(() => readTfjsWeights(m, new Map([['a.bin', new Uint8Array(8)], ['b.bin', new Uint8Array(12)]])), /hold 20 bytes/);
    expect(readTfjsWeights(m, new Map([['a.bin', new Uint8Array(8)], ['b.bin', new Uint8Array(8)]]))[0].data).toEqual(new Float32Array(4));
  });

  it('throws only FormatError on 300 seeded random corruptions of model.json and its shards', () => {
    // Bounded: model.json is 2 kB and every declared size is checked against the shards before decoding.
    const next = xorshift(7);
    const text = modelJson();
    const start = text.indexOf('"weightsManifest"');
    const good = readTfjsManifest(text);
    const shards = shardsOf(good);
    let parsed = 0;
    for (let trial = 0; trial < 300; trial++) {
      const chars = [...text];
      if (trial % 3 === 2) {
        // a shard loses or gains bytes
        const path = tfjsShardPaths(good)[next() % 3];
        const cut = new Map(shards);
        const bytes = shards.get(path)!;
        cut.set(path, next() % 2 ? bytes.subarray(0, next() % bytes.length) : new Uint8Array([...bytes, ...new Uint8Array(1 + (next() % 9))]));
        expectFormatError(() => readTfjsWeights(good, cut));
        continue;
      }
      for (let f = 1 + (next() % 3); f > 0; f--) {
        chars[start + (next() % (text.length - start))] = '0123456789[]{},:"-.e /ab'[next() % 24];
      }
      try {
        const m = readTfjsManifest(chars.join(''));
        readTfjsWeights(m, (p) => shards.get(p));
        parsed++;
      } catch (error) {
        if (!(error instanceof FormatError)) throw error;
      }
    }
    // Some edits land in whitespace or in quantization numbers and still give a readable model.
    expect(parsed).toBeGreaterThan(0);
  });
});
