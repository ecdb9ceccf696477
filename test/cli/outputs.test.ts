import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, constants, existsSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SweepWriter } from '../../src/cli/sweep/files.js';
import { tempDir, vsdl } from './harness.js';

/**
 * Outputs: checked before any work (folder, kind of file, not an input), written atomically beside a regular file,
 * through a device, never over an input.
 */

const internalCode = /\b(E[A-Z]{2,}|ERR_[A-Z_]+)\b/;
const gaussian = (out: string, seed = '1') => ['generate', '--ensemble', 'gaussian', '--n', '20', '--m', '10', '--seed', seed, '--out', out];

async function makePair(dir: string, seed = '1'): Promise<string> {
  const out = join(dir, 'W.npy');
  expect((await vsdl(...gaussian(out, seed))).code).toBe(0);
  return out;
}

describe('special files as outputs', () => {
  it('writes through a character device and leaves it one (--out /dev/null)', async () => {
    const dir = tempDir();
    const w = await makePair(dir);
    const r = await vsdl('esd', w, '--out', '/dev/null');
    expect(r.code).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  const canMknod = spawnSync('mknod', [join(tempDir(), 'probe'), 'c', '1', '3']).status === 0;
  it.skipIf(!canMknod)('never replaces a device node with a regular file (mknod x c 1 3; generate --out x)', async () => {
    const dir = tempDir();
    const device = join(dir, 'x');
    expect(spawnSync('mknod', [device, 'c', '1', '3']).status).toBe(0);
    const r = await vsdl(...gaussian(device));
    expect(r.code).toBe(0);
    expect(statSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a FIFO nobody reads, at once, instead of blocking forever', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'out.npy');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const w = await makePair(dir);
    const r = await vsdl('esd', w, '--out', fifo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/it is a FIFO and no process is reading it/);
  });

  it('delivers everything to a reader that stops at the end of file (cat fifo > file; esd --out fifo)', async () => {
    // Checking the FIFO for a reader must not end that reader: `cat` leaves at the first end of file.
    const dir = tempDir();
    const fifo = join(dir, 'ev.npy');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const w = await makePair(dir);
    const copy = join(dir, 'copy.npy');
    const reader = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', fifo, copy]);
    const readerDone = new Promise<number | null>((done) => reader.on('close', done));
    const started = Date.now();
    while (!existsSync(copy) && Date.now() - started < 5000) await new Promise((wait) => setTimeout(wait, 20));
    await new Promise((wait) => setTimeout(wait, 100)); // cat has opened the FIFO (it blocks there until a writer comes)
    const r = await vsdl('esd', w, '--out', fifo);
    expect(r.code, r.stderr).toBe(0);
    expect(await readerDone).toBe(0);
    const direct = join(dir, 'direct.npy');
    expect((await vsdl('esd', w, '--out', direct)).code).toBe(0);
    expect(readFileSync(copy)).toEqual(readFileSync(direct));
  });

  it('follows a symbolic link: the target is replaced, the link stays', async () => {
    const dir = tempDir();
    const w = await makePair(dir);
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'ev.npy'), 'OLD');
    symlinkSync(join(dir, 'data', 'ev.npy'), join(dir, 'ev.npy'));
    expect((await vsdl('esd', w, '--out', join(dir, 'ev.npy'))).code).toBe(0);
    expect(spawnSync('test', ['-L', join(dir, 'ev.npy')]).status).toBe(0);
    expect(readFileSync(join(dir, 'data', 'ev.npy')).subarray(0, 6)).toEqual(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]));
  });
});

describe('no sidecar beside a device or a FIFO', () => {
  // Each command with its output flag; the sidecar would be <name>.json beside the output.
  const commands: [string, (out: string) => string[]][] = [
    ['generate', (out) => gaussian(out)],
    ['wigner', (out) => ['wigner', '--n', '10', '--seed', '1', '--out', out]],
    ['landscape', (out) => ['landscape', '--couplings', 'gaussian', '--n', '10', '--seed', '1', '--save-couplings', out]],
  ];
  const notice = (path: string) => `no sidecar beside ${path}, which is not a regular file`;

  it.each(commands)('%s writes through a FIFO that someone reads and leaves no .json beside it', async (_name, args) => {
    const dir = tempDir();
    const fifo = join(dir, 'out.npy');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // A reader opened without blocking: the command's write goes to the pipe's buffer (well under 64 KiB here).
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const r = await vsdl(...args(fifo));
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(notice(fifo));
      const head = Buffer.alloc(6);
      expect(readSync(reader, head)).toBe(6);
      expect(head).toEqual(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59])); // the .npy went through the FIFO
    } finally {
      closeSync(reader);
    }
    expect(readdirSync(dir)).toEqual(['out.npy']);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  const canMknod = spawnSync('mknod', [join(tempDir(), 'probe'), 'c', '1', '3']).status === 0;
  it.skipIf(!canMknod).each(commands)('%s writes through a character device (a /dev/null made by mknod) and leaves no .json beside it', async (_name, args) => {
    const dir = tempDir();
    const device = join(dir, 'null');
    expect(spawnSync('mknod', [device, 'c', '1', '3']).status).toBe(0);
    const r = await vsdl(...args(device), '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(notice(device)); // with --json the notice goes to stderr, stdout stays one object
    expect(JSON.parse(r.stdout)).toBeTypeOf('object');
    expect(readdirSync(dir)).toEqual(['null']);
    expect(statSync(device).isCharacterDevice()).toBe(true);
  });

  it('generate --json says truth_file: null when no truth file was written', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'W.npy');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const r = await vsdl(...gaussian(fifo), '--json');
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ out: fifo, truth_file: null, truth: { seed: 1 } });
      expect(r.stderr).toContain(notice(fifo));
    } finally {
      closeSync(reader);
    }
    expect(existsSync(join(dir, 'W.json'))).toBe(false);
  });

  it('still writes the sidecar beside a new path and beside a regular file', async () => {
    const dir = tempDir();
    for (const [name, args] of commands) {
      const out = join(dir, `${name}.npy`);
      expect((await vsdl(...args(out))).code).toBe(0); // a new path
      writeFileSync(join(dir, `${name}.json`), 'OLD');
      const r = await vsdl(...args(out)); // a regular file, and a sidecar that is one
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain('no sidecar');
      expect(JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'))).toMatchObject({ seed: 1 });
    }
  });
});

describe('an output that is an input', () => {
  it('refuses vsdl esd W.npy --out W.npy and leaves the pair as it was', async () => {
    const dir = tempDir();
    const w = await makePair(dir);
    const matrix = readFileSync(w);
    const truth = readFileSync(join(dir, 'W.json'));
    for (const out of [w, join(dir, 'W.json'), join(dir, '.', 'W.npy')]) {
      const r = await vsdl('esd', w, '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/would destroy the input/);
    }
    linkSync(w, join(dir, 'hard.npy'));
    symlinkSync(w, join(dir, 'soft.npy'));
    for (const alias of ['hard.npy', 'soft.npy']) expect((await vsdl('esd', w, '--out', join(dir, alias))).code).toBe(2);
    expect(readFileSync(w)).toEqual(matrix);
    expect(readFileSync(join(dir, 'W.json'))).toEqual(truth);
  });

  it('refuses generate --out W.json, whose truth file would be itself', async () => {
    const dir = tempDir();
    const r = await vsdl(...gaussian(join(dir, 'W.json')));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/two outputs would be the same file/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('output paths are checked before any work', () => {
  it.each([
    ['--out', (dir: string) => join(dir, 'missing', 'x.json'), /the folder does not exist/],
    ['--csv', (dir: string) => join(dir, 'missing', 'x.csv'), /the folder does not exist/],
    ['--npy-dir', (dir: string) => join(dir, 'file.txt', 'grids'), /is not a folder/],
    ['--out', (dir: string) => dir, /it is a folder/],
  ])('vsdl sweep %s refused at once, before the first cell', async (flag, path, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file.txt'), 'x');
    const r = await vsdl('sweep', '--weights', 'ising', '--alpha', '1', '--tau', '0.5', '--n', '20', '--samples', '1', '--equilibration', '10', '--measurement', '10', '--workers', '1', flag, path(dir));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/sweep 1×1/); // the run never started
    expect(r.stderr).not.toMatch(internalCode);
  });

  it('says what is really wrong with --out /proc/x', async () => {
    const r = await vsdl(...gaussian('/proc/x.npy'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/folder \/proc (does not accept new files|cannot take new files)/);
    expect(r.stderr).not.toMatch(/does not exist/);
  });

  it.each([
    ['validate', ['validate', '--out']],
    ['notebook', ['notebook', 'run', '01', '--out']],
  ])('vsdl %s --out under a file is refused at once', async (_name, args) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file.txt'), 'x');
    const r = await vsdl(...args, join(dir, 'file.txt', 'out'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a folder/);
  });

  it('a sweep whose file cannot be written stops with an error instead of hanging', async () => {
    const writer = new SweepWriter(join(tempDir(), 'missing', 'x.json'));
    const document = { cells: [] } as unknown as Parameters<SweepWriter['write']>[0];
    writer.write(document);
    await expect(writer.flush()).rejects.toThrow(/--out/);
    writer.write(document); // after the failure: flush must settle, not spin
    await expect(writer.flush()).rejects.toThrow(/--out/);
  });
});

describe('the matrix and its truth stay a pair', () => {
  it('records the checksum of W.npy in W.json; esd ignores a truth made for other bytes, with a notice', async () => {
    const dir = tempDir();
    const w = await makePair(dir);
    const truth = JSON.parse(readFileSync(join(dir, 'W.json'), 'utf8'));
    expect(truth.matrix_file).toMatchObject({ name: 'W.npy', bytes: readFileSync(w).length });
    expect(truth.matrix_file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const good = await vsdl('esd', w, '--json');
    expect(JSON.parse(good.stdout).truth.seed).toBe(1);

    const other = tempDir();
    await makePair(other, '2');
    writeFileSync(w, readFileSync(join(other, 'W.npy'))); // a new W.npy beside the old W.json
    const stale = await vsdl('esd', w, '--json');
    expect(stale.code).toBe(0);
    expect(JSON.parse(stale.stdout).truth).toBeUndefined();
    expect(stale.stderr).toMatch(/ignoring .*W\.json: it describes another matrix file/);
  });

  it('leaves no temporary file and a consistent pair when generate is interrupted while writing', async () => {
    const dir = tempDir();
    const w = await makePair(dir);
    const bin = join(process.cwd(), 'bin', 'vsdl.js');
    for (const [k, signal] of (['SIGINT', 'SIGTERM', 'SIGINT', 'SIGTERM'] as const).entries()) {
      // 2000×1000 float64: 16 MB to write; the signal lands once the stage line says the draw is done.
      const child = spawnAsync(process.execPath, [bin, 'generate', '--ensemble', 'gaussian', '--n', '2000', '--m', '1000', '--seed', String(10 + k), '--out', w]);
      await child.waitFor(/generating .* done/);
      await new Promise((resolve) => setTimeout(resolve, 5 * k));
      child.kill(signal);
      await child.exit;
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      const r = await vsdl('esd', w, '--json');
      expect(r.code).toBe(0);
      const truth = JSON.parse(r.stdout).truth;
      // Either the old pair or the new one: a truth that does not match the matrix is never used.
      if (truth) expect(truth.matrix_file.sha256).toBe(sha256(readFileSync(w)));
      else expect(r.stderr).toMatch(/ignoring/);
    }
    expect(existsSync(join(dir, 'W.json'))).toBe(true);
  });
});

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A child process whose stderr can be waited on (waiting ends at the pattern or at the child's exit). */
function spawnAsync(command: string, args: string[]) {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const w of waiters.splice(0)) {
      if (w.pattern.test(stderr)) w.resolve();
      else waiters.push(w);
    }
  });
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      for (const w of waiters.splice(0)) w.resolve();
      resolve(code);
    }),
  );
  return {
    exit,
    kill: (signal: NodeJS.Signals) => child.kill(signal),
    waitFor: (pattern: RegExp) => new Promise<void>((resolve) => (pattern.test(stderr) ? resolve() : waiters.push({ pattern, resolve }))),
  };
}
