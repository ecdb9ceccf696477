import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/core/ensembles/index.js';
import { fitEsd } from '../../src/core/fit/index.js';
import { esd } from '../../src/core/linalg/index.js';
import { writeNpy } from '../../src/io/index.js';
import { tempDir, vsdl } from './harness.js';

const WW_COLUMNS = [
  'alpha', 'alpha_weighted', 'log_norm', 'log_spectral_norm', 'log_alpha_norm', 'stable_rank', 'entropy',
  'mp_softrank', 'num_spikes', 'num_pl_spikes', 'rand_distance',
];

function save(dir: string, name: string, data: Float64Array, shape: number[]): string {
  const path = join(dir, name);
  writeFileSync(path, writeNpy({ data, shape }));
  return path;
}

describe('vsdl fit', () => {
  const dir = tempDir();
  const { W } = generate({ ensemble: 'spiked', n: 200, m: 100, spikes: [8], seed: 5 });
  const wPath = save(dir, 'W.npy', W.data, [200, 100]);

  it('prints one JSON object with the WeightWatcher columns, phase and normalization', async () => {
    const r = await vsdl('fit', wPath, '--json', '--rand-null', 'shuffle');
    expect(r.code).toBe(0);
    const obj = JSON.parse(r.stdout);
    for (const c of WW_COLUMNS) expect(typeof obj[c]).toBe('number');
    expect(obj).toMatchObject({ status: 'ok', normalization: 'none', phase: 'bulk+spikes', num_spikes: 1, N: 200, M: 100, input: 'matrix' });
    const direct = fitEsd({ W }, { seed: 0 });
    expect(obj.alpha).toBe(direct.alpha);
    expect(obj.rand_distance).toBe(direct.rand_distance);
  });

  it('computes rand_distance (a second eigensolve) only on request', async () => {
    const obj = JSON.parse((await vsdl('fit', wPath, '--json')).stdout);
    expect(obj).toMatchObject({ status: 'ok', rand_distance: null, rand_null: null });
    expect(obj.alpha).toBe(fitEsd({ W }, { seed: 0, randNull: 'none' }).alpha);
  });

  it('--definitions weightwatcher gives the library result with those definitions; a bad value exits 2', async () => {
    const r = await vsdl('fit', wPath, '--definitions', 'weightwatcher', '--rand-null', 'shuffle', '--json');
    expect(r.code).toBe(0);
    const obj = JSON.parse(r.stdout);
    const direct = fitEsd({ W }, { seed: 0, definitions: 'weightwatcher' });
    expect(obj).toMatchObject({ definitions: 'weightwatcher', num_spikes: direct.num_spikes, mp_softrank: direct.mp_softrank, rand_distance: direct.rand_distance });
    const bad = await vsdl('fit', wPath, '--definitions', 'ww');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/definitions/);
  });

  it('prints readable text without --json', async () => {
    const r = await vsdl('fit', wPath, '--fit', 'TPL');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/phase\s+bulk\+spikes/);
    expect(r.stdout).toMatch(/truncated\s+alpha = /);
    expect(r.stdout).toMatch(/log_spectral_norm/);
  });

  it('fits eigenvalues with --n, and skips the MP part without Q', async () => {
    const ev = save(dir, 'ev.npy', esd(W), [100]);
    const withN = JSON.parse((await vsdl('fit', ev, '--n', '200', '--json', '--xmin', '2')).stdout);
    expect(withN).toMatchObject({ status: 'ok', input: 'eigenvalues', num_spikes: 1, normalization: 'none', xmin: 2 });
    const without = await vsdl('fit', ev, '--json');
    const obj = JSON.parse(without.stdout);
    expect(obj.phase).toBeNull();
    expect(obj.reason).toMatch(/MP fit skipped: Q unknown/);
  });

  it.each([
    [['--input', 'eigenvalues'], /has shape \(200, 100\): for a matrix use --input matrix.*allowed: a 1-D .npy/],
    [['--fit', 'XYZ'], /--fit/],
    [['--q', '2'], /unset for a matrix input/],
    [['--xmin', 'abc'], /--xmin/],
  ])('refuses %j with a clear message', async (flags, message) => {
    const r = await vsdl('fit', wPath, ...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('refuses 1-D input as a matrix and a wide matrix, saying what to do', async () => {
    const ev = save(dir, 'ev2.npy', esd(W), [100]);
    const r = await vsdl('fit', ev, '--input', 'matrix');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/use --input eigenvalues/);
    const wide = save(dir, 'wide.npy', W.data, [100, 200]);
    const w = await vsdl('fit', wide);
    expect(w.code).toBe(2);
    expect(w.stderr).toMatch(/--transpose/);
    expect((await vsdl('fit', wide, '--transpose', '--json')).code).toBe(0);
  });

  it.each([
    ['too few', Float64Array.from([1, 2, 3]), /too few eigenvalues/],
    ['all equal', new Float64Array(30).fill(4), /all 30 eigenvalues equal/],
    ['NaN', Float64Array.from({ length: 30 }, (_, i) => (i === 7 ? NaN : i + 1)), /NaN/],
    ['negative', Float64Array.from({ length: 30 }, (_, i) => i - 10), /negative/],
  ])('reports %s eigenvalues as status failed with exit code 1', async (_name, data, why) => {
    const path = save(dir, `bad-${_name}.npy`, data, [data.length]);
    const r = await vsdl('fit', path, '--q', '2', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed' });
    expect(r.stderr).toMatch(why);
  });

  it('reports NaN in a matrix clearly', async () => {
    const data = Float64Array.from(W.data);
    data[17] = NaN;
    const r = await vsdl('fit', save(dir, 'nan.npy', data, [200, 100]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/NaN/);
  });
});
