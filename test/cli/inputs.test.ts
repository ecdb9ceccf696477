import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ENTRIES } from '../../src/core/limits.js';
import { writeNpy } from '../../src/io/index.js';
import { tempDir, vsdl } from './harness.js';

/**
 * Inputs that never end, claim to be huge or are not what they say: every command reads through the bounded,
 * header-first helpers of src/cli/input.ts, so each is refused after a few bytes, with a clear message, exit
 * code 1 and no large allocation.
 */

const noStack = /\n\s+at /;
const internalCode = /\b(E[A-Z]{2,}|ERR_[A-Z_]+)\b/;

/** Growth of this process's memory (RSS + array buffers) while `run` runs, in MiB. */
async function memoryGrowth<T>(run: () => Promise<T>): Promise<{ result: T; mib: number }> {
  const before = process.memoryUsage();
  const result = await run();
  const after = process.memoryUsage();
  return { result, mib: (Math.max(after.rss - before.rss, 0) + Math.max(after.arrayBuffers - before.arrayBuffers, 0)) / 2 ** 20 };
}

/** A .npy header declaring `shape` of float64, with no data after it (a file may then be extended, sparse). */
function headerOnly(shape: number[]): Uint8Array {
  const full = writeNpy({ data: new Float64Array(0), shape: [0] });
  const text = `{'descr': '<f8', 'fortran_order': False, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const padded = text + ' '.repeat(117 - text.length) + '\n';
  const bytes = new Uint8Array(128);
  bytes.set(full.subarray(0, 8));
  bytes[8] = padded.length & 0xff;
  bytes[9] = padded.length >> 8;
  for (let i = 0; i < padded.length; i++) bytes[10 + i] = padded.charCodeAt(i);
  return bytes;
}

describe('endless inputs', () => {
  it.each([
    ['esd', '/dev/zero'],
    ['esd', '/dev/urandom'],
    ['fit', '/dev/zero'],
  ])('vsdl %s %s stops at the magic bytes (exit 1) and reads almost nothing', async (command, device) => {
    const { result: r, mib } = await memoryGrowth(() => vsdl(command, device));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad magic|not a \.npy file/);
    expect(r.stderr).not.toMatch(noStack);
    expect(mib).toBeLessThan(64);
  });

  it.skipIf(process.platform === 'win32')('stops a FIFO that sends a valid header and then zeros forever', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'W.npy');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const header = join(dir, 'header.npy');
    // A 20×10 float64 matrix, then endless zeros: the header describes 1600 bytes of data.
    writeFileSync(header, writeNpy({ data: new Float64Array(200), shape: [20, 10] }));
    const writer = spawn('sh', ['-c', `cat "${header}" /dev/zero > "${fifo}"`], { stdio: 'ignore' });
    try {
      const r = await vsdl('esd', fifo);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/unexpected bytes after the data: the header describes 1728 bytes, the input goes on/);
    } finally {
      writer.kill();
    }
  });
});

describe('inputs that claim to be large', () => {
  it('refuses a sparse .npy of shape (25001, 10000) from its header, with the limit and words of vsdl generate', async () => {
    const dir = tempDir();
    const path = join(dir, 'big.npy');
    writeFileSync(path, headerOnly([25001, 10000]));
    truncateSync(path, 128 + 25001 * 10000 * 8); // 2 GB of holes: never read
    const { result: r, mib } = await memoryGrowth(() => vsdl('esd', path));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('shape (25001, 10000) has 250010000 entries: W would need 2.0 GB');
    expect(r.stderr).toContain(`at most ${MAX_ENTRIES} entries (2 GB of float64)`);
    const generated = await vsdl('generate', '--ensemble', 'gaussian', '--n', '25001', '--m', '10000', '--seed', '1', '--out', join(dir, 'x.npy'));
    expect(generated.stderr).toContain('W would need 2.0 GB');
    expect(generated.stderr).toContain(`at most ${MAX_ENTRIES} entries (2 GB of float64)`);
    expect(mib).toBeLessThan(64);
  });

  it('refuses a 1-D file of 2.5·10⁸ + 1 entries from its header (vsdl fit)', async () => {
    const dir = tempDir();
    const path = join(dir, 'ev.npy');
    writeFileSync(path, headerOnly([MAX_ENTRIES + 1]));
    truncateSync(path, 128 + (MAX_ENTRIES + 1) * 8);
    const { result: r, mib } = await memoryGrowth(() => vsdl('fit', path));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/has 250000001 entries/);
    expect(mib).toBeLessThan(64);
  });

  it('says what is wrong with a file over 2 GiB (exit 1), never ERR_FS_FILE_TOO_LARGE', async () => {
    const dir = tempDir();
    const path = join(dir, 'huge.bin');
    const fd = openSync(path, 'w');
    writeSync(fd, 'not numpy');
    closeSync(fd);
    truncateSync(path, 2 ** 31 + 4096);
    const r = await vsdl('esd', path);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad magic/);
    expect(r.stderr).not.toMatch(internalCode);
  });

  it('refuses a header that promises less data than the file holds, without reading the rest', async () => {
    const dir = tempDir();
    const path = join(dir, 'W.npy');
    writeFileSync(path, writeNpy({ data: new Float64Array(200), shape: [20, 10] }));
    truncateSync(path, 2 ** 30);
    const r = await vsdl('esd', path);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the header describes 1728 bytes, the file has 1073741824/);
  });
});

describe('input paths', () => {
  it.each([
    ['a folder', (dir: string) => dir, /it is a folder/],
    ['a missing file', (dir: string) => join(dir, 'nope.npy'), /no such file or folder/],
  ])('refuses %s with exit code 2 and words, not error codes', async (_label, path, message) => {
    const r = await vsdl('esd', path(tempDir()));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(internalCode);
  });

  it('reads a truncated file to its end and reports the shortfall', async () => {
    const dir = tempDir();
    const path = join(dir, 'W.npy');
    writeFileSync(path, writeNpy({ data: new Float64Array(200), shape: [20, 10] }).subarray(0, 500));
    const r = await vsdl('esd', path);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/truncated data: shape \(20, 10\) of <f8 needs 1600 bytes, found 372/);
    expect(readFileSync(path).length).toBe(500);
  });
});
