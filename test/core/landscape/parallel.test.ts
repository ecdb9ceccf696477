import { describe, expect, it } from 'vitest';
import { drawInstance, enumerateOn, enumerateProgram, planEnumeration, resolveLandscape, scanChunk, type ChunkScanner } from '../../../src/core/landscape/index.js';
import { driveSync } from '../../../src/core/vsdl/drive.js';

// N = 29: 2^28 configurations in four chunks of 2^26, scanned here by fake threads that answer after a delay.
const n = 29;
const plan = planEnumeration(n);
const { J } = drawInstance(resolveLandscape({ couplings: 'pareto', mu: 1.5, n, seed: 'parallel', method: 'enumerate' }), 0);
const serial = driveSync(enumerateProgram(J, n));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A thread that scans in this process after `delay(chunk start)` milliseconds, and records what it was given. */
function fakeThread(delay: (start: number) => number, seen: number[] = []): ChunkScanner {
  return async (couplings, size, chunk) => {
    seen.push(chunk.start);
    await pause(delay(chunk.start));
    return scanChunk(couplings, planEnumeration(size), chunk);
  };
}

describe('enumeration shared among threads', () => {
  it('has four chunks to share at N = 29', () => {
    expect(plan.chunkCount).toBe(4);
  });

  it('finds the one-thread ground state whichever thread finishes first', async () => {
    // Late chunks answer first: the winner must not depend on the order of the replies.
    for (const delay of [() => 0, (start: number) => 40 - start / plan.chunkSteps * 10]) {
      const fractions: number[] = [];
      const seen: number[] = [];
      const found = await enumerateOn([fakeThread(delay, seen), fakeThread(delay, seen), fakeThread(delay, seen)], J, n, { onProgress: (f) => fractions.push(f) });
      expect(Array.from(found.state)).toEqual(Array.from(serial.state));
      expect(found.energy).toBe(serial.energy);
      expect(fractions).toEqual([0.25, 0.5, 0.75, 1]);
      expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3].map((k) => k * plan.chunkSteps));
    }
  });

  it('reports the first failure and hands out no chunk after it', async () => {
    const seen: number[] = [];
    const failing: ChunkScanner = async () => {
      await pause(5);
      throw new Error('thread lost');
    };
    await expect(enumerateOn([failing, fakeThread(() => 30, seen)], J, n)).rejects.toThrow('thread lost');
    await pause(50);
    expect(seen).toHaveLength(1);
  });

  it('stops handing out chunks when cancelled, and refuses a cancelled start', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const run = enumerateOn([fakeThread(() => 0, seen)], J, n, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow(/aborted/);
    expect(seen).toHaveLength(1);
    await expect(enumerateOn([fakeThread(() => 0)], J, n, { signal: controller.signal })).rejects.toThrow(/aborted/);
    await expect(enumerateOn([], J, n)).rejects.toThrow(/at least one/);
  });
});
