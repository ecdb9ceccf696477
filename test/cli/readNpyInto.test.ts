// readNpyMatrixInto: a float64 .npy matrix read straight into memory the caller gives (the dense kernels'), or
// null so that the caller reads the file the usual way, which reports whatever is wrong with it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNpyMatrixInto } from '../../src/cli/input.js';
import { matrixFileRecord } from '../../src/cli/truthFile.js';
import { writeNpy } from '../../src/io/index.js';
import { tempDir } from './harness.js';

function file(name: string, bytes: Uint8Array): string {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

const values = Float64Array.from({ length: 5 * 3 * 2 ** 20 / 8 }, (_, i) => Math.sin(i) * (i % 7)); // 15 MiB: two pieces

describe('readNpyMatrixInto', () => {
  it('reads a float64 C-order matrix into the given array, with the header and data for a checksum', async () => {
    const bytes = writeNpy({ data: values, shape: [values.length / 3, 3] });
    const path = file('w.npy', bytes);
    const target = new Float64Array(values.length + 16);
    let asked: number[] = [];
    const got = await readNpyMatrixInto(path, 'W.npy', (rows, cols) => {
      asked = [rows, cols];
      return target.subarray(8, 8 + rows * cols);
    });
    expect(asked).toEqual([values.length / 3, 3]);
    expect(got!.matrix.rows).toBe(values.length / 3);
    expect(got!.matrix.data.every((x, i) => Object.is(x, values[i]))).toBe(true);
    expect(target[7]).toBe(0);
    expect(target[8 + values.length]).toBe(0);
    expect(matrixFileRecord(path, got!.parts)).toEqual(matrixFileRecord(path, bytes));
  });

  it.each([
    ['float32', () => writeNpy({ data: new Float32Array(12), shape: [4, 3] })],
    ['one dimension', () => writeNpy({ data: new Float64Array(12), shape: [12] })],
    ['trailing bytes', () => Uint8Array.from([...writeNpy({ data: new Float64Array(12), shape: [4, 3] }), 0])],
    ['a short file', () => writeNpy({ data: new Float64Array(12), shape: [4, 3] }).subarray(0, 150)],
    ['not .npy', () => new TextEncoder().encode('hello')],
    ['an empty file', () => new Uint8Array(0)],
    ['no rows', () => writeNpy({ data: new Float64Array(0), shape: [0, 3] })],
  ])('leaves %s to the usual reader (null, nothing placed)', async (name, make) => {
    const path = file(`${name}.npy`, make());
    let placed = false;
    expect(await readNpyMatrixInto(path, 'W.npy', () => ((placed = true), new Float64Array(12)))).toBeNull();
    expect(placed).toBe(false);
  });

  it('leaves Fortran order to the usual reader', async () => {
    const bytes = writeNpy({ data: new Float64Array(12), shape: [4, 3] });
    const text = new TextDecoder('latin1').decode(bytes).replace("'fortran_order': False", "'fortran_order': True ");
    const path = file('f.npy', Uint8Array.from(text, (c) => c.charCodeAt(0)));
    expect(await readNpyMatrixInto(path, 'W.npy', () => new Float64Array(12))).toBeNull();
  });

  it('returns null when the caller declines the shape', async () => {
    const path = file('wide.npy', writeNpy({ data: new Float64Array(12), shape: [3, 4] }));
    expect(await readNpyMatrixInto(path, 'W.npy', () => null)).toBeNull();
  });
});
