// Where the engine cannot make a shared memory, the threaded API computes on the calling thread instead.
import { describe, expect, it, vi } from 'vitest';
import { esd, esdAsync, type KernelThreads } from '../../../src/core/linalg/index.js';
import { gaussian } from './reference.js';

vi.mock('../../../src/core/linalg/wasm/kernels.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/core/linalg/wasm/kernels.js')>()),
  createSharedMemory: () => {
    throw new RangeError('WebAssembly.Memory(): could not allocate memory');
  },
}));

describe('esdAsync without shared memory', () => {
  it('never calls the threads and returns what esd returns', async () => {
    const run = vi.fn(async () => 0);
    const threads: KernelThreads = { size: 4, run };
    const w = gaussian('fallback', 400, 300);
    const progress: number[] = [];
    expect(await esdAsync(w, '1/N', { threads, onProgress: (f) => progress.push(f) })).toEqual(esd(w));
    expect(run).not.toHaveBeenCalled();
    expect(progress).toEqual([1]);
  });
});
