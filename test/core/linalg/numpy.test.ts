// Agreement with numpy.linalg.eigvalsh (LAPACK dsyevd), frozen in test/fixtures/oracles so that it runs without
// Python, for the synchronous path and for 1, 2 and 3 worker threads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esd, esdAsync, symmetricEigenvalues, symmetricEigenvaluesAsync, type KernelPool, type Matrix } from '../../../src/core/linalg/index.js';
import { createNodeKernelPool } from '../../../src/node/index.js';
import { bundleWorker } from '../../helpers/bundleWorker.js';
import { oracle } from '../../helpers/oracle.js';
import { pythonWithNumpy } from '../../helpers/python.js';
import { maxAbs, maxAbsDiff } from './reference.js';

/**
 * Matrices that Python and TypeScript build bit for bit alike, so that only the oracle's eigenvalues need freezing:
 * entries u − 1/2 from the Park–Miller generator x ← 16807·x mod (2³¹ − 1), whose products stay below 2⁴⁶ (exact
 * in float64), and u = x / (2³¹ − 1), one correctly rounded division in both languages.
 */
const MODULUS = 2147483647;
function uniforms(count: number, seed: number): Float64Array {
  const out = new Float64Array(count);
  let x = seed;
  for (let k = 0; k < count; k++) {
    x = (16807 * x) % MODULUS;
    out[k] = x / MODULUS - 0.5;
  }
  return out;
}
const PYTHON_UNIFORMS = `
def uniforms(count, seed):
    out, x = [], seed
    for _ in range(count):
        x = (16807 * x) % 2147483647
        out.append(x / 2147483647 - 0.5)
    return out`;

// W: odd sizes, several panels of 32 columns before the unblocked tail (M ≥ 160), Gram blocks of 256 rows and a
// remainder. A: symmetric, its lower triangle read row by row from the stream.
const [N, M, ORDER] = [517, 333, 290];
const W: Matrix = { rows: N, cols: M, data: uniforms(N * M, 42) };
function symmetric(n: number, seed: number): Matrix {
  const u = uniforms((n * (n + 1)) / 2, seed);
  const data = new Float64Array(n * n);
  let k = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) data[i * n + j] = data[j * n + i] = u[k++];
  return { rows: n, cols: n, data };
}
const A = symmetric(ORDER, 7);

const SCRIPT = `
import json
import numpy as np${PYTHON_UNIFORMS}
w = np.array(uniforms(${N * M}, 42)).reshape(${N}, ${M})
u = uniforms(${(ORDER * (ORDER + 1)) / 2}, 7)
a = np.zeros((${ORDER}, ${ORDER}))
a[np.tril_indices(${ORDER})] = u
a = a + np.tril(a, -1).T
print(json.dumps({"esd": np.linalg.eigvalsh(w.T @ w / ${N}).tolist(), "symmetric": np.linalg.eigvalsh(a).tolist()}))
`;
const references = oracle<{ esd: number[]; symmetric: number[] }>('linalg-eigvalsh', SCRIPT, pythonWithNumpy);

/**
 * Both methods are backward stable: each computes the exact eigenvalues of a matrix within about n·ε·‖X‖ of X, so by
 * Weyl's inequality each eigenvalue moves by at most that; two such errors, with a factor 2 for the constants.
 */
const tolerance = (n: number) => 4 * n * Number.EPSILON;

function relativeError(got: Float64Array, want: number[]): number {
  return maxAbsDiff(got, want) / maxAbs(want);
}

const pools: KernelPool[] = [];
beforeAll(async () => {
  const workerUrl = await bundleWorker('src/node/kernelWorker.ts');
  pools.push(...[1, 2, 3].map((size) => createNodeKernelPool(size, workerUrl)));
}, 60_000);
afterAll(() => pools.forEach((pool) => pool.close()));

describe('agreement with numpy.linalg.eigvalsh', () => {
  it.each(references.map((r) => [r.source, r.result] as const))('%s oracle: esd of a 517×333 W and the eigenvalues of a symmetric 290×290', async (_source, want) => {
    expect(relativeError(esd(W), want.esd)).toBeLessThan(tolerance(M));
    expect(relativeError(symmetricEigenvalues(A), want.symmetric)).toBeLessThan(tolerance(ORDER));
    for (const threads of pools) {
      expect(relativeError(await esdAsync(W, '1/N', { threads }), want.esd)).toBeLessThan(tolerance(M));
      expect(relativeError(await symmetricEigenvaluesAsync(A, { threads }), want.symmetric)).toBeLessThan(tolerance(ORDER));
    }
  });
});
