import { describe, expect, it } from 'vitest';
import { detectModelFormat, npzModel, safetensorsModel, tfjsModel, readTfjsManifest, tfjsShardPaths, writeSafetensors } from '../../src/io/index.js';
import { expectFormatError } from './fixtures.js';
import { modelFixture } from './modelFixtures.js';

describe('model files', () => {
  it('recognises each format from its first bytes', () => {
    expect(detectModelFormat(modelFixture('model.safetensors'))).toBe('safetensors');
    expect(detectModelFormat(modelFixture('model.npz'))).toBe('npz');
    expect(detectModelFormat(modelFixture('tfjs', 'model.json'))).toBe('tfjs');
    expect(detectModelFormat(new TextEncoder().encode('\ufeff\n  {"weightsManifest": []}'))).toBe('tfjs');
    expect(detectModelFormat(new TextEncoder().encode('hello'))).toBeNull();
    expect(detectModelFormat(new Uint8Array(0))).toBeNull();
    // A header of 123 bytes starts the file with '{' (0x7b): still safetensors, by the length and byte 8.
    const header = new TextEncoder().encode('{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}'.padEnd(123, ' '));
    const st = new Uint8Array(8 + 123 + 4);
    st[0] = 123;
    st.set(header, 8);
    expect(String.fromCharCode(st[0])).toBe('{');
    expect(detectModelFormat(st)).toBe('safetensors');
  });

  it("gives 4-D tensors the file's layout: TF.js hwio, safetensors metadata or oihw, .npz only when told", () => {
    const m = readTfjsManifest(modelFixture('tfjs', 'model.json'));
    const tf = tfjsModel(m, (p) => (tfjsShardPaths(m).includes(p) ? modelFixture('tfjs', p) : undefined), 'model.json');
    expect(tf.tensors.find((t) => t.name === 'conv2/kernel')!.layout).toBe('hwio');
    expect(tf.tensors.find((t) => t.name === 'fc1/kernel')!.layout).toBeUndefined();
    const st = safetensorsModel(modelFixture('model.safetensors'), 'model.safetensors');
    expect(st).toMatchObject({ layout: 'oihw', layoutSource: 'format default', metadata: { format: 'pt' } });
    const npz = npzModel(modelFixture('model.npz'), 'model.npz');
    expect(npz).toMatchObject({ layout: null, layoutSource: null });
    expect(npz.tensors.find((t) => t.name === 'conv2.weight')!.data).toBeInstanceOf(Float64Array);
    expect(npzModel(modelFixture('model.npz'), 'model.npz', 'hwio').tensors.find((t) => t.name === 'conv2.weight')!.layout).toBe('hwio');
  });

  it('refuses a conv_layout it does not know', () => {
    const bytes = writeSafetensors({ w: { data: new Float32Array(4), shape: [2, 2] } }, { conv_layout: 'nchw' });
    expectFormatError(() => safetensorsModel(bytes, 'w.safetensors'), /metadata conv_layout "nchw" is not one of hwio, oihw/);
  });
});
