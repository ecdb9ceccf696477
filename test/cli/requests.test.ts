import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeNpy } from '../../src/io/index.js';
import { writeFileSync } from 'node:fs';
import { tempDir, vsdl } from './harness.js';

/** Requests that would run for ever, eat the machine or print a wrong number: bounded, estimated or answered right. */

describe('unbounded requests', () => {
  it('bounds --moments (vsdl theory mp --moments 1000000 used to run indefinitely)', async () => {
    const r = await vsdl('theory', 'mp', '--q', '2', '--moments', '1000000');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid --moments: "1000000"; allowed: an integer in \[1, 1000\]/);
    const ok = await vsdl('theory', 'mp', '--q', '1', '--moments', '1000', '--json');
    const moments = JSON.parse(ok.stdout).moments;
    expect(moments).toHaveLength(1000);
    // Catalan numbers grow like 4^k: past k ≈ 510 they exceed float64 and are Infinity, never NaN.
    expect(moments[9]).toBe(16796);
    expect(moments[999]).toBe('Infinity');
  });

  it('estimates a long --bootstrap and asks for --yes; refuses an absurd one outright', async () => {
    const dir = tempDir();
    const ev = join(dir, 'ev.npy');
    const values = Float64Array.from({ length: 2000 }, (_, i) => 1 + i / 100);
    writeFileSync(ev, writeNpy({ data: values, shape: [values.length] }));
    const absurd = await vsdl('fit', ev, '--bootstrap', '1000000000');
    expect(absurd.code).toBe(2);
    expect(absurd.stderr).toMatch(/invalid --bootstrap: "1000000000"; allowed: an integer in \[20, 1000000\]/);
    const long = await vsdl('fit', ev, '--bootstrap', '100000');
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/100000 replicates of a fit to 2000 eigenvalues, about 16.7 min\).*--yes/s);
  });

  it('caps sweep --workers at the cells to run and says so', async () => {
    const r = await vsdl('sweep', '--weights', 'ising', '--alpha', '1', '--tau', '0.5', '--n', '20', '--samples', '1', '--equilibration', '10', '--measurement', '10', '--workers', '1000');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/--workers 1000 capped at 1 \(1 cell to run\)/);
    expect(r.stderr).toMatch(/on 1 worker/);
  });

  it('refuses a 10⁶-cell sweep from arithmetic, before planning a cell', async () => {
    const before = process.memoryUsage().rss;
    const r = await vsdl('sweep', '--weights', 'ising', '--alpha', '0.1:10:1000', '--tau', '0.1:1:1000', '--n', '20', '--yes');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid --alpha × --tau: "1000 × 1000 = 1000000 cells"; allowed: at most 100000 cells/);
    expect((process.memoryUsage().rss - before) / 2 ** 20).toBeLessThan(64);
  });
});

describe('wrong numbers with exit code 0', () => {
  it('gives the Tracy–Widom tails from their asymptotics, never cdf 1 far left or NaN at ±1e308', async () => {
    const r = await vsdl('theory', 'tw', '--beta', '1', '--at', '-1000,-200,-100,-10,1e308,-1e308', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.cdf).toEqual([0, 0, 0, out.cdf[3], 1, 0]);
    expect(out.pdf).toEqual([0, 0, 0, out.pdf[3], 0, 0]);
    expect(out.cdf[3]).toBeCloseTo(3.15903790319956e-22, 30);
    const beta2 = JSON.parse((await vsdl('theory', 'tw', '--beta', '2', '--at', '-300', '--json')).stdout);
    expect(beta2.cdf).toEqual([0]);
  });

  it('refuses a matrix whose eigenvalues overflow float64 (entries 1e200) instead of printing ±Infinity', async () => {
    const dir = tempDir();
    const path = join(dir, 'W.npy');
    writeFileSync(path, writeNpy({ data: new Float64Array(40 * 20).fill(1e200), shape: [40, 20] }));
    const r = await vsdl('esd', path, '--json');
    // The file's contents, not the command line, are at fault: exit 1 (README, exit codes).
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/invalid W: "entries up to 1e\+200" \(λ_max of WᵀW\/N would be about 2e401/);
    expect(r.stdout).toBe('');
  });
});
