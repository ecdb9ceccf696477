import { describe, expect, it } from 'vitest';
import { drawInstance, enumerateOn, enumerateProgram, planEnumeration, resolveLandscape, scanChunk, scannerOn, type ChunkReply, type ChunkRequest, type ChunkScanner } from '../../../src/core/landscape/index.js';
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

describe('a thread seen through its messages', () => {
  /** A thread whose replies the test sends, and which records what it was asked and who listens. */
  function fakeMessages() {
    const sent: ChunkRequest[] = [];
    const listeners = new Set<{ reply: (r: ChunkReply) => void; fail: (e: Error) => void }>();
    const thread = {
      post: (request: ChunkRequest) => void sent.push(request),
      listen(reply: (r: ChunkReply) => void, fail: (e: Error) => void) {
        const entry = { reply, fail };
        listeners.add(entry);
        return () => void listeners.delete(entry);
      },
    };
    return { sent, listeners, thread, reply: (r: ChunkReply) => [...listeners].forEach((l) => l.reply(r)), fail: (e: Error) => [...listeners].forEach((l) => l.fail(e)) };
  }

  it('answers a chunk with the reply of its own request, and stops listening', async () => {
    const t = fakeMessages();
    const scan = scannerOn(t.thread);
    const first = scan(J, n, { start: 0, end: 1 });
    const second = scan(J, n, { start: 1, end: 2 });
    expect(t.sent.map((r) => [r.start, r.end, r.n])).toEqual([[0, 1, n], [1, 2, n]]);
    const state = Int8Array.from({ length: n }, () => 1);
    t.reply({ id: t.sent[1].id, energy: -2, state });
    t.reply({ id: t.sent[0].id, error: new Error('chunk failed') });
    await expect(second).resolves.toEqual({ energy: -2, state });
    await expect(first).rejects.toThrow('chunk failed');
    expect(t.listeners.size).toBe(0);
    const third = scan(J, n, { start: 2, end: 3 });
    t.fail(new Error('worker exited'));
    await expect(third).rejects.toThrow('worker exited');
    expect(t.listeners.size).toBe(0);
  });
});
