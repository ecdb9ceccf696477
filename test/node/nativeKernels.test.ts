// The native kernels (src/node/native/kernels.c) against the WebAssembly kernels alone: the same bits for every
// shape that reaches the code paths of the tiled product and of the reduction's product phase, on the calling thread and on worker threads; huge pages for the
// kernels' memory; their argument checks; and the CLI's output with and without them.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esd, esdAsync, gram, symmetricEigenvalues, symmetricEigenvaluesAsync, type KernelPool, type Matrix } from '../../src/core/linalg/index.js';
import { kernelHostInstalled, setKernelHost } from '../../src/core/linalg/wasm/index.js';
import { createStream, fillNormal } from '../../src/core/random/index.js';
import { writeNpy } from '../../src/io/index.js';
import { createNodeKernelPool } from '../../src/node/index.js';
import { installedNativeKernels, installNativeKernels, installNativeKernelsFrom, NATIVE_KERNELS_PATH } from '../../src/node/nativeKernels.js';
import { bundleWorker } from '../helpers/bundleWorker.js';
import { tempDir } from '../cli/harness.js';

const compiler = spawnSync(process.env.CC || 'cc', ['--version'], { stdio: 'ignore' }).status === 0;
const built = existsSync(NATIVE_KERNELS_PATH);

function normal(rows: number, cols: number, label: string): Matrix {
  return { rows, cols, data: fillNormal(createStream('native-tiles', label), new Float64Array(rows * cols)) };
}

function sameBits(a: Float64Array, b: Float64Array): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}

/** f's result with the WebAssembly kernel alone, then with the addon installed. */
function both<T>(f: () => T): [T, T] {
  installNativeKernelsFrom(null);
  const wasm = f();
  expect(installNativeKernels({}).installed).toBe(true);
  return [wasm, f()];
}

// Shapes around the kernels' blocks: 4-row panels (odd counts reach the 8- and 4-row tiles, counts of 8 or more
// the 16×8 tiles), Gram blocks of 256 rows (the first stores, the later add), 16-panel work items, and M ≥ 160 for
// the blocked reduction, whose trailing update subtracts.
const SHAPES: [number, number][] = [
  [1, 1],
  [3, 2],
  [9, 7],
  [40, 33],
  [300, 130],
  [600, 161],
  [700, 300],
  [1100, 517],
];

describe('the native kernels', () => {
  it('are built wherever a C compiler is (CI builds it, so the comparisons below run there)', () => {
    if (compiler) expect(built).toBe(true);
    const state = installNativeKernels({});
    expect(state.installed).toBe(built);
    if (built) expect(['avx512f', 'avx2', 'generic']).toContain(state.vectors);
    else expect(state.reason).toMatch(/not built/);
  });

  it('are left out with VSDL_NATIVE=0, and the kernels then run their own loop', () => {
    const state = installNativeKernels({ VSDL_NATIVE: '0' });
    expect(state).toEqual({ installed: false, reason: 'VSDL_NATIVE=0' });
    expect(installedNativeKernels()).toBeNull();
    expect(kernelHostInstalled()).toBe(false);
    expect(() => installNativeKernels(null as never)).toThrow(/env/);
    expect(() => installNativeKernelsFrom('' as never)).toThrow(/path/);
    expect(installNativeKernelsFrom(join(tempDir(), 'missing.node'))).toMatchObject({ installed: false, reason: expect.stringMatching(/not built/) });
  });

  it.skipIf(!built)('give the WebAssembly kernels’ bits for W’s Gram matrix and its eigenvalues, 1/N and unnormalized', () => {
    for (const [n, m] of SHAPES) {
      const w = normal(n, m, `${n}x${m}`);
      const [g0, g1] = both(() => gram(w, 1 / n));
      expect(sameBits(g0.data, g1.data), `gram ${n}×${m}`).toBe(true);
      const [e0, e1] = both(() => esd(w));
      expect(sameBits(e0, e1), `esd ${n}×${m}`).toBe(true);
      const [u0, u1] = both(() => esd(w, 'none'));
      expect(sameBits(u0, u1), `esd none ${n}×${m}`).toBe(true);
    }
  });

  it.skipIf(!built)('give the same bits in the reduction of a symmetric matrix with spread-out eigenvalues', () => {
    // Eigenvalues over 12 orders of magnitude: a sum taken in another order would show in the small ones.
    const m = 333;
    const w = normal(m, m, 'spread');
    const a = gram(w, 1 / m);
    for (let i = 0; i < m; i++) a.data[i * m + i] += 10 ** (-6 + (12 * i) / m);
    const [e0, e1] = both(() => symmetricEigenvalues(a));
    expect(sameBits(e0, e1)).toBe(true);
  });

  describe.skipIf(!built)('on worker threads', () => {
    let workerUrl: URL;
    const pools: KernelPool[] = [];
    beforeAll(async () => {
      workerUrl = await bundleWorker('src/node/kernelWorker.ts');
    }, 60_000);
    afterAll(() => pools.forEach((pool) => pool.close()));

    it('workers use the addon exactly when their spawning thread does, with the same bits either way', async () => {
      const w = normal(1100, 517, 'threads');
      installNativeKernelsFrom(null);
      const reference = esd(w);
      for (const native of [false, true]) {
        if (native) installNativeKernels({});
        else installNativeKernelsFrom(null);
        for (const size of [1, 2, 3]) {
          const pool = createNodeKernelPool(size, workerUrl);
          pools.push(pool);
          expect(sameBits(await esdAsync(w, '1/N', { threads: pool }), reference), `native ${native}, ${size} threads`).toBe(true);
          const x = gram(w, 1 / 1100);
          expect(sameBits(await symmetricEigenvaluesAsync(x, { threads: pool }), symmetricEigenvalues(x))).toBe(true);
        }
      }
    }, 60_000);
  });

  it('tell the host when the kernels’ memory grows, before its pages are used, with a view of all of it', () => {
    const seen: number[] = [];
    setKernelHost({ tileUpdate: () => false, memoryGrown: (memory) => void seen.push(memory.byteLength) });
    try {
      // Larger than any matrix before it in this file, so that the memory must grow.
      const w = normal(800, 720, 'grown');
      const values = esd(w);
      expect(seen.length).toBeGreaterThan(0);
      // The Gram matrix alone (720 × 720 float64) lies in the memory the host was shown last.
      expect(seen.at(-1)).toBeGreaterThanOrEqual(720 * 720 * 8);
      const calls = seen.length;
      esd(w); // the same size again: no growth, no call
      expect(seen.length).toBe(calls);
      installNativeKernelsFrom(null);
      expect(sameBits(esd(w), values)).toBe(true);
    } finally {
      installNativeKernelsFrom(null);
    }
    expect(() => setKernelHost({ memoryGrown: () => undefined } as never)).toThrow(TypeError);
  });

  it.skipIf(!built || process.platform !== 'linux')('ask Linux for huge pages over the memory’s whole 2 MiB blocks', () => {
    const addon = createRequire(import.meta.url)(NATIVE_KERNELS_PATH) as { advise: (memory: unknown) => boolean };
    const mode = readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8');
    const memory = new WebAssembly.Memory({ initial: 128 }); // 8 MiB: at least three whole 2 MiB blocks
    // The advice is taken wherever transparent huge pages are not switched off ("[never]").
    expect(addon.advise(new Uint8Array(memory.buffer))).toBe(!mode.includes('[never]'));
    expect(addon.advise(new Uint8Array(4096))).toBe(false); // no whole 2 MiB block
    expect(() => addon.advise(new Float64Array(8))).toThrow(TypeError);
    expect(() => (addon.advise as () => boolean)()).toThrow(TypeError);
  });

  it.skipIf(!built)('check their arguments: a wrong call is refused, never written outside the memory', () => {
    const addon = createRequire(import.meta.url)(NATIVE_KERNELS_PATH) as { update: (...args: unknown[]) => boolean };
    const memory = new Uint8Array(1 << 16);
    // One 4×4 tile of 2 terms: panels at 64 and 128, destination at 256 (ld 4), control block at 0.
    const ok = [memory, 0, 0, 64, 128, 64, 2, 256, 4, 0, 1, 2];
    expect(addon.update(...ok)).toBe(true);
    expect(() => addon.update(...ok.slice(0, 11))).toThrow(TypeError);
    expect(() => addon.update(new Float64Array(1 << 13), ...ok.slice(1))).toThrow(/Uint8Array/);
    expect(() => addon.update(memory, ...ok.slice(1, 7), 1 << 16, ...ok.slice(8))).toThrow(/outside the memory/);
    expect(() => addon.update(memory, ...ok.slice(1, 4), 1 << 20, ...ok.slice(5))).toThrow(/outside the memory/);
    expect(() => addon.update(memory, ...ok.slice(1, 8), 3, ...ok.slice(9))).toThrow(/outside the memory/); // ld < 4 rows
    expect(() => addon.update(memory, ...ok.slice(1, 11), 3)).toThrow(/outside the memory/); // no such mode
    expect(() => addon.update(memory, -1, ...ok.slice(2))).toThrow(RangeError);
    expect(() => addon.update(memory, 0.5, ...ok.slice(2))).toThrow(RangeError);

    // The reduction's product phase for a 5×5 block (lda 8) from column 1: matrix, vectors and panels in place.
    const product = (addon as unknown as { product: (...args: unknown[]) => boolean }).product;
    const args = { ctl: 0, phase: 0, a: 256, lda: 8, n: 5, from: 1, first: 0, chunks: 1, p: 0, v: 1024, dots: 1536, parts: 2048, ldv: 64, products: 4096, wb: 8192, vb: 12288 };
    const call = (change: Partial<typeof args> = {}) => product(memory, ...Object.values({ ...args, ...change }));
    memory.fill(0);
    expect(call()).toBe(true);
    expect(() => call({ first: 1 })).toThrow(/outside the memory/); // not the chunk of `from`
    expect(() => call({ chunks: 2 })).toThrow(/outside the memory/);
    expect(() => call({ n: 0 })).toThrow(/outside the memory/);
    expect(() => call({ lda: 4 })).toThrow(/outside the memory/); // columns would overlap
    expect(() => call({ a: (1 << 16) - 64 })).toThrow(/outside the memory/);
    expect(() => call({ ldv: 32 })).toThrow(/outside the memory/); // shorter than a vector of n
    expect(() => call({ p: 33 })).toThrow(/outside the memory/); // more than a panel
    expect(() => product(memory, 0)).toThrow(TypeError);
  });

  it.skipIf(!built)('leave the CLI’s eigenvalues as they are without them (VSDL_NATIVE=0)', () => {
    const dir = tempDir();
    const w = normal(700, 300, 'cli');
    const file = join(dir, 'W.npy');
    writeFileSync(file, writeNpy({ data: w.data, shape: [700, 300] }));
    const bin = join(import.meta.dirname, '../../bin/vsdl.js');
    const outputs = ['1', '0'].map((flag) => {
      const out = join(dir, `ev${flag}.npy`);
      const r = spawnSync(process.execPath, [bin, 'esd', file, '--threads', '2', '--out', out], { env: { ...process.env, VSDL_NATIVE: flag }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(out);
    });
    expect(outputs[0].equals(outputs[1])).toBe(true);
  }, 60_000);
});
