// fitEsdAsync computes the dense spectra on worker threads and returns fitEsd's record, number for number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../../src/core/ensembles/index.js';
import { fitEsd, fitEsdAsync } from '../../../src/core/fit/index.js';
import type { KernelPool } from '../../../src/core/linalg/index.js';
import { createNodeKernelPool } from '../../../src/node/index.js';
import { bundleWorker } from '../../helpers/bundleWorker.js';

let pool: KernelPool;

beforeAll(async () => {
  pool = createNodeKernelPool(2, await bundleWorker('src/node/kernelWorker.ts'));
}, 60_000);

afterAll(() => pool?.close());

describe('fitEsdAsync', () => {
  const { W } = generate({ ensemble: 'pareto', mu: 2, n: 500, m: 250, seed: 12 });

  it.each(['shuffle', 'gaussian', 'none'] as const)('gives fitEsd’s record with rand null %s', async (randNull) => {
    const options = { seed: 3, randNull };
    const threaded = await fitEsdAsync({ W }, options, { threads: pool });
    expect(threaded).toEqual(fitEsd({ W }, options));
    expect(threaded.rand_distance === null).toBe(randNull === 'none');
  });

  it('passes eigenvalue sources and invalid matrices to fitEsd', async () => {
    const eigenvalues = Float64Array.from({ length: 50 }, (_, i) => 1 + i);
    expect(await fitEsdAsync({ eigenvalues, q: 2 }, {}, { threads: pool })).toEqual(fitEsd({ eigenvalues, q: 2 }));
    const wide = { rows: 3, cols: 5, data: new Float64Array(15) };
    await expect(fitEsdAsync({ W: wide }, {}, { threads: pool })).rejects.toThrow(/N ≥ M/);
  });
});
