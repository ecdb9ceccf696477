// openNpyRows: a float64 C-order .npy matrix opened for reading by rows (the dense spectra read it twice, a block
// at a time), or null so that the caller reads the file the usual way, which reports whatever is wrong with it.
import { spawnSync } from 'node:child_process';
import { truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openNpyRows, type NpyRows } from '../../src/cli/input.js';
import { matrixFileRecord } from '../../src/cli/truthFile.js';
import { FormatError } from '../../src/core/errors.js';
import { writeNpy } from '../../src/io/index.js';
import { tempDir } from './harness.js';

function file(name: string, bytes: Uint8Array): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

/** Opens a file that must be accepted, runs `use` on it and closes it, whatever happens. */
async function withRows(path: string, use: (rows: NpyRows) => void): Promise<void> {
  const rows = await openNpyRows(path, 'W.npy');
  expect(rows).not.toBeNull();
  try {
    use(rows!);
  } finally {
    await rows!.close();
  }
}

const values = Float64Array.from({ length: (5 * 3 * 2 ** 20) / 8 }, (_, i) => Math.sin(i) * (i % 7)); // 15 MiB: two pieces

describe('openNpyRows', () => {
  it('reads any block of rows at its place in the file, and the whole file in pieces for a checksum', async () => {
    const bytes = writeNpy({ data: values, shape: [values.length / 3, 3] });
    const path = file('w.npy', bytes);
    await withRows(path, (rows) => {
      expect([rows.rows, rows.cols]).toEqual([values.length / 3, 3]);
      // A block in the middle, read into a view with a margin on each side that must stay untouched.
      const target = new Float64Array(3 * 1000 + 16);
      rows.read(123457, target.subarray(8, 8 + 3 * 1000));
      const want = values.subarray(3 * 123457, 3 * 124457);
      expect(target.subarray(8, 8 + 3000).every((x, i) => Object.is(x, want[i]))).toBe(true);
      expect([target[7], target[8 + 3000]]).toEqual([0, 0]);
      // Read again: the same bytes (the second pass of the spectra).
      const again = new Float64Array(3000);
      rows.read(123457, again);
      expect(again.every((x, i) => Object.is(x, want[i]))).toBe(true);
      expect(matrixFileRecord(path, rows.pieces())).toEqual(matrixFileRecord(path, bytes));
      rows.checkUnchanged();
    });
  });

  it('says the file changed when it shrinks after it was opened', async () => {
    const path = file('shrinks.npy', writeNpy({ data: values.subarray(0, 3000), shape: [1000, 3] }));
    await withRows(path, (rows) => {
      truncateSync(path, 1000);
      expect(() => rows.read(900, new Float64Array(300))).toThrow(FormatError);
      expect(() => rows.read(900, new Float64Array(300))).toThrow(/changed while it was read/);
      expect(() => rows.checkUnchanged()).toThrow(/changed while it was read/);
    });
  });

  it('says the file changed when it is rewritten in place, at the same size', async () => {
    const path = file('rewritten.npy', writeNpy({ data: values.subarray(0, 3000), shape: [1000, 3] }));
    await withRows(path, (rows) => {
      rows.checkUnchanged();
      writeFileSync(path, writeNpy({ data: values.subarray(3000, 6000), shape: [1000, 3] }));
      utimesSync(path, new Date(), new Date(Date.now() + 5000));
      expect(() => rows.checkUnchanged()).toThrow(/changed while it was read/);
    });
  });

  it.each([
    ['float32', () => writeNpy({ data: new Float32Array(12), shape: [4, 3] })],
    ['one dimension', () => writeNpy({ data: new Float64Array(12), shape: [12] })],
    ['trailing bytes', () => Uint8Array.from([...writeNpy({ data: new Float64Array(12), shape: [4, 3] }), 0])],
    ['a short file', () => writeNpy({ data: new Float64Array(12), shape: [4, 3] }).subarray(0, 150)],
    ['not .npy', () => new TextEncoder().encode('hello')],
    ['an empty file', () => new Uint8Array(0)],
    ['no rows', () => writeNpy({ data: new Float64Array(0), shape: [0, 3] })],
  ])('leaves %s to the usual reader (null)', async (name, make) => {
    expect(await openNpyRows(file(`${name}.npy`, make()), 'W.npy')).toBeNull();
  });

  it('leaves Fortran order to the usual reader', async () => {
    const bytes = writeNpy({ data: new Float64Array(12), shape: [4, 3] });
    const text = new TextDecoder('latin1').decode(bytes).replace("'fortran_order': False", "'fortran_order': True ");
    expect(await openNpyRows(file('f.npy', Uint8Array.from(text, (c) => c.charCodeAt(0))), 'W.npy')).toBeNull();
  });

  it('leaves a missing file, a folder and a FIFO unopened to the usual reader (which names the problem)', async () => {
    const dir = tempDir();
    expect(await openNpyRows(join(dir, 'missing.npy'), 'W.npy')).toBeNull();
    expect(await openNpyRows(dir, 'W.npy')).toBeNull();
    const fifo = join(dir, 'fifo.npy');
    if (spawnSync('mkfifo', [fifo]).status === 0) expect(await openNpyRows(fifo, 'W.npy')).toBeNull();
  });
});
