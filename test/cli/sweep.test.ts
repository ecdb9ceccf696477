import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepNpyFiles } from '../../src/cli/sweep/files.js';
import { parseCsv, readNpy } from '../../src/io/index.js';
import { tempDir, vsdl } from './harness.js';

/** Small fixed-length cells (N = 30): these tests check the command, test/core/vsdl/sweep.test.ts the physics. */
const base = ['sweep', '--weights', 'ising', '--alpha', '0.5:1.5:3', '--tau', '0.5,1', '--n', '30', '--samples', '2',
  '--seed', '7', '--equilibration', '20', '--measurement', '40', '--workers', '1'];

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('vsdl sweep: outputs', () => {
  it('writes the sweep JSON, prints the same object with --json, and CSV and .npy grids that read back', async () => {
    const dir = tempDir();
    const out = join(dir, 'sweep.json');
    const r = await vsdl(...base, '--out', out, '--csv', join(dir, 'sweep.csv'), '--npy-dir', join(dir, 'npy'), '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(''); // --json and stderr not a terminal: no progress
    const doc = readJson(out);
    expect(JSON.parse(r.stdout)).toEqual(doc);
    expect(Object.keys(doc)).toEqual(['weights', 'N', 'samples', 'noise', 'seed', 'start', 'teacher', 'schedule', 'alphas', 'taus',
      'backend', 'versions', 'phase_lines', 'status', 'cells']);
    expect(doc).toMatchObject({ weights: 'ising', N: 30, samples: 2, noise: 0, seed: 7, start: 'mixed', teacher: 'ising', backend: 'cpu',
      status: 'complete', alphas: [0.5, 1, 1.5], taus: [0.5, 1],
      schedule: { equilibration: 20, measurement: 40, max_equilibration: 10000, max_measurement: 20000 },
      versions: { software: { name: 'vsdl-lab' }, generator: { name: 'philox4x32-10' } } });
    expect(doc.phase_lines.map((l: { tau: number }) => l.tau)).toEqual([0.5, 1]);
    expect(doc.phase_lines[0].alpha_c).toBeCloseTo(1.5708, 3);
    expect(doc.cells).toHaveLength(6);
    expect(doc.cells.map((c: { alpha: number; tau: number }) => [c.tau, c.alpha])).toEqual([[0.5, 0.5], [0.5, 1], [0.5, 1.5], [1, 0.5], [1, 1], [1, 1.5]]);
    for (const cell of doc.cells) {
      for (const key of ['R', 'q', 'eps_g', 'eps_t', 'R_se', 'q_se', 'eps_g_se', 'eps_t_se', 'acceptance']) expect(typeof cell[key]).toBe('number');
      expect(Object.keys(cell.tau_int)).toEqual(['energy', 'R']);
      expect(Object.keys(cell.theory)).toEqual(['R', 'q', 'eps_g', 'eps_t', 'f', 's', 'branch']);
    }

    const csv = parseCsv(readFileSync(join(dir, 'sweep.csv'), 'utf8'));
    expect(csv.columns.slice(0, 4)).toEqual(['alpha', 'tau', 'R', 'R_se']);
    expect(csv.rows).toHaveLength(6);
    const column = (name: string) => csv.rows.map((row) => row[csv.columns.indexOf(name)]);
    expect(column('R')).toEqual(doc.cells.map((c: { R: number }) => c.R));
    expect(column('theory_R')).toEqual(doc.cells.map((c: { theory: { R: number } }) => c.theory.R));

    const npy = (name: string) => {
      const arr = readNpy(new Uint8Array(readFileSync(join(dir, 'npy', `${name}.npy`))));
      expect(arr.dtype).toBe('<f8');
      return { shape: arr.shape, data: arr.data as Float64Array };
    };
    const R = npy('R');
    expect(R.shape).toEqual([2, 3]); // [n_tau, n_alpha]
    expect(Array.from(R.data)).toEqual(doc.cells.map((c: { R: number }) => c.R));
    expect(npy('theory_eps_g').shape).toEqual([2, 3]);
    expect(Array.from(npy('alphas').data)).toEqual([0.5, 1, 1.5]);
    expect(Array.from(npy('taus').data)).toEqual([0.5, 1]);
    const sidecar = readJson(join(dir, 'npy', 'sweep.json'));
    expect(sidecar.layout).toMatchObject({ shape: [2, 3], axes: ['tau', 'alpha'] });
    expect(sidecar.files).toContain('R.npy');
    expect(sidecar.seed).toBe(7);
    // The names checked against --out and --csv before the run are the files written.
    expect(readdirSync(join(dir, 'npy')).sort()).toEqual(sweepNpyFiles().sort());
  });

  it('refuses an --out or --csv that is one of the files --npy-dir writes, before any work', async () => {
    const dir = tempDir();
    const npyDir = join(dir, 'npy');
    mkdirSync(npyDir);
    const json = join(npyDir, 'sweep.json');
    writeFileSync(json, 'GOOD');
    const out = await vsdl(...base, '--npy-dir', npyDir, '--out', json);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain(`invalid --out: "${json}" (two outputs would be the same file); allowed: a file other than ${json} (--npy-dir)`);
    const R = join(npyDir, 'R.npy');
    const csv = await vsdl(...base, '--npy-dir', npyDir, '--csv', R);
    expect(csv.code).toBe(2);
    expect(csv.stderr).toContain(`invalid --csv: "${R}" (two outputs would be the same file); allowed: a file other than ${R} (--npy-dir)`);
    expect(readdirSync(npyDir)).toEqual(['sweep.json']);
    expect(readFileSync(json, 'utf8')).toBe('GOOD');
  });

  it('prints a table and the agreement summary without --out', async () => {
    const r = await vsdl(...base);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^alpha\ttau\tR\tR_se\ttheory_R/);
    expect(lines).toHaveLength(1 + 6 + 1);
    expect(lines.at(-1)).toMatch(/^6 cells \(complete\); \d of 6 agree with the replica theory/);
    expect(r.stderr).toMatch(/6 of 6 cells to run/);
  });
});

describe('vsdl sweep: resuming and interrupting', () => {
  it('--resume runs only the missing cells and writes the same file as an uninterrupted run', async () => {
    const dir = tempDir();
    const full = join(dir, 'full.json');
    const part = join(dir, 'part.json');
    expect((await vsdl(...base, '--out', full)).code).toBe(0);
    const doc = readJson(full);
    writeFileSync(part, JSON.stringify({ ...doc, status: 'partial', cells: [doc.cells[4], doc.cells[1]] }));
    const r = await vsdl(...base, '--out', part, '--resume');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/2 of 6 cells already done/);
    expect(r.stderr).toMatch(/4 of 6 cells to run/);
    expect(readFileSync(part, 'utf8')).toBe(readFileSync(full, 'utf8'));
    // A finished file resumes to itself.
    expect((await vsdl(...base, '--out', part, '--resume')).code).toBe(0);
    expect(readFileSync(part, 'utf8')).toBe(readFileSync(full, 'utf8'));
  });

  it('on SIGINT keeps a valid partial file (exit 130) that --resume completes', async () => {
    const dir = tempDir();
    const out = join(dir, 'sweep.json');
    const args = ['sweep', '--weights', 'ising', '--alpha', '0.5:2:16', '--tau', '0.5', '--n', '100', '--samples', '2', '--seed', '7',
      '--equilibration', '200', '--measurement', '200', '--workers', '1', '--out', out];
    // 16 cells, so that a busy machine still finds the run unfinished when the signal is handled.
    const running = vsdl(...args);
    while (!existsSync(out)) await new Promise((resolve) => setTimeout(resolve, 2));
    process.emit('SIGINT');
    const r = await running;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted; .* holds \d+ of 16 cells \(status partial\); continue with --resume/);
    const partial = readJson(out);
    expect(partial.status).toBe('partial');
    expect(partial.cells.length).toBeGreaterThanOrEqual(1);
    expect(partial.cells.length).toBeLessThan(16);
    expect(process.listenerCount('SIGINT')).toBe(0);

    expect((await vsdl(...args, '--resume')).code).toBe(0);
    const whole = join(dir, 'whole.json');
    expect((await vsdl(...args.slice(0, -1), whole)).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(whole, 'utf8'));
  });

  it('refuses to resume a file made with other parameters, and leaves it alone', async () => {
    const dir = tempDir();
    const out = join(dir, 'sweep.json');
    expect((await vsdl(...base, '--out', out)).code).toBe(0);
    const before = readFileSync(out, 'utf8');
    const other = await vsdl(...base.map((a) => (a === '30' ? '31' : a)), '--out', out, '--resume');
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/invalid --n: .*30 as in/);
    const smaller = await vsdl(...base.map((a) => (a === '0.5,1' ? '0.5' : a)), '--out', out, '--resume');
    expect(smaller.code).toBe(2);
    expect(smaller.stderr).toMatch(/--alpha\/--tau/);
    writeFileSync(join(dir, 'bad.json'), '{"cells": 3}');
    const bad = await vsdl(...base, '--out', join(dir, 'bad.json'), '--resume');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid --resume/);
    expect(readFileSync(out, 'utf8')).toBe(before);
  });

  it('refuses to resume cells of another backend (they would be recorded under the new one)', async () => {
    const dir = tempDir();
    const out = join(dir, 'b.json');
    const one = ['sweep', '--weights', 'ising', '--alpha', '1', '--tau', '0.5', '--n', '10', '--samples', '1', '--equilibration', '5', '--measurement', '5', '--backend', 'cpu', '--out', out];
    expect((await vsdl(...one)).code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.backend).toBe('cpu');
    // As if its cell had run on the GPU: resuming the grid (one more α) on the CPU is refused, the file untouched.
    const stored = JSON.stringify({ ...doc, backend: 'gpu' });
    writeFileSync(out, stored);
    const r = await vsdl(...one.map((a, i) => (one[i - 1] === '--alpha' ? '1,2' : a)), '--resume');
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/--backend.*"gpu" as in/);
    expect(readFileSync(out, 'utf8')).toBe(stored);
  });

  it('reads a truncated --resume file as unreadable input (exit 1), as an empty one', async () => {
    const dir = tempDir();
    for (const text of ['{"a":', '']) {
      const out = join(dir, 'cut.json');
      writeFileSync(out, text);
      const r = await vsdl(...base, '--out', out, '--resume');
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(`cannot read ${out}: not JSON`);
      expect(readFileSync(out, 'utf8')).toBe(text);
    }
  });
});

describe('vsdl sweep: bad input', () => {
  const set = (flag: string, value: string) => {
    const args = [...base];
    const at = args.indexOf(flag);
    if (at >= 0) args[at + 1] = value;
    else args.push(flag, value);
    return args;
  };
  it.each([
    [set('--alpha', '0:1:3'), '--alpha'],
    [set('--alpha', '1:2'), '--alpha'],
    [set('--alpha', '1:2:x'), '--alpha'],
    [set('--alpha', '1,1'), '--alpha'],
    [set('--tau', '-0.5'), '--tau'],
    [set('--tau', 'abc'), '--tau'],
    [set('--n', '1'), '--n'],
    [set('--n', '6000'), '--n'],
    [set('--noise', '0.6'), '--noise'],
    [set('--samples', '0'), '--samples'],
    [set('--measurement', '0'), '--measurement'],
    [set('--workers', '0'), '--workers'],
    [set('--weights', 'binary'), '--weights'],
    [set('--start', 'middle'), '--start'],
    [set('--backend', 'tpu'), '--backend'],
    [set('--alpha', '0.5:3:60').map((a, i, all) => (all[i - 1] === '--tau' ? '0:1:50' : a)), '--alpha × --tau'],
    [[...base, '--resume'], '--resume'],
  ])('%j: exit code 2 naming %s, the existing --out untouched', async (args, flag) => {
    const dir = tempDir();
    const out = join(dir, 'sweep.json');
    writeFileSync(out, 'GOOD');
    const r = await vsdl(...args, ...(args.includes('--resume') ? [] : ['--out', out]));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`invalid ${flag}`);
    expect(readFileSync(out, 'utf8')).toBe('GOOD');
  });

  it('says how to run a refused grid anyway, with the estimate', async () => {
    const r = await vsdl(...base.map((a) => (a === '0.5:1.5:3' ? '0.5:3:60' : a === '0.5,1' ? '0:1:50' : a)));
    expect(r.stderr).toMatch(/3000 of 3000 cells to run, .* proposals, about .* on 1 worker.*pass --yes/);
  });

  it('says a run past the limits with --yes needs more memory than there is, in words (exit 1)', async () => {
    // α = 10⁶ at N = 5000: 2.5·10¹³ inputs, beyond any typed array; the engine's RangeError is named for what it is.
    const r = await vsdl('sweep', '--weights', 'ising', '--alpha', '1000000', '--tau', '0.5', '--n', '5000', '--samples', '1', '--yes');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not enough memory for this run \(Invalid typed array length: 25000000000000\); choose smaller sizes/);
  });
});

describe('vsdl sweep --backend gpu', () => {
  it('runs the grid through the gpu.js kernels (webasm/cpu in Node) and records the backend', async () => {
    const dir = tempDir();
    const out = join(dir, 'gpu.json');
    const r = await vsdl(...base.filter((a) => a !== '--workers' && a !== '1'), '--backend', 'gpu', '--start', 'equilibrium', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const doc = readJson(out);
    expect(doc.status).toBe('complete');
    expect(doc.backend).toBe('gpu');
    expect(doc.start).toBe('equilibrium');
    expect(doc.cells).toHaveLength(6);
    for (const cell of doc.cells) expect(Number.isFinite(cell.R)).toBe(true);
  });
});
