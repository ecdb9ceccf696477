import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/core/ensembles/index.js';
import { fitEsd, generateLowRank } from '../../src/core/fit/index.js';
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

  it('fits a low-rank matrix as rank-collapse (exit 0), with either definitions', async () => {
    const { W: low } = generateLowRank({ n: 400, m: 200, rank: 2, seed: 1 });
    const file = save(dir, 'low.npy', low.data, [400, 200]);
    for (const definitions of ['vsdl', 'weightwatcher']) {
      const r = await vsdl('fit', file, '--json', '--definitions', definitions);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ status: 'ok', phase: 'rank-collapse', num_spikes: null });
    }
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

  it.each([
    ['NaN', NaN, /W\[0\]\[17\] is NaN/],
    ['Infinity', -Infinity, /W\[0\]\[17\] is -Infinity/],
  ])('reports %s in a matrix as eigenvalue input does: status failed, a JSON record, exit code 1', async (name, value, why) => {
    const data = Float64Array.from(W.data);
    data[17] = value;
    const path = save(dir, `bad-${name}.npy`, data, [200, 100]);
    const r = await vsdl('fit', path, '--json');
    expect(r.code).toBe(1);
    const obj = JSON.parse(r.stdout);
    expect(obj).toMatchObject({ status: 'failed', input: 'matrix', N: 200, M: 100, Q: 2, alpha: null, phase: null });
    expect(obj.reason).toMatch(why);
    // The same columns as any fit: a field is null, never missing.
    expect(Object.keys(obj)).toEqual(Object.keys(JSON.parse((await vsdl('fit', wPath, '--json')).stdout)));
    expect(r.stderr).toMatch(why);
    expect(r.stderr).not.toMatch(/see: vsdl fit --help/);
    // Without --json: the table, then the reason; the same exit code. The entry is named by its place in the file.
    const text = await vsdl('fit', path);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/status\s+failed/);
    const wide = save(dir, `bad-${name}-wide.npy`, data, [100, 200]);
    const t = await vsdl('fit', wide, '--transpose', '--json');
    expect(t.code).toBe(1);
    expect(JSON.parse(t.stdout)).toMatchObject({ status: 'failed', N: 200, M: 100 });
    expect(JSON.parse(t.stdout).reason).toMatch(why);
  });

  it('reports an empty matrix as an empty eigenvalue list is reported: status failed, exit code 1', async () => {
    for (const shape of [[0, 0], [10, 0], [0, 10]]) {
      const path = save(dir, `empty-${shape.join('x')}.npy`, new Float64Array(0), shape);
      const r = await vsdl('fit', path, '--json');
      expect(r.code, shape.join('×')).toBe(1);
      const obj = JSON.parse(r.stdout);
      expect(obj).toMatchObject({ status: 'failed', N: shape[0], M: shape[1], Q: null });
      expect(obj.reason).toMatch(/no entries/);
    }
    const t = await vsdl('fit', save(dir, 'empty-t.npy', new Float64Array(0), [0, 10]), '--transpose', '--json');
    expect(t.code).toBe(1);
    expect(t.stderr).not.toMatch(/invalid a\b/);
  });

  it('still refuses a bad flag before looking at the data (exit 2), naming the flag', async () => {
    const data = Float64Array.from(W.data);
    data[0] = NaN;
    const r = await vsdl('fit', save(dir, 'nan-flag.npy', data, [200, 100]), '--fpr', '2', '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^vsdl fit: invalid --fpr: 2;/);
  });

  it.each([
    [['--fpr', '0.6'], /^vsdl fit: invalid --fpr: 0\.6; allowed: a number in \(0, 0\.5\]$/m],
    [['--xmin', '100', '--xmax', '50'], /^vsdl fit: invalid --xmax: "50" \(the power law is fitted to the eigenvalues between --xmin and --xmax\); allowed: a value above --xmin \(100\), or one of the two alone$/m],
    [['--xmin', '2', '--xmax', '2'], /invalid --xmax: "2" .*above --xmin \(2\)/],
    [['--q', '0.5'], /^vsdl fit: invalid --q: 0\.5;/m],
    [['--n', '1'], /^vsdl fit: invalid --n: 1;/m],
    [['--input', 'matrix', '--q', '2'], /^vsdl fit: invalid --q: "2"; allowed: unset for a matrix input/m],
    [['--input', 'eigenvalues', '--transpose'], /^vsdl fit: invalid --transpose: true; allowed: unset for an eigenvalue input/m],
  ])('checks %j before reading the data: exit 2 for a file that is no .npy at all', async (flags, message) => {
    // /dev/zero fails at its first bytes (exit 1): a refusal of the flags comes first.
    const r = await vsdl('fit', '/dev/zero', ...flags, '--json');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    // Flags, not the library's option names (xmin, falsePositiveRate), and nothing read.
    expect(r.stderr).not.toMatch(/magic|reading|(?<!--)\b(xmin|xmax|falsePositiveRate)\b/);
    expect(r.stdout).toBe('');
  });

  it('says in words why eigenvalues below the zero floor cannot be fitted', async () => {
    const tiny = save(dir, 'tiny.npy', Float64Array.from({ length: 300 }, (_, i) => 1e-310 * (1 + i / 300)), [300]);
    const r = await vsdl('fit', tiny, '--json');
    expect(r.code).toBe(1);
    const obj = JSON.parse(r.stdout);
    expect(obj.status).toBe('failed');
    expect(obj.reason).toBe('power-law fit impossible: invalid eigenvalues: "0 usable of 300"; allowed: at least 2 eigenvalues above 0.00001 (smaller ones count as zeros)');
    expect(r.stderr).not.toMatch(/dropTop|xmax/);
    // With --xmax the cutoff is named in words too.
    const cut = await vsdl('fit', save(dir, 'small.npy', Float64Array.from({ length: 50 }, (_, i) => 1 + i), [50]), '--xmax', '1.5', '--json');
    expect(cut.code).toBe(1);
    expect(JSON.parse(cut.stdout).reason).toMatch(/"1 usable of 50"; allowed: at least 2 eigenvalues above 0\.00001 \(smaller ones count as zeros\), at or below the upper cutoff 1\.5$/);
    expect(cut.stderr).not.toMatch(/dropTop|xmax/);
  });

  it.each([
    [['--fpr', '0.9'], '--fpr', 'falsePositiveRate'],
    [['--fpr', '0'], '--fpr', 'falsePositiveRate'],
    [['--xmin', '-1'], '--xmin', 'xmin'],
    [['--xmax', '-5'], '--xmax', 'xmax'],
  ])('names the flag in a refusal of a matrix fit: %j', async (flags, flag, core) => {
    const r = await vsdl('fit', wPath, ...flags, '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`invalid ${flag}:`);
    expect(r.stderr).not.toContain(`invalid ${core}:`);
  });

  it.each([
    [['--q', '0.5'], '--q'],
    [['--n', '50'], '--n'],
    [['--n', '200', '--m', '10'], '--m'],
    [['--q', '3', '--n', '200'], '--q'],
  ])('names the flag in a refusal of an eigenvalue fit: %j', async (flags, flag) => {
    const ev = save(dir, 'ev-flags.npy', esd(W), [100]);
    const r = await vsdl('fit', ev, ...flags, '--json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^vsdl fit: invalid ${flag}: `));
  });
});
