import { describe, expect, it } from 'vitest';
import { bootstrapPowerLaw } from '../../../../src/core/fit/index.js';
import { ParameterError } from '../../../../src/core/errors.js';
import { lognormal, pareto, stream } from '../samples.js';

describe('bootstrapPowerLaw', () => {
  it('gives a large p for a true power law', async () => {
    // Under the null p is uniform on [0, 1]: P(p ≤ 0.1) = 0.1 for a random seed; with 100 reps p carries a
    // Monte Carlo SE of ≤ 0.05. This seed is fixed, so the test is reproducible.
    const x = pareto(stream('boot-pl'), 500, 2.5);
    const result = await bootstrapPowerLaw(x, { reps: 100, seed: 7 });
    expect(result.reps).toBe(100);
    expect(result.p).toBeGreaterThan(0.1);
  });

  it('gives a small p for a lognormal sample when xmin must lie in its lower half', async () => {
    // With a free xmin the scan retreats to the top ~5 % of a lognormal, which does look like a power law there
    // (p ≈ 0.9 for this sample: the method's known blind spot). Restricted to the lower half, the curvature
    // shows. 100 reps: the Monte Carlo SE of p is ≤ 0.03 near p = 0.1.
    const x = lognormal(stream('boot-ln'), 2000, 0, 1);
    const sorted = x.slice().sort();
    const result = await bootstrapPowerLaw(x, { reps: 100, seed: 7, xminRange: [sorted[0], sorted[1000]] });
    expect(result.p).toBeLessThan(0.1);
  });

  it('is reproducible from its seed and reports progress', async () => {
    const x = pareto(stream('boot-seed'), 200, 3);
    const seen: number[] = [];
    const a = await bootstrapPowerLaw(x, { reps: 20, seed: 'abc', onProgress: (done) => seen.push(done) });
    const b = await bootstrapPowerLaw(x, { reps: 20, seed: 'abc' });
    expect(a).toEqual(b);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
  });

  it('stops promptly on abort with an AbortError', async () => {
    const x = pareto(stream('boot-abort'), 2000, 2.5);
    const early = new AbortController();
    const fromProgress = bootstrapPowerLaw(x, {
      reps: 1000,
      seed: 1,
      signal: early.signal,
      onProgress: (done) => done === 3 && early.abort(),
    });
    await expect(fromProgress).rejects.toMatchObject({ name: 'AbortError', message: expect.stringContaining('after 3 of 1000') });

    const timed = new AbortController();
    const started = Date.now();
    setTimeout(() => timed.abort(), 50);
    await expect(bootstrapPowerLaw(x, { reps: 100_000, seed: 1, signal: timed.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(2000); // 100 000 reps would take minutes
  });

  it('checks its options', async () => {
    const x = pareto(stream('boot-opts'), 50, 2.5);
    await expect(bootstrapPowerLaw(x, { reps: 0, seed: 1 })).rejects.toThrow(ParameterError);
    await expect(bootstrapPowerLaw(x, { reps: 2.5, seed: 1 })).rejects.toThrow(ParameterError);
    // Not a signal: read as "never aborted", a cancel would silently do nothing.
    await expect(bootstrapPowerLaw(x, { reps: 2, seed: 1, signal: {} as AbortSignal })).rejects.toThrow(/invalid signal/);
  });
});
