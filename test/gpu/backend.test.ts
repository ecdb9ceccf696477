import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import type { SweepBackend } from '../../src/core/vsdl/sweep/types.js';
import { chooseGpuMode, createGpuBackend, pickGpuMode, type GpuModeMeasurement } from '../../src/gpu/index.js';

const measured = (mode: GpuModeMeasurement['mode'], ms: number, extra: Partial<GpuModeMeasurement> = {}): GpuModeMeasurement => ({
  mode, available: true, ms, renderer: null, software: false, executed: mode, error: null, ...extra,
});

describe('backend choice', () => {
  it('measures the modes that exist in Node and picks one of them', async () => {
    const choice = await chooseGpuMode({ repeats: 1 });
    const ran = choice.measurements.filter((m) => m.ms !== null).map((m) => m.mode);
    expect(ran).toContain('cpu');
    expect(ran).toContain(choice.mode);
    expect(['webasm', 'cpu']).toContain(choice.mode);
    expect(choice.measurements.find((m) => m.mode === 'webgl2')?.available).toBe(false);
  }, 20000);

  it('picks the fastest, never a software renderer over webasm, never a degraded kernel', () => {
    expect(pickGpuMode([measured('webgl2', 1), measured('webasm', 5), measured('cpu', 20)])).toBe('webgl2');
    expect(pickGpuMode([measured('webgl2', 1, { software: true, renderer: 'SwiftShader' }), measured('webasm', 5), measured('cpu', 20)])).toBe('webasm');
    expect(pickGpuMode([measured('webgl2', 1, { software: true }), measured('cpu', 20)])).toBe('webgl2');
    expect(pickGpuMode([measured('webasm', 1, { executed: 'cpu' }), measured('cpu', 2)])).toBe('cpu');
    expect(pickGpuMode([measured('webgpu', 3, { error: 'lost' }), measured('webasm', 4), measured('cpu', 4)])).toBe('webasm');
    expect(pickGpuMode([])).toBe('cpu');
  });
});

describe('createGpuBackend', () => {
  it('implements the SweepBackend contract for one cell', async () => {
    const backend = createGpuBackend({ mode: 'webasm' });
    const asSweep: SweepBackend = backend;
    const progress: number[] = [];
    const result = await asSweep.runCell(
      { weights: 'ising', n: 16, alpha: 1, tau: 0.5, noise: 0.1, samples: 2, seed: 3, teacher: 'ising', start: 'mixed', schedule: { equilibrationSweeps: 5, measurementSweeps: 20 } },
      { onProgress: (f) => progress.push(f) },
    );
    expect(result).toMatchObject({ alpha: 1, tau: 0.5, p: 16, noise: 0.1, errorKind: 'disorder', backend: 'gpu.js:webasm' });
    expect(result.samples).toHaveLength(2);
    expect(progress.at(-1)).toBe(1);
    expect(await backend.choice()).toEqual({ mode: 'webasm', measured: null });
  });

  it('cancels through the signal with an AbortError', async () => {
    const backend = createGpuBackend({ mode: 'cpu' });
    const before = new AbortController();
    before.abort('stop');
    await expect(backend.runGrid({ n: 8, alphas: [1], taus: [1], samples: 1, seed: 1, signal: before.signal })).rejects.toMatchObject({ name: 'AbortError' });
    const during = new AbortController();
    let calls = 0;
    const run = backend.runGrid({
      n: 32, alphas: [1, 2], taus: [0.5, 1], samples: 2, seed: 1, equilibrationSweeps: 100000, measurementSweeps: 1,
      signal: during.signal,
      onProgress: () => {
        calls++;
        during.abort('enough');
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toBe(1);
  }, 20000);

  it('rejects bad input with ParameterError', async () => {
    const backend = createGpuBackend({ mode: 'cpu' });
    const ok = { n: 8, alphas: [1], taus: [1], samples: 1, seed: 1 };
    const bad: Record<string, unknown>[] = [
      { weights: 'binary' }, { weights: 'spherical', n: 1 }, { n: 0 }, { n: 4097 }, { n: 2.5 }, { alphas: [] }, { alphas: [1, 1] }, { alphas: [0] },
      { taus: [-1] }, { taus: [Infinity] }, { samples: 0 }, { noise: 0.7 }, { seed: -1 }, { measurementSweeps: 0 },
      { equilibrationSweeps: 1.5 }, { start: 'cold' }, { teacher: new Float64Array(3) },
    ];
    for (const change of bad) await expect(backend.runGrid({ ...ok, ...change } as never)).rejects.toThrow(ParameterError);
    expect(() => createGpuBackend({ mode: 'cuda' as never })).toThrow(ParameterError);
  });
});
