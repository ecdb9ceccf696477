// The threaded dense kernels against the single-thread path (bit for bit) and against independent references.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  esd,
  esdAsync,
  rowsOf,
  gram,
  gramAsync,
  symmetricEigenvalues,
  runKernelJob,
  symmetricEigenvaluesAsync,
  type KernelJob,
  type KernelPool,
  type MatrixRows,
} from '../../../src/core/linalg/index.js';
import { createSharedMemory, sharedKernelModule } from '../../../src/core/linalg/wasm/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { createNodeKernelPool } from '../../../src/node/index.js';
import { bundleWorker } from '../../helpers/bundleWorker.js';
import { gaussian, jacobiEigenvalues, maxAbs, maxAbsDiff, naiveGram, withSpectrum } from './reference.js';

// Eigenvalues within 1e-12 of λ_max: the backward-stable bound is ~n·eps·‖A‖ ≈ 1e-13 at these sizes.
const TOL = 1e-12;

const pools: KernelPool[] = [];
let one: KernelPool;
let two: KernelPool;
let three: KernelPool;

beforeAll(async () => {
  const workerUrl = await bundleWorker('src/node/kernelWorker.ts');
  [one, two, three] = [1, 2, 3].map((size) => createNodeKernelPool(size, workerUrl));
  pools.push(one, two, three);
}, 60_000);

afterAll(() => {
  for (const pool of pools) pool.close();
});

function identical(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

function relativeError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  return maxAbsDiff(got, want) / maxAbs(want);
}

describe('esdAsync on worker threads', () => {
  // Sizes around the kernels' blocks: tiles of 4, panels of 32 columns with at least 128 reduced unblocked
  // (M ≥ 160 takes the blocked path), symv chunks of 64 columns, Gram blocks of 256 rows.
  const shapes: [number, number][] = [
    [5, 1],
    [7, 2],
    [9, 3],
    [40, 40],
    [161, 160],
    [300, 300],
    [517, 333],
    [700, 259],
  ];

  it.each(shapes)('N = %i, M = %i: bit-identical to esd for 1, 2 and 3 threads', async (n, m) => {
    const w = gaussian(`threads-${n}-${m}`, n, m);
    const want = esd(w);
    for (const threads of [one, two, three]) expect(identical(await esdAsync(w, '1/N', { threads }), want)).toBe(true);
  });

  it('W by rows on threads: read into the shared memory, one block while the threads multiply another, the same bits', async () => {
    // M = 1100: blocks of 256 rows, five of them.
    const w = gaussian('threads-rows', 1100, 1100);
    const want = esd(w);
    for (const threads of [one, two, three]) {
      const buffers = new Set<ArrayBufferLike>();
      const inner = rowsOf(w);
      const rows: MatrixRows = { rows: w.rows, cols: w.cols, read: (first, into) => (buffers.add(into.buffer), inner.read(first, into)) };
      expect(identical(await esdAsync(rows, '1/N', { threads }), want)).toBe(true);
      expect([...buffers].every((b) => b instanceof SharedArrayBuffer)).toBe(true);
    }
  });

  it('W by rows on threads, a later block far larger than the first (read again at its own scale): the same bits', async () => {
    const w = gaussian('threads-rows-rescale', 1100, 1100);
    for (let j = 0; j < 1100; j++) w.data[1050 * 1100 + j] *= 2 ** 100;
    for (let j = 0; j < 1100; j++) w.data[600 * 1100 + j] *= 2 ** 40;
    const want = esd(w);
    for (const threads of [one, two, three]) expect(identical(await esdAsync(rowsOf(w), '1/N', { threads }), want)).toBe(true);
  });

  it('a reader that fails while the threads multiply: the threads stop, the error comes back, the pool goes on', async () => {
    const w = gaussian('threads-rows-fail', 1100, 1100);
    // The third block fails, read while the threads multiply the second.
    const failing: MatrixRows = {
      rows: 1100,
      cols: 1100,
      read(first, into) {
        if (first === 512) throw new Error('the disk went away');
        rowsOf(w).read(first, into);
      },
    };
    await expect(esdAsync(failing, '1/N', { threads: two })).rejects.toThrow('the disk went away');
    expect(identical(await esdAsync(w, '1/N', { threads: two }), esd(w))).toBe(true);
  });

  it('agrees with Jacobi on WᵀW/N at M = 333 (several panels, odd sizes)', async () => {
    const w = gaussian('threads-jacobi', 517, 333);
    const values = await esdAsync(w, 'none', { threads: three });
    expect(relativeError(values, jacobiEigenvalues(naiveGram(w), 333))).toBeLessThan(TOL);
  });

  it('recovers a known spectrum through symmetricEigenvaluesAsync (n = 290, multiplicities and a cluster)', async () => {
    const values = Array.from({ length: 290 }, (_, i) => (i < 40 ? 3 : i < 80 ? 1 + i * 1e-12 : Math.sin(i) * 5));
    const a = withSpectrum('threads-known', values);
    const got = await symmetricEigenvaluesAsync(a, { threads: two });
    expect(identical(got, symmetricEigenvalues(a))).toBe(true);
    expect(relativeError(got, Float64Array.from(values).sort())).toBeLessThan(TOL);
  });

  it('gramAsync gives gram bit for bit, and the textbook product to rounding', async () => {
    const w = gaussian('threads-gram', 600, 203);
    const got = await gramAsync(w, 1 / 600, { threads: three });
    expect(identical(got.data, gram(w, 1 / 600).data)).toBe(true);
    expect(relativeError(got.data, naiveGram(w, 1 / 600))).toBeLessThan(1e-14);
  });

  it('reports progress from 0 to 1 and runs plans given at the same time one after the other', async () => {
    const w = gaussian('threads-progress', 1200, 600);
    const seen: number[] = [];
    const [a, b] = await Promise.all([
      esdAsync(w, '1/N', { threads: two, onProgress: (f) => seen.push(f) }),
      esdAsync(w, 'none', { threads: two }),
    ]);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= seen[i - 1]))).toBe(true);
    const ratio = a.map((x, i) => b[i] / x);
    expect(maxAbsDiff(ratio.subarray(1), new Float64Array(599).fill(1200))).toBeLessThan(1e-9);
  });

  it('stops on abort, rejects with the reason, and the threads serve the next plan', async () => {
    const w = gaussian('threads-abort', 2000, 1000);
    const controller = new AbortController();
    const reason = new Error('stop here');
    const pending = esdAsync(w, '1/N', { threads: two, signal: controller.signal, onProgress: (f) => f > 0 && controller.abort(reason) });
    setTimeout(() => controller.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);
    await expect(esdAsync(w, '1/N', { threads: two, signal: controller.signal })).rejects.toBe(reason);
    const small = gaussian('threads-after-abort', 300, 200);
    expect(identical(await esdAsync(small, '1/N', { threads: two }), esd(small))).toBe(true);
  });

  it('checks its arguments as esd does', async () => {
    await expect(esdAsync({ rows: 2, cols: 3, data: new Float64Array(6) }, '1/N', { threads: two })).rejects.toThrow(/N×M with N ≥ M/);
    for (const w of [gaussian('small', 4, 2), gaussian('large', 400, 300)]) {
      await expect(esdAsync(w, '1/N', { threads: { size: 0, run: async () => 0 } })).rejects.toThrow(/threads.size/);
    }
  });
});

describe('the kernels stop on request', () => {
  it('a job whose control block asks to stop returns 1 at its first checkpoint, before touching the data', async () => {
    const memory = createSharedMemory();
    memory.grow(1);
    const words = new Int32Array(memory.buffer);
    const ctl = 1024;
    words.fill(0, ctl / 4, ctl / 4 + 16);
    words[ctl / 4] = 2; // two threads
    words[ctl / 4 + 5] = 1; // the cancel word
    const job: KernelJob = { module: sharedKernelModule(), memory, entry: 'gramRows', args: [ctl, 4096, 0, 300, 200, 1, 65536, 200, 65536] };
    expect(await two.run(job)).toBe(1);
    words[ctl / 4] = 1; // alone on this thread
    expect(runKernelJob(job, 0)).toBe(1);
  });

  it('a job that traps in the kernels rejects, and fresh workers take the next job', async () => {
    const memory = createSharedMemory();
    const words = new Int32Array(memory.buffer);
    words.fill(0, 256, 272);
    words[256] = 2;
    // A Gram product whose matrix lies far beyond the memory: every thread traps on its first load.
    const job: KernelJob = { module: sharedKernelModule(), memory, entry: 'gramRows', args: [1024, 1 << 30, 0, 300, 200, 1, 2048, 200, 4096] };
    await expect(two.run(job)).rejects.toThrow(/kernel thread failed: RuntimeError: memory access out of bounds/);
    const w = gaussian('after-trap', 600, 500);
    expect(identical(await esdAsync(w, '1/N', { threads: two }), esd(w))).toBe(true);
  });

  it('a pool whose workers cannot start rejects its jobs and can be closed', async () => {
    const broken = createNodeKernelPool(2, new URL('file:///nonexistent/kernelWorker.mjs'));
    pools.push(broken);
    await expect(esdAsync(gaussian('broken', 600, 500), '1/N', { threads: broken })).rejects.toThrow(/kernel thread stopped/);
    broken.close();
    await expect(esdAsync(gaussian('closed', 600, 500), '1/N', { threads: broken })).rejects.toThrow(/closed/);
  });

  it('runKernelJob refuses what is not a job', () => {
    expect(() => runKernelJob({} as KernelJob, 0)).toThrow(ParameterError);
    const job = { module: sharedKernelModule(), memory: createSharedMemory(), entry: 'exit', args: [] } as unknown as KernelJob;
    expect(() => runKernelJob(job, 0)).toThrow(/job.entry/);
  });
});
