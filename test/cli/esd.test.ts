import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/core/ensembles/index.js';
import { esd } from '../../src/core/linalg/index.js';
import { readNpy, writeNpy } from '../../src/io/index.js';
import { pythonWithNumpy } from '../helpers/python.js';
import { tempDir, vsdl } from './harness.js';

/** A Gaussian-like matrix's data with one bad entry at `index`. */
function nanAt<T extends Float64Array | Float32Array>(data: T, index: number, value = NaN): T {
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i + 1);
  data[index] = value;
  return data;
}

async function makeW(dir: string): Promise<string> {
  const out = join(dir, 'W.npy');
  const r = await vsdl('generate', '--ensemble', 'gaussian', '--n', '80', '--m', '40', '--seed', '3', '--out', out);
  expect(r.code).toBe(0);
  return out;
}

describe('vsdl esd', () => {
  it('prints the ascending eigenvalues of X = WᵀW/N as JSON, with the truth sidecar', async () => {
    const dir = tempDir();
    const w = await makeW(dir);
    const r = await vsdl('esd', w, '--json');
    expect(r.code).toBe(0);
    const obj = JSON.parse(r.stdout);
    const expected = esd(generate({ ensemble: 'gaussian', n: 80, m: 40, seed: 3 }).W);
    expect(obj).toMatchObject({ normalization: '1/N', N: 80, M: 40, count: 40 });
    expect(obj.eigenvalues).toEqual(Array.from(expected));
    expect(obj.truth.ensemble).toBe('gaussian');
  });

  it('writes evals.npy, and --normalization none scales by N', async () => {
    const dir = tempDir();
    const w = await makeW(dir);
    const a = join(dir, 'a.npy');
    const b = join(dir, 'b.npy');
    expect((await vsdl('esd', w, '--out', a)).code).toBe(0);
    expect((await vsdl('esd', w, '--normalization', 'none', '--out', b)).code).toBe(0);
    const x = readNpy(new Uint8Array(readFileSync(a))).data as Float64Array;
    const y = readNpy(new Uint8Array(readFileSync(b))).data as Float64Array;
    expect(x.length).toBe(40);
    for (let i = 0; i < 40; i++) expect(y[i]).toBeCloseTo(80 * x[i], 10);
    for (let i = 1; i < 40; i++) expect(x[i]).toBeGreaterThanOrEqual(x[i - 1]);
  });

  it('prints loadtxt-readable text without --out', async () => {
    const dir = tempDir();
    const r = await vsdl('esd', await makeW(dir));
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^# /);
    expect(lines.filter((l) => !l.startsWith('#'))).toHaveLength(40);
  });

  it.skipIf(!pythonWithNumpy)('reads a Fortran-order float32 matrix written by numpy and agrees with eigvalsh', async () => {
    const dir = tempDir();
    const path = join(dir, 'np.npy');
    execFileSync(pythonWithNumpy!, ['-c', `import numpy as np
rng = np.random.default_rng(0)
W = np.asfortranarray(rng.standard_normal((50, 20)).astype(np.float32))
np.save(${JSON.stringify(path)}, W)
X = W.astype(np.float64).T @ W.astype(np.float64) / 50
np.save(${JSON.stringify(join(dir, 'ref.npy'))}, np.linalg.eigvalsh(X))`]);
    const obj = JSON.parse((await vsdl('esd', path, '--json')).stdout);
    const ref = readNpy(new Uint8Array(readFileSync(join(dir, 'ref.npy')))).data as Float64Array;
    const top = ref[ref.length - 1];
    obj.eigenvalues.forEach((v: number, i: number) => expect(Math.abs(v - ref[i])).toBeLessThan(1e-12 * top));
  });

  it.each([
    ['garbage', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), /cannot read/],
    ['a 1-D array', writeNpy({ data: new Float64Array(5), shape: [5] }), /2-D|shape/],
    ['a wide matrix', writeNpy({ data: new Float64Array(6), shape: [2, 3] }), /N ≥ M/],
  ])('refuses %s with a clear message and no stack trace', async (_label, bytes, message) => {
    const dir = tempDir();
    const path = join(dir, 'bad.npy');
    writeFileSync(path, bytes);
    const r = await vsdl('esd', path, '--out', join(dir, 'out.npy'));
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'out.npy'))).toBe(false);
  });

  // The README's convention: exit 1 for a file that cannot be used as what it claims to be (its entries, its
  // emptiness), exit 2 for usage; a wide W stays a usage error (pass its transpose), as it always was.
  it.each([
    ['NaN (float64, read by rows)', () => nanAt(new Float64Array(80 * 40), 41), [80, 40], /W\[1\]\[1\]: NaN/],
    ['Infinity (float32, read whole)', () => nanAt(new Float32Array(80 * 40), 5, Infinity), [80, 40], /W\[0\]\[5\]: Infinity/],
    ['eigenvalues beyond float64', () => new Float64Array(80 * 40).fill(1e200), [80, 40], /float64/],
    ['a 0×0 array', () => new Float64Array(0), [0, 0], /at least one row and one column, got shape \(0, 0\)/],
    ['a 10×0 array', () => new Float64Array(0), [10, 0], /got shape \(10, 0\)/],
    ['a 0×10 array', () => new Float32Array(0), [0, 10], /got shape \(0, 10\)/],
    ['a 0-length 1-D array', () => new Float64Array(0), [0], /2-D/],
  ] as const)('treats %s as a data problem: exit 1, a one-line message, no usage hint', async (_label, data, shape, message) => {
    const dir = tempDir();
    const path = join(dir, 'bad.npy');
    writeFileSync(path, writeNpy({ data: data(), shape: [...shape] }));
    for (const args of [[], ['--json'], ['--out', join(dir, 'out.npy')]]) {
      const r = await vsdl('esd', path, ...args);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      // Progress lines (without --json), then the message on one line, without the usage hint of exit 2.
      expect(r.stderr).toMatch(/(^|\n)vsdl esd: cannot read .*bad\.npy: [^\n]*\n$/);
      expect(r.stderr).not.toContain('--help');
    }
    expect(existsSync(join(dir, 'out.npy'))).toBe(false);
  });

  it('keeps exit 2 for the command line: a bad flag, a missing input, even with a file that holds NaN', async () => {
    const dir = tempDir();
    const path = join(dir, 'nan.npy');
    writeFileSync(path, writeNpy({ data: nanAt(new Float64Array(80 * 40), 3), shape: [80, 40] }));
    expect((await vsdl('esd', path, '--normalization', 'sqrt')).code).toBe(2);
    expect((await vsdl('esd', path, '--threads', '0')).code).toBe(2);
    expect((await vsdl('esd', join(dir, 'nope.npy'))).code).toBe(2);
    writeFileSync(join(dir, 'wide.npy'), writeNpy({ data: new Float64Array(6), shape: [2, 3] }));
    const wide = await vsdl('esd', join(dir, 'wide.npy'));
    expect(wide.code).toBe(2);
    expect(wide.stderr).toMatch(/N ≥ M/);
  });

  it('refuses --threads outside 1 … 256', async () => {
    const dir = tempDir();
    const w = await makeW(dir);
    for (const bad of ['0', '2.5', 'many', '1000']) {
      const r = await vsdl('esd', w, '--threads', bad);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--threads/);
    }
  });

  it('refuses a truncated file and a missing file', async () => {
    const dir = tempDir();
    const w = await makeW(dir);
    const bytes = readFileSync(w);
    writeFileSync(join(dir, 'cut.npy'), bytes.subarray(0, bytes.length - 8));
    const cut = await vsdl('esd', join(dir, 'cut.npy'));
    expect(cut.code).toBe(1);
    expect(cut.stderr).toMatch(/truncated|size|expected/i);
    const missing = await vsdl('esd', join(dir, 'nope.npy'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
  });
});

describe('the vsdl binary', () => {
  const bin = fileURLToPath(new URL('../../bin/vsdl.js', import.meta.url));
  it('answers --help for every command and fails cleanly on unknown ones', () => {
    for (const cmd of ['generate', 'esd']) {
      const r = spawnSync('node', [bin, cmd, '--help'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`usage: vsdl ${cmd}`);
    }
    const r = spawnSync('node', [bin, 'frobnicate'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown command');
  });

  it('gives the same bytes on 1 and 3 worker threads (built CLI, M = 300 takes the blocked kernels)', () => {
    const dir = tempDir();
    const w = join(dir, 'W.npy');
    const g = spawnSync('node', [bin, 'generate', '--ensemble', 'pareto', '--mu', '2.5', '--n', '450', '--m', '300', '--seed', '4', '--out', w], { encoding: 'utf8' });
    expect(g.status, g.stderr).toBe(0);
    const outs = ['1', '3'].map((threads) => {
      const out = join(dir, `ev${threads}.npy`);
      const e = spawnSync('node', [bin, 'esd', w, '--threads', threads, '--out', out], { encoding: 'utf8' });
      expect(e.status, e.stderr).toBe(0);
      return readFileSync(out);
    });
    expect(outs[0].equals(outs[1])).toBe(true);
    const inProcess = esd(generate({ ensemble: 'pareto', mu: 2.5, n: 450, m: 300, seed: 4 }).W);
    expect(readNpy(new Uint8Array(outs[1])).data).toEqual(inProcess);
  });

  it('runs generate and esd end to end as a process', () => {
    const dir = tempDir();
    const out = join(dir, 'W.npy');
    const g = spawnSync('node', [bin, 'generate', '--ensemble', 'student-t', '--mu', '3', '--n', '30', '--m', '10', '--seed', '1', '--out', out], { encoding: 'utf8' });
    expect(g.status, g.stderr).toBe(0);
    const e = spawnSync('node', [bin, 'esd', out, '--json'], { encoding: 'utf8' });
    expect(e.status, e.stderr).toBe(0);
    expect(JSON.parse(e.stdout).count).toBe(10);
    const bad = spawnSync('node', [bin, 'generate', '--ensemble', 'gaussian', '--n', '-3', '--m', '1', '--seed', '1', '--out', out], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--n');
  });
});
