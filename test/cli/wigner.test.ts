import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wignerEigenvalues } from '../../src/core/ensembles/index.js';
import { readNpy } from '../../src/io/index.js';
import { tempDir, vsdl } from './harness.js';

async function json(...args: string[]): Promise<Record<string, unknown>> {
  const r = await vsdl('wigner', ...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

describe('vsdl wigner', () => {
  it('prints a GOE spectrum with its parameters, the same as the library', async () => {
    const o = await json('--n', '200', '--seed', '7');
    expect(o).toMatchObject({ beta: 1, n: 200, method: 'dense', tail: null, mu: null, seed: 7, count: 200, out: null });
    const values = o.eigenvalues as number[];
    expect(values).toEqual(Array.from(wignerEigenvalues({ n: 200, seed: 7 })));
    expect(o.lambda_min).toBe(values[0]);
    expect(o.lambda_max).toBe(values[199]);
    expect(o.entry_scale).toBeCloseTo(1 / Math.sqrt(200), 15);
  });

  it('uses the tridiagonal model for β ≠ 1 and writes .npy with a sidecar', async () => {
    const dir = tempDir();
    const out = join(dir, 'gue.npy');
    const o = await json('--n', '500', '--beta', '2', '--seed', 'a', '--out', out);
    expect(o).toMatchObject({ beta: 2, method: 'tridiagonal', count: 500, out });
    expect(o.eigenvalues).toBeUndefined();
    const arr = readNpy(new Uint8Array(readFileSync(out)));
    expect(arr.shape).toEqual([500]);
    expect(Array.from(arr.data as Float64Array)).toEqual(Array.from(wignerEigenvalues({ n: 500, beta: 2, seed: 'a' })));
    const sidecar = JSON.parse(readFileSync(join(dir, 'gue.json'), 'utf8'));
    expect(sidecar).toMatchObject({ beta: 2, n: 500, seed: 'a', generator: { name: 'philox4x32-10' }, software: { name: 'vsdl-lab' } });
  });

  it('returns the top K at a size no full solve reaches', async () => {
    const o = await json('--n', '1000000', '--beta', '4', '--top', '3', '--seed', '1');
    expect(o).toMatchObject({ method: 'tridiagonal', count: 3, n: 1000000 });
    for (const v of o.eigenvalues as number[]) expect(Math.abs(v - 2)).toBeLessThan(1e-3);
  });

  it('draws heavy-tailed entries with the N^(−1/μ) scaling below μ = 2', async () => {
    const o = await json('--n', '300', '--tail', 'pareto', '--mu', '1.5', '--seed', '3');
    expect(o).toMatchObject({ tail: 'pareto', mu: 1.5, method: 'dense' });
    expect(o.entry_scale).toBeCloseTo(300 ** (-1 / 1.5), 15);
    const t = await json('--n', '300', '--tail', 'student-t', '--mu', '3', '--seed', '3');
    expect(t.entry_scale).toBeCloseTo(1 / Math.sqrt(3 * 300), 15); // Student-t ν = 3 has variance 3
  });

  it.each([
    [['--n', '10', '--seed', '1', '--method', 'dense', '--beta', '2'], '--beta'],
    [['--n', '10', '--seed', '1', '--method', 'tridiagonal', '--tail', 'pareto', '--mu', '1'], '--tail'],
    [['--n', '10', '--seed', '1', '--tail', 'lomax', '--mu', '1'], '--tail'],
    [['--n', '10', '--seed', '1', '--tail', 'stable', '--mu', '2.5'], '--mu'],
    [['--n', '10', '--seed', '1', '--tail', 'pareto'], '--mu'],
    [['--n', '10', '--seed', '1', '--mu', '1'], '--mu'],
    [['--n', '20000', '--seed', '1'], '--n'],
    [['--n', '200000', '--beta', '2', '--seed', '1'], '--n'],
    [['--n', '10', '--seed', '1', '--top', '3', '--method', 'dense'], '--top'],
    [['--n', '10', '--seed', '1', '--top', '11'], '--top'],
    [['--n', '10'], '--seed'],
  ])('refuses %j with exit code 2 naming %s', async (args, name) => {
    const r = await vsdl('wigner', ...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`invalid ${name}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a β whose β·N overflows with its real range, naming --beta, and takes the largest β allowed', async () => {
    const r = await vsdl('wigner', '--n', '200', '--beta', '1.7e308', '--seed', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid --beta: 1.7e+308');
    expect(r.stderr).toContain('allowed: a number 0 < β ≤ 8.98e+305 at N = 200');
    expect(r.stderr).not.toMatch(/invalid k|Infinity|\n\s+at /);
    const o = await json('--n', '200', '--beta', '8.98e305', '--seed', '1');
    expect(Number.isFinite(o.lambda_max)).toBe(true);
    expect(o.lambda_max as number).toBeLessThan(2.5);
    const zero = await vsdl('wigner', '--n', '200', '--beta', '0', '--seed', '1');
    expect(zero.stderr).toContain('allowed: a number β > 0 (1 with the dense method)');
  });

  it.each([
    ['pareto', 'a tail exponent μ > 0, required with --tail pareto'],
    ['student-t', 'a tail exponent μ > 0, required with --tail student-t'],
    ['stable', 'a tail exponent 0 < μ ≤ 2, required with --tail stable'],
  ])('says that --mu is required with --tail %s, and what it takes', async (tail, allowed) => {
    const r = await vsdl('wigner', '--n', '10', '--seed', '1', '--tail', tail);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`invalid --mu: "missing"; allowed: ${allowed}`);
    expect(r.stderr).not.toContain('undefined');
  });

  it('says how to reach a larger N when --n is over the method\'s limit', async () => {
    const r = await vsdl('wigner', '--n', '100000000', '--seed', '1', '--method', 'tridiagonal');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('invalid --n: 100000000');
    expect(r.stderr).toContain('with --top K');
  });

  it.each([
    ['ev.json', 'its own sidecar', /invalid --out \(its sidecar\):.*two outputs would be the same file/],
    [join('missing', 'ev.npy'), 'in a missing folder', /invalid --out:.*the folder does not exist/],
    ['.', 'a folder', /invalid --out:.*it is a folder/],
  ])('refuses --out %s (%s) before computing, as generate does', async (name, _what, message) => {
    const dir = tempDir();
    const r = await vsdl('wigner', '--n', '10', '--seed', '1', '--out', join(dir, name));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/eigenvalues of the/); // the progress stage of the solve never started
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each(['01', '1.0', '+1', '1e0', '9007199254740992', ''])('refuses --seed %j, as every command does (README, "Flag values")', async (seed) => {
    const r = await vsdl('wigner', '--n', '10', '--seed', seed);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid --seed/);
    expect(r.stdout).toBe('');
  });

  it('trims --seed " 7" to the seed 7', async () => {
    expect(await json('--n', '20', '--seed', ' 7')).toEqual(await json('--n', '20', '--seed', '7'));
  });

  it('leaves no file behind when the output folder does not exist', async () => {
    const out = join(tempDir(), 'missing', 'x.npy');
    const r = await vsdl('wigner', '--n', '10', '--seed', '1', '--out', out);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
