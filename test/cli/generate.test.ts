import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/core/ensembles/index.js';
import { readNpy } from '../../src/io/index.js';
import { tempDir, vsdl } from './harness.js';

describe('vsdl generate', () => {
  it('writes W.npy (float64, N×M) and W.json with the truth, seed and versions', async () => {
    const dir = tempDir();
    const out = join(dir, 'W.npy');
    const r = await vsdl('generate', '--ensemble', 'spiked', '--n', '60', '--m', '30', '--spikes', '2,4',
      '--spike-model', 'covariance', '--sigma', '0.5', '--seed', '42', '--out', out);
    expect(r.stderr).toContain('generating');
    expect(r.code).toBe(0);
    const arr = readNpy(new Uint8Array(readFileSync(out)));
    expect(arr.shape).toEqual([60, 30]);
    expect(arr.dtype).toBe('<f8');
    const expected = generate({ ensemble: 'spiked', n: 60, m: 30, spikes: [2, 4], spikeModel: 'covariance', sigma: 0.5, seed: 42 });
    expect(arr.data).toEqual(expected.W.data);
    const truth = JSON.parse(readFileSync(join(dir, 'W.json'), 'utf8'));
    expect(truth).toMatchObject({ ensemble: 'spiked', law: 'gaussian', N: 60, M: 30, Q: 2, sigma: 0.5, seed: 42,
      spikes: [2, 4], spike_model: 'covariance', normalization: '1/N' });
    expect(truth.generator.name).toBe('philox4x32-10');
    expect(truth.software.name).toBe('vsdl-lab');
    expect(truth.mp.lambda_plus).toBeCloseTo(0.25 * (1 + Math.SQRT1_2) ** 2, 12);
    expect(truth.bbp).toHaveLength(2);
    expect(truth.tracy_widom.scale).toBeGreaterThan(0);
  });

  it('prints one JSON object with --json and nothing on stderr', async () => {
    const dir = tempDir();
    const r = await vsdl('generate', '--ensemble', 'pareto', '--mu', '1.5', '--n', '20', '--m', '10', '--seed', 'x',
      '--out', join(dir, 'P.npy'), '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const obj = JSON.parse(r.stdout);
    expect(obj.truth.heavy_tail.regime).toBe('very-heavy');
    expect(obj.truth.seed).toBe('x');
  });

  it.each([
    [['--n', '0'], '--n'],
    [['--n', 'abc'], '--n'],
    [['--n', ''], '--n'],
    [['--m', '99'], 'm'],
    [['--ensemble', 'wishart'], 'ensemble'],
    [['--ensemble', 'pareto', '--mu', '-1'], 'mu'],
    [['--ensemble', 'pareto', '--mu', 'NaN'], '--mu'],
    [['--sigma', '0x10'], '--sigma'],
    [['--seed', ''], '--seed'],
    [['--bogus', '1'], 'bogus'],
    // Options of the spiked ensemble on one without spikes: mistakes, not no-ops.
    [['--spikes', '3'], 'spikes'],
    [['--spike-model', 'additive'], 'spike-model'],
    [['--ensemble', 'pareto', '--mu', '3', '--spike-model', 'covariance'], 'spike-model'],
  ])('refuses %j with exit code 2, naming %s, and writes nothing', async (patch, name) => {
    const dir = tempDir();
    const args: Record<string, string> = { '--ensemble': 'gaussian', '--n': '20', '--m': '10', '--seed': '1', '--out': join(dir, 'W.npy') };
    const extra: string[] = [];
    for (let i = 0; i < patch.length; i += 2) {
      if (patch[i] in args) args[patch[i]] = patch[i + 1];
      else extra.push(patch[i], patch[i + 1]);
    }
    const r = await vsdl('generate', ...Object.entries(args).flat(), ...extra);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(name);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a missing --seed and a missing output folder', async () => {
    const dir = tempDir();
    const noSeed = await vsdl('generate', '--ensemble', 'gaussian', '--n', '4', '--m', '2', '--out', join(dir, 'W.npy'));
    expect(noSeed.code).toBe(2);
    expect(noSeed.stderr).toContain('--seed');
    const badDir = await vsdl('generate', '--ensemble', 'gaussian', '--n', '4', '--m', '2', '--seed', '1',
      '--out', join(dir, 'missing', 'W.npy'));
    expect(badDir.code).toBe(2);
    expect(badDir.stderr).toContain('folder does not exist');
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('refuses sizes that would exhaust memory before allocating', async () => {
    const r = await vsdl('generate', '--ensemble', 'gaussian', '--n', '1000000', '--m', '100000', '--seed', '1', '--out', 'x.npy');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/GB/);
  });
});
