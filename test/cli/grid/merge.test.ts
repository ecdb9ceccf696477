import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir, vsdl } from '../harness.js';

/**
 * Sharded sweeps merged by `vsdl merge` against the same sweep run on one machine: the merged file must have the
 * same bytes. Small fixed-length cells: these tests check the bookkeeping, not the physics.
 */

const spherical = ['sweep', '--weights', 'spherical', '--alpha', '0.5:1.5:3', '--tau', '0.5,1', '--n', '20', '--samples', '2',
  '--seed', '11', '--equilibration', '10', '--measurement', '20', '--workers', '1'];
const ising = ['sweep', '--weights', 'ising', '--alpha', '0.5,1', '--tau', '0.5,1', '--n', '20', '--samples', '2',
  '--seed', 'shards', '--equilibration', '10', '--measurement', '20', '--workers', '1'];
const layer = ['sweep', '--layer', '--teacher', 'spiked', '--spikes', '4', '--k', '10', '--n', '12', '--alpha', '1,2', '--tau', '0.5,1',
  '--equilibration', '20', '--seed', '3'];

const bytes = (path: string) => readFileSync(path);
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

async function ok(...argv: string[]) {
  const r = await vsdl(...argv);
  if (r.code !== 0) throw new Error(`vsdl ${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r;
}

/** Runs every shard of `count` into dir/part-K.json; returns the part paths. */
async function shards(args: string[], dir: string, count: number): Promise<string[]> {
  const parts: string[] = [];
  for (let k = 0; k < count; k++) {
    const part = join(dir, `part-${k}.json`);
    await ok(...args, '--shard', `${k}/${count}`, '--out', part);
    parts.push(part);
  }
  return parts;
}

describe('vsdl sweep --shard and vsdl merge', () => {
  it('merges the shards of a perceptron sweep into the bytes of a one-machine run, for 1, 2, 4 and 9 shards of 6 cells', async () => {
    const dir = tempDir();
    const whole = join(dir, 'whole.json');
    await ok(...spherical, '--out', whole);
    for (const count of [1, 2, 4, 9]) {
      const sub = join(dir, `n${count}`);
      const parts = await shards(spherical, tempDirIn(sub), count);
      const sizes = parts.map((p) => readJson(p).cells.length);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(6);
      if (count === 9) expect(sizes.filter((s) => s === 0)).toHaveLength(3); // more shards than cells: empty parts
      const merged = join(sub, 'merged.json');
      const r = await ok('merge', '--out', merged, ...parts.reverse());
      expect(r.stdout).toMatch(/6 of 6 cells \(complete\)/);
      expect(bytes(merged).equals(bytes(whole))).toBe(true);
    }
  });

  it('merges an Ising sweep (with its phase lines) and a layer sweep bit for bit', async () => {
    for (const args of [ising, layer]) {
      const dir = tempDir();
      const whole = join(dir, 'whole.json');
      await ok(...args, '--out', whole);
      const parts = await shards(args, dir, 3);
      const merged = join(dir, 'merged.json');
      await ok('merge', '--out', merged, ...parts);
      expect(bytes(merged).equals(bytes(whole))).toBe(true);
    }
  });

  it('writes parts that carry the whole description, their shard and the command that makes them', async () => {
    const dir = tempDir();
    const [part] = await shards(spherical, dir, 2);
    const doc = readJson(part!);
    expect(Object.keys(doc)[0]).toBe('shard');
    expect(doc.shard).toMatchObject({ index: 0, count: 2, cells: doc.cells.length });
    expect(doc.shard.command).toEqual(spherical.filter((a, i) => a !== '--workers' && spherical[i - 1] !== '--workers'));
    expect(doc).toMatchObject({ weights: 'spherical', N: 20, seed: 11, alphas: [0.5, 1, 1.5], taus: [0.5, 1], status: 'complete' });
  });
});

function tempDirIn(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}

describe('vsdl merge: parts that do not make one sweep', () => {
  it('refuses parts of another sweep, naming the field that differs and both files', async () => {
    const dir = tempDir();
    const [a] = await shards(spherical, dir, 2);
    const other = join(dir, 'other.json');
    await ok(...spherical.map((x) => (x === '11' ? '12' : x)), '--shard', '1/2', '--out', other);
    const r = await vsdl('merge', '--out', join(dir, 'm.json'), a!, other);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(other);
    expect(r.stderr).toContain(a!);
    expect(r.stderr).toMatch(/seed differs: 12 here, 11 there/);

    const versioned = join(dir, 'versioned.json');
    const doc = readJson(join(dir, 'part-1.json'));
    doc.versions.software.version = '0.0.0-other';
    writeFileSync(versioned, JSON.stringify(doc));
    const v = await vsdl('merge', '--out', join(dir, 'm.json'), a!, versioned);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/versions differs: .*0\.0\.0-other/);
  });

  it('refuses a shard given twice, a cell held by two parts, parts of two shardings and a whole sweep', async () => {
    const dir = tempDir();
    const [a, b] = await shards(spherical, dir, 2);
    const twice = await vsdl('merge', '--out', join(dir, 'm.json'), a!, b!, a!);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/shard 0\/2 is also .*allowed: one file per shard/);

    const stolen = join(dir, 'stolen.json');
    const docB = readJson(b!);
    docB.cells.push(readJson(a!).cells[0]);
    writeFileSync(stolen, JSON.stringify(docB));
    const held = await vsdl('merge', '--out', join(dir, 'm.json'), a!, stolen);
    expect(held.code).toBe(2);
    expect(held.stderr).toMatch(/1 cell\(s\) held twice/);

    const [, c] = await shards(spherical, tempDirIn(join(dir, 'three')), 3).then((p) => p);
    const mixed = await vsdl('merge', '--out', join(dir, 'm.json'), a!, c!);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/shard 1\/3 here, 0\/2 there/);

    const whole = join(dir, 'whole.json');
    await ok(...spherical, '--out', whole);
    const notPart = await vsdl('merge', '--out', join(dir, 'm.json'), whole);
    expect(notPart.code).toBe(2);
    expect(notPart.stderr).toMatch(/no shard field/);

    const moved = join(dir, 'moved.json');
    const docA = readJson(a!);
    const index = docA.cells.findIndex((c: { alpha: number }) => c.alpha === 0.5);
    expect(docA.cells[index].key).toContain(';alpha=0.5;');
    docA.cells[index].alpha = 0.75; // a hand-edited coordinate: the key still says alpha=0.5
    writeFileSync(moved, JSON.stringify(docA));
    const contradicts = await vsdl('merge', '--out', join(dir, 'm.json'), moved, b!);
    expect(contradicts.code).toBe(1);
    expect(contradicts.stderr).toContain(`cannot read ${moved}: cells[${index}] has alpha 0.75, but its key says alpha=0.5`);
    expect(existsSync(join(dir, 'm.json'))).toBe(false);

    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '{ "cells": [');
    expect((await vsdl('merge', '--out', join(dir, 'm.json'), garbage)).code).toBe(1);
    expect((await vsdl('merge', '--out', a!, a!, b!)).code).toBe(2); // --out would overwrite a part
  });
});

describe('vsdl merge and vsdl sweep --resume: inputs that are no JSON object', () => {
  // Each is refused from its first byte (a part, like any sweep file, starts with '{'), not after reading 256 MiB
  // or, before, 2 GB: the timeouts make a reader that reads on fail instead of hang.
  it.each([
    ['--out', '/dev/zero', /not a JSON object: it starts with byte 0x00, not '\{'/],
    // Random bytes start with '{' (after whitespace) about once in 250 runs: then the text limit stops them.
    ['--status', '/dev/urandom', /not a JSON object: it starts with .*, not '\{'|the stream goes on past 256\.0 MiB/],
  ])('vsdl merge %s %s stops at the first byte (exit 1)', async (mode, device, message) => {
    const dir = tempDir();
    const r = await vsdl('merge', ...(mode === '--out' ? ['--out', join(dir, 'm.json')] : ['--status']), device);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(`cannot read ${device}: `);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 10_000);

  it.skipIf(process.platform === 'win32')('stops a FIFO that sends zeros forever, and reads a part sent through a FIFO (opened once)', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'part.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const endless = spawn('sh', ['-c', `exec cat /dev/zero > "${fifo}"`], { stdio: 'ignore' });
    try {
      const r = await vsdl('merge', '--status', fifo);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`cannot read ${fifo}: not a JSON object: it starts with byte 0x00, not '{'`);
    } finally {
      endless.kill();
    }
    const [part] = await shards(spherical, dir, 1);
    const once = spawn('sh', ['-c', `exec cat "${part}" > "${fifo}"`], { stdio: 'ignore' });
    try {
      const r = await vsdl('merge', '--status', '--json', fifo);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ shards: 1, cells: 6, done: 6, complete: true });
    } finally {
      once.kill();
    }
  }, 20_000);

  const teacherGrid = ['train-grid', '--data', 'teacher', '--train-size', '200', '--test-size', '100', '--epochs', '1', '--batch-size', '20,100'];
  it.each([
    ['sweep', spherical],
    ['sweep --layer', layer],
    ['train-grid', teacherGrid],
  ])('%s --resume refuses an --out that is no JSON object from its first byte (exit 1)', async (_, command) => {
    const r = await vsdl(...command, '--out', '/dev/zero', '--resume');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("cannot read /dev/zero: not a JSON object: it starts with byte 0x00, not '{'");
  }, 10_000);

  it('train-grid --resume refuses an --out too large to read and leaves it as it was (it used to start afresh over it)', async () => {
    const dir = tempDir();
    const out = join(dir, 'grid.json');
    // Sparse: 3 GiB of size, no blocks written.
    writeFileSync(out, '');
    truncateSync(out, 3 * 2 ** 30);
    const r = await vsdl(...teacherGrid, '--out', out, '--resume');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot read .*grid\.json: the file has 3072\.0 MiB; at most 256\.0 MiB are read/);
    expect(statSync(out).size).toBe(3 * 2 ** 30);
  }, 10_000);
});

describe('vsdl merge: missing cells, --status and resuming', () => {
  it('reports missing cells with the command that computes them; that command completes the merge', async () => {
    const dir = tempDir();
    const whole = join(dir, 'whole.json');
    await ok(...spherical, '--out', whole);
    const parts = await shards(spherical, dir, 3);
    const merged = join(dir, 'merged.json');
    const missingCells = readJson(parts[1]!).cells.length;
    const r = await vsdl('merge', '--out', merged, parts[0]!, parts[2]!);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${missingCells} of 6 cells are missing; ${merged} was not written`);
    expect(r.stderr).toMatch(/shard 1\/3 {2}no part/);
    const command = r.stderr.split('\n').find((line) => line.includes('--shard 1/3'))!.trim();
    expect(command).toBe(`vsdl ${[...spherical.slice(0, -2), '--shard', '1/3', '--out', parts[1], '--resume'].join(' ')}`);

    const status = await ok('merge', '--status', '--json', parts[0]!, parts[2]!);
    const report = JSON.parse(status.stdout);
    expect(report).toMatchObject({ kind: 'vsdl sweep', shards: 3, cells: 6, done: 6 - missingCells, missing: missingCells, complete: false, missing_shards: [1] });
    expect(report.parts.map((p: { shard: number }) => p.shard)).toEqual([0, 2]);
    expect(report.missing_cells[0]).toMatch(/^α = [\d.]+, τ = [\d.]+$/);
    expect(report.resume).toEqual([command]);

    await ok(...command.split(' ').slice(1), '--workers', '1');
    await ok('merge', '--out', merged, ...parts);
    expect(bytes(merged).equals(bytes(whole))).toBe(true);
  });

  it('--partial writes a partial sweep that vsdl sweep --resume completes into the same bytes', async () => {
    const dir = tempDir();
    const whole = join(dir, 'whole.json');
    await ok(...spherical, '--out', whole);
    const [a] = await shards(spherical, dir, 2);
    const merged = join(dir, 'merged.json');
    await ok('merge', '--out', merged, '--partial', a!);
    expect(readJson(merged)).toMatchObject({ status: 'partial', cells: readJson(a!).cells });
    expect(readJson(merged).shard).toBeUndefined();
    await ok(...spherical, '--out', merged, '--resume');
    expect(bytes(merged).equals(bytes(whole))).toBe(true);
  });

  it('resumes a shard from its part, and refuses to resume it as another shard or as a whole sweep', async () => {
    const dir = tempDir();
    const [a, b] = await shards(spherical, dir, 2);
    const reference = bytes(a!);
    const doc = readJson(a!);
    writeFileSync(a!, JSON.stringify({ ...doc, status: 'partial', cells: doc.cells.slice(1) }, null, 2));
    const r = await ok(...spherical, '--shard', '0/2', '--out', a!, '--resume');
    expect(r.stderr).toMatch(new RegExp(`resuming .*: ${doc.cells.length - 1} of ${doc.cells.length} cells of shard 0/2 already done`));
    expect(bytes(a!).equals(reference)).toBe(true);

    const other = await vsdl(...spherical, '--shard', '1/2', '--out', b!.replace('part-1', 'part-0'), '--resume');
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/--shard: "1\/2".*0\/2 as in/);
    const whole = await vsdl(...spherical, '--out', a!, '--resume');
    expect(whole.code).toBe(2);
    expect(whole.stderr).toMatch(/--shard 0\/2 too/);
    expect(bytes(a!).equals(reference)).toBe(true);
  });

  it('checks --shard and the flags that go with it', async () => {
    const dir = tempDir();
    const bad = async (args: string[], message: RegExp) => {
      const r = await vsdl(...spherical, ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    };
    await bad(['--shard', '2/2', '--out', join(dir, 'p.json')], /--shard: "2\/2".*0 ≤ K < N/);
    await bad(['--shard', '1', '--out', join(dir, 'p.json')], /invalid --shard/);
    // Integers as every integer flag takes them (README, "Flag values"): no leading zero, sign, point or exponent.
    for (const shard of ['01/3', '1/03', '+1/3', '1.0/3', '1e0/3']) {
      const r = await vsdl(...spherical, '--shard', shard, '--out', join(dir, 'p.json'));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`invalid --shard: "${shard}" (K and N are plain digits: no sign, leading zero, point or exponent)`);
    }
    expect(existsSync(join(dir, 'p.json'))).toBe(false);
    await bad(['--shard', '0/2'], /--out PART.json/);
    await bad(['--shard', '0/2', '--out', join(dir, 'p.json'), '--csv', join(dir, 'p.csv')], /--csv.*merge the parts/);
    await bad(['--slurm-options', '--time=1:00:00'], /only with --slurm N/);
  });
});

const built = existsSync(new URL('../../../dist/cli/main.js', import.meta.url));

describe.skipIf(!built)(`vsdl sweep --shard: a killed task${built ? '' : ' (skipped: dist/ is not built; npm run build)'}`, () => {
  it('keeps the cells finished before SIGKILL, and --resume completes the shard into the bytes of an uninterrupted run', async () => {
    // Cells of about half a second each, so that the kill lands between the first and the last.
    const args = ['sweep', '--weights', 'spherical', '--alpha', '0.5:2:6', '--tau', '0.5', '--n', '150', '--samples', '2', '--seed', '9',
      '--equilibration', '300', '--measurement', '600', '--workers', '1'];
    const dir = tempDir();
    const whole = join(dir, 'whole.json');
    await ok(...args, '--out', whole);
    const part = join(dir, 'part-0.json');
    const child = spawn(process.execPath, [new URL('../../../bin/vsdl.js', import.meta.url).pathname, ...args, '--shard', '0/2', '--out', part], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const cellsIn = () => (existsSync(part) ? readJson(part).cells.length : 0);
    const deadline = Date.now() + 60_000;
    while (cellsIn() === 0 && Date.now() < deadline && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGKILL');
    await exited;
    const killed = readJson(part);
    expect(killed.status).toBe('partial');
    expect(killed.cells.length).toBeGreaterThan(0);
    expect(killed.cells.length).toBeLessThan(killed.shard.cells);

    const status = JSON.parse((await ok('merge', '--status', '--json', part)).stdout);
    expect(status.parts[0]).toMatchObject({ shard: 0, done: killed.cells.length, assigned: killed.shard.cells, status: 'partial' });
    expect(status.resume[0]).toContain('--shard 0/2');

    const resumed = await ok(...args, '--shard', '0/2', '--out', part, '--resume');
    expect(resumed.stderr).toContain(`${killed.cells.length} of ${killed.shard.cells} cells of shard 0/2 already done`);
    const other = join(dir, 'part-1.json');
    await ok(...args, '--shard', '1/2', '--out', other);
    const merged = join(dir, 'merged.json');
    await ok('merge', '--out', merged, part, other);
    expect(bytes(merged).equals(bytes(whole))).toBe(true);
  }, 120_000);
});
