// Cross-check against numpy.linalg.eigvalsh (LAPACK dsyevd) when python3 with numpy is installed; skipped otherwise.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { esd, symmetricEigenvalues } from '../../../src/core/linalg/index.js';
import { gaussian, maxAbs, maxAbsDiff, randomSymmetric } from './reference.js';

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
const dir = hasNumpy ? mkdtempSync(join(tmpdir(), 'vsdl-linalg-')) : '';
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** eigvalsh of WᵀW/N (gramOfW) or of A itself, data passed as raw little-endian float64. */
function numpyEigvalsh(data: Float64Array, rows: number, cols: number, gramOfW: boolean): Float64Array {
  const input = join(dir, 'in.f64');
  const output = join(dir, 'out.f64');
  writeFileSync(input, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  const script = [
    'import numpy as np, sys',
    `a = np.fromfile(sys.argv[1], dtype='<f8').reshape(${rows}, ${cols})`,
    gramOfW ? `a = a.T @ a / ${rows}` : '',
    "np.linalg.eigvalsh(a).astype('<f8').tofile(sys.argv[2])",
  ].join('\n');
  const run = spawnSync('python3', ['-c', script, input, output], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  const bytes = readFileSync(output);
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

describe.skipIf(!hasNumpy)('agreement with numpy.linalg.eigvalsh', () => {
  it('symmetricEigenvalues on a random symmetric 300×300', () => {
    const a = randomSymmetric('numpy', 300);
    const want = numpyEigvalsh(a.data, 300, 300, false);
    expect(maxAbsDiff(symmetricEigenvalues(a), want) / maxAbs(want)).toBeLessThan(1e-12);
  });

  it('esd of a 500×250 Gaussian W', () => {
    const w = gaussian('numpy-esd', 500, 250);
    const want = numpyEigvalsh(w.data, 500, 250, true);
    expect(maxAbsDiff(esd(w), want) / maxAbs(want)).toBeLessThan(1e-12);
  });
});
