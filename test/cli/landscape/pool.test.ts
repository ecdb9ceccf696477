import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawInstance, enumerateProgram, resolveLandscape, runLandscape } from '../../../src/core/landscape/index.js';
import { driveSync } from '../../../src/core/vsdl/drive.js';
import { createEnumerationPool, type EnumerationPool } from '../../../src/cli/landscape/pool.js';
import { bundleWorker } from '../../helpers/bundleWorker.js';

let pool: EnumerationPool;

beforeAll(async () => {
  pool = createEnumerationPool(2, await bundleWorker('src/cli/landscape/worker.ts'));
}, 60_000);

afterAll(async () => {
  await pool?.close();
});

describe('enumeration worker pool', () => {
  it('finds the same ground state as one thread, chunk by chunk with progress', async () => {
    const n = 28; // 2^27 configurations: two chunks
    const { J } = drawInstance(resolveLandscape({ couplings: 'pareto', mu: 1.5, n, seed: 'pool', method: 'enumerate' }), 0);
    const fractions: number[] = [];
    const parallel = await pool.enumerate(J, n, { onProgress: (f) => fractions.push(f) });
    const serial = driveSync(enumerateProgram(J, n));
    expect(Array.from(parallel.state)).toEqual(Array.from(serial.state));
    expect(parallel.energy).toBe(serial.energy);
    expect(fractions).toEqual([0.5, 1]);
  });

  it('serves a whole run, instance after instance, with the results of the in-thread path', async () => {
    const options = { couplings: 'gaussian' as const, n: 20, instances: 3, quenches: 20, seed: 4, method: 'enumerate' as const };
    const pooled = await runLandscape(options, { enumerate: pool.enumerate, workers: pool.size });
    const plain = await runLandscape(options);
    expect(pooled.instances.map((r) => r.groundState.energy)).toEqual(plain.instances.map((r) => r.groundState.energy));
  });

  it('stops handing out chunks when cancelled', async () => {
    const n = 30; // 8 chunks
    const { J } = drawInstance(resolveLandscape({ couplings: 'gaussian', n, seed: 1, method: 'enumerate' }), 0);
    const controller = new AbortController();
    let calls = 0;
    const run = pool.enumerate(J, n, {
      signal: controller.signal,
      onProgress: () => {
        calls++;
        controller.abort();
      },
    });
    await expect(run).rejects.toThrow(/aborted/);
    expect(calls).toBeLessThanOrEqual(2);
    // The pool still works afterwards.
    const small = drawInstance(resolveLandscape({ couplings: 'gaussian', n: 12, seed: 1, method: 'enumerate' }), 0);
    expect((await pool.enumerate(small.J, 12, {})).energy).toBe(driveSync(enumerateProgram(small.J, 12)).energy);
  });
});
