// A job's own worker: started on first use, asked to stop, and terminated when it does not, so that a cancel
// always takes effect and a stuck computation never holds the next one back.
import { describe, expect, it } from 'vitest';
import { isCancelled } from '../../src/labs/index.js';
import { workerSlot } from '../../src/ui/worker/slot.js';

interface FakeApi {
  work(job: number): Promise<string>;
  cancel(job: number): void;
}

/** Workers whose work never ends unless it hears a cancel (when `hears`), counting starts and terminations. */
function fakeWorkers(hears: boolean) {
  const counts = { started: 0, terminated: 0, cancels: 0 };
  const start = () => {
    counts.started++;
    const stops = new Map<number, (error: Error) => void>();
    const api: FakeApi = {
      work: (job) => new Promise((_, reject) => stops.set(job, reject)),
      cancel: (job) => {
        counts.cancels++;
        if (hears) stops.get(job)?.(Object.assign(new Error('cancelled'), { name: 'JobCancelled' }));
      },
    };
    return Promise.resolve({ api, terminate: () => void counts.terminated++ });
  };
  return { counts, slot: workerSlot<FakeApi>(start, (api, job) => api.cancel(job)) };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('worker slot', () => {
  it('a job that hears its cancel stops by itself: the worker stays', async () => {
    const { counts, slot } = fakeWorkers(true);
    const running = slot.call(1, (api) => api.work(1)).catch((e: unknown) => e);
    await wait(0);
    slot.stop(1, 20);
    expect(isCancelled(await running)).toBe(true);
    await wait(40);
    expect(counts).toMatchObject({ started: 1, terminated: 0, cancels: 1 });
  });

  it('a job that cannot hear it is stopped by terminating its worker after the grace; calls behind it go to a fresh worker', async () => {
    const { counts, slot } = fakeWorkers(false);
    const running = slot.call(1, (api) => api.work(1)).catch((e: unknown) => e);
    // A newer job, started during the grace, waits behind the stuck one on the same worker.
    let tries = 0;
    const newer = slot.call(2, (api) => (++tries === 1 ? api.work(2) : Promise.resolve('done on a fresh worker')));
    await wait(0);
    slot.stop(1, 20);
    await wait(5);
    expect(counts.terminated).toBe(0);
    expect(isCancelled(await running)).toBe(true);
    expect(await newer).toBe('done on a fresh worker');
    expect(counts).toMatchObject({ started: 2, terminated: 1 });
    // Disposing terminates the worker and cancels whatever is still pending.
    const last = slot.call(3, (api) => api.work(3)).catch((e: unknown) => e);
    await wait(0);
    slot.dispose();
    expect(isCancelled(await last)).toBe(true);
    await wait(0);
    expect(counts.terminated).toBe(2);
    await expect(slot.call(4, (api) => api.work(4))).rejects.toThrow('cancelled');
  });

  it('a failed start is reported to the call and tried again on the next one', async () => {
    let tries = 0;
    const slot = workerSlot<FakeApi>(() => (++tries === 1 ? Promise.reject(new Error('no workers here')) : Promise.resolve({ api: { work: () => Promise.resolve('ok'), cancel() {} }, terminate() {} })));
    await expect(slot.call(1, (api) => api.work(1))).rejects.toThrow('no workers here');
    await expect(slot.call(2, (api) => api.work(2))).resolves.toBe('ok');
  });
});
