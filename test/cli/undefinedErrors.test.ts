import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/index.js';
import { tempDir, vsdl } from './harness.js';

/**
 * A standard error from a single instance or sample is undefined: the JSON says null, never the string "NaN"
 * (which reads as a value), and the field is still there.
 */
describe('standard errors that one run cannot give', () => {
  it('vsdl landscape with one instance: summary.*.se are null', async () => {
    const r = await vsdl('landscape', '--couplings', 'gaussian', '--n', '8', '--quenches', '20', '--seed', '1', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('NaN');
    const { summary } = JSON.parse(r.stdout);
    expect(summary.instances).toBe(1);
    for (const q of ['ground_state_energy', 'gap', 'width', 'fraction_at_ground_state', 'overlap']) {
      expect(summary[q], q).toEqual({ mean: expect.any(Number), se: null });
    }
    // With two, numbers.
    const two = JSON.parse((await vsdl('landscape', '--couplings', 'gaussian', '--n', '8', '--quenches', '20', '--instances', '2', '--seed', '1', '--json')).stdout);
    expect(typeof two.summary.gap.se).toBe('number');
    // The table still prints the means alone.
    const text = await vsdl('landscape', '--couplings', 'gaussian', '--n', '8', '--quenches', '20', '--seed', '1');
    expect(text.stdout).toMatch(/over 1 instance \(± SE\): e_GS -?[\d.]+, gap/);
    expect(text.stdout).not.toMatch(/NaN|null/);
  });

  it('vsdl sweep with one sample: q_se is null, the other errors thermal; --out, --csv and --resume agree', async () => {
    const dir = tempDir();
    const out = join(dir, 'sweep.json');
    const args = ['sweep', '--weights', 'ising', '--alpha', '1,2', '--tau', '1', '--n', '10', '--samples', '1', '--seed', '1',
      '--equilibration', '20', '--measurement', '40', '--workers', '1', '--out', out];
    const r = await vsdl(...args, '--csv', join(dir, 'sweep.csv'), '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('NaN');
    const doc = JSON.parse(r.stdout);
    expect(doc.cells).toHaveLength(2);
    for (const cell of doc.cells) {
      expect(cell.error_kind).toBe('thermal');
      expect(cell.q_se).toBeNull();
      expect(typeof cell.q).toBe('number');
      for (const key of ['R_se', 'eps_g_se', 'eps_t_se', 'energy_se']) expect(typeof cell[key], key).toBe('number');
    }
    expect(readFileSync(out, 'utf8')).not.toContain('NaN');
    // The CSV is a float table: the undefined error is NaN there, as for any missing value.
    const csv = parseCsv(readFileSync(join(dir, 'sweep.csv'), 'utf8'));
    const qSe = csv.columns.indexOf('q_se');
    expect(qSe).toBeGreaterThan(0);
    for (const row of csv.rows) expect(Number.isNaN(Number(row[qSe]))).toBe(true);

    // A file with null q_se resumes (to itself, when complete) ...
    const resumed = await vsdl(...args, '--resume', '--json');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout)).toEqual(doc);
    // ... and so does one written before the change, with "NaN" there: it reads as null.
    const old = readFileSync(out, 'utf8').replace(/"q_se": ?null/g, '"q_se": "NaN"');
    expect(old.match(/"q_se": "NaN"/g)).toHaveLength(2);
    writeFileSync(out, old);
    const fromOld = await vsdl(...args, '--resume', '--json');
    expect(fromOld.code, fromOld.stderr).toBe(0);
    expect(JSON.parse(fromOld.stdout)).toEqual(doc);
  });

  it('vsdl sweep with two samples: q_se is the standard error over samples', async () => {
    const r = await vsdl('sweep', '--weights', 'ising', '--alpha', '1', '--tau', '1', '--n', '10', '--samples', '2', '--seed', '1',
      '--equilibration', '20', '--measurement', '40', '--workers', '1', '--json');
    expect(r.code, r.stderr).toBe(0);
    const [cell] = JSON.parse(r.stdout).cells;
    expect(cell.error_kind).toBe('disorder');
    expect(typeof cell.q_se).toBe('number');
    expect(cell.q_se).toBeGreaterThanOrEqual(0);
  });
});
