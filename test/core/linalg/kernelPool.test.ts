// The pool's bookkeeping with stand-in workers: failures replace every worker, close ends everything.
import { describe, expect, it } from 'vitest';
import { createKernelPool, type KernelJob, type KernelReply, type KernelRequest, type PoolWorker } from '../../../src/core/linalg/index.js';
import { ParameterError } from '../../../src/core/errors.js';

/** A worker that answers with `answer(request)` (undefined: never answers), and records what happens to it. */
class FakeWorker implements PoolWorker {
  terminated = false;
  requests: KernelRequest[] = [];
  onReply: (reply: KernelReply) => void = () => {};
  onFailure: (error: Error) => void = () => {};
  constructor(private readonly answer: (request: KernelRequest) => KernelReply | undefined) {}
  post(request: KernelRequest): void {
    this.requests.push(request);
    const reply = this.answer(request);
    if (reply) queueMicrotask(() => this.onReply(reply));
  }
  listen(onReply: (reply: KernelReply) => void, onFailure: (error: Error) => void): void {
    this.onReply = onReply;
    this.onFailure = onFailure;
  }
  terminate(): void {
    this.terminated = true;
  }
}

const job = { entry: 'gramRows', args: [] } as unknown as KernelJob;

function poolOf(size: number, answer: (request: KernelRequest) => KernelReply | undefined) {
  const spawned: FakeWorker[] = [];
  const pool = createKernelPool(size, () => {
    const worker = new FakeWorker(answer);
    spawned.push(worker);
    return worker;
  });
  return { pool, spawned };
}

describe('createKernelPool', () => {
  it('sends every worker the job with its thread index and resolves with the largest return value', async () => {
    const { pool, spawned } = poolOf(3, ({ id, thread }) => ({ id, value: thread === 2 ? 1 : 0 }));
    await expect(pool.run(job)).resolves.toBe(1);
    expect(spawned.map((w) => w.requests.map((r) => r.thread))).toEqual([[0], [1], [2]]);
  });

  it('runs jobs one at a time', async () => {
    const order: string[] = [];
    const { pool } = poolOf(2, ({ id, thread }) => {
      order.push(`${id}:${thread}`);
      return { id, value: 0 };
    });
    await Promise.all([pool.run(job), pool.run(job)]);
    expect(order).toEqual(['0:0', '0:1', '1:0', '1:1']);
  });

  it('rejects when a thread reports an error, ends every worker, and runs the next job on fresh ones', async () => {
    let failing = true;
    const { pool, spawned } = poolOf(2, ({ id, thread }) =>
      failing && thread === 1 ? { id, error: 'RuntimeError: memory access out of bounds' } : failing ? undefined : { id, value: 0 },
    );
    await expect(pool.run(job)).rejects.toThrow(/memory access out of bounds/);
    expect(spawned.slice(0, 2).every((w) => w.terminated)).toBe(true);
    expect(spawned).toHaveLength(2);
    failing = false;
    await expect(pool.run(job)).resolves.toBe(0);
    expect(spawned.slice(2).every((w) => !w.terminated && w.requests.length === 1)).toBe(true);
  });

  it('rejects when a worker dies mid-job, and ignores what the replaced workers say later', async () => {
    const { pool, spawned } = poolOf(2, () => undefined);
    const pending = pool.run(job);
    await Promise.resolve();
    spawned[0].onFailure(new Error('worker exited with code 1'));
    await expect(pending).rejects.toThrow(/kernel thread stopped: worker exited with code 1/);
    spawned[1].onReply({ id: 0, value: 0 });
    spawned[0].onFailure(new Error('late'));
    expect(spawned).toHaveLength(2);
  });

  it('does not respawn a worker that fails while idle until the next job, which then reports it', async () => {
    const { pool, spawned } = poolOf(1, () => undefined);
    spawned[0].onFailure(new Error('cannot find module'));
    expect(spawned).toHaveLength(1);
    const pending = pool.run(job);
    await Promise.resolve();
    expect(spawned).toHaveLength(2);
    spawned[1].onFailure(new Error('cannot find module'));
    await expect(pending).rejects.toThrow(/cannot find module/);
    expect(spawned).toHaveLength(2);
  });

  it('close() rejects the running job and every later one, and terminates the workers', async () => {
    const { pool, spawned } = poolOf(2, () => undefined);
    const pending = pool.run(job);
    await Promise.resolve();
    pool.close();
    await expect(pending).rejects.toThrow(/closed/);
    await expect(pool.run(job)).rejects.toThrow(/closed/);
    expect(spawned.every((w) => w.terminated)).toBe(true);
    expect(spawned).toHaveLength(2);
  });

  it('refuses a size that is not a positive integer', () => {
    expect(() => createKernelPool(0, () => new FakeWorker(() => undefined))).toThrow(ParameterError);
  });
});
