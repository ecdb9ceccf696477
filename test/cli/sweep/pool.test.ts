import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { MonteCarloAbortError, runSweep, type SweepOptions } from '../../../src/core/vsdl/index.js';
import { createSweepPool, type SweepPool } from '../../../src/cli/sweep/pool.js';
import { bundleWorker } from '../../helpers/bundleWorker.js';
import { tempDir } from '../harness.js';

let workerUrl: URL;
let pool: SweepPool;

beforeAll(async () => {
  workerUrl = await bundleWorker('src/cli/sweep/worker.ts');
  pool = createSweepPool(2, workerUrl);
}, 60_000);

afterAll(async () => {
  await pool?.close();
});

const grid: SweepOptions = {
  weights: 'ising',
  alphas: [0.5, 1, 1.5],
  taus: [0.5, 1],
  n: 40,
  samples: 2,
  seed: 'pool',
  schedule: { equilibrationSweeps: 30, measurementSweeps: 60 },
};

describe('sweep worker pool', () => {
  it('gives results identical to the CPU backend in this thread', async () => {
    const serial = await runSweep(grid);
    const parallel = await runSweep({ ...grid, backend: pool, concurrency: 2 });
    expect(parallel).toEqual(serial);
    const spherical = { ...grid, weights: 'spherical' as const, alphas: [1, 2], taus: [1] };
    expect(await runSweep({ ...spherical, backend: pool, concurrency: 2 })).toEqual(await runSweep(spherical));
  });

  it('cancels running cells through the signal and stays usable', async () => {
    const controller = new AbortController();
    const long = runSweep({ ...grid, n: 200, alphas: [3, 2.9], taus: [1], schedule: { equilibrationSweeps: 1e5, measurementSweeps: 10 }, backend: pool, concurrency: 2, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 300);
    await expect(long).rejects.toBeInstanceOf(MonteCarloAbortError);
    const after = await runSweep({ ...grid, alphas: [1], taus: [1], backend: pool });
    expect(after.cells).toHaveLength(1);
  });

  it('carries parameter errors back from the worker with their type and name', async () => {
    const bad = { weights: 'ising', n: 10, alpha: 1, tau: -1, noise: 0, samples: 1, seed: 1, teacher: 'ising', schedule: {}, start: 'mixed' } as const;
    const error = await pool.runCell(bad, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as ParameterError).parameter).toBe('tau');
  });
});
