import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import { bestDevice, checkBackendRequest, decideBackend, probeDevice, type DeviceProbe, type GpuModeMeasurement } from '../../src/gpu/index.js';

/** The labs' backend choice: override, fallback, software renderers and the measured probe. */
const measured = (mode: GpuModeMeasurement['mode'], ms: number | null, extra: Partial<GpuModeMeasurement> = {}): GpuModeMeasurement => ({
  mode, available: true, ms, renderer: null, software: false, executed: mode, error: null, ...extra,
});
const hardware: DeviceProbe = { mode: 'webgl2', renderer: 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060)', software: false, measurements: [] };
const software: DeviceProbe = { mode: 'webgl2', renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))', software: true, measurements: [] };
const none: DeviceProbe = { mode: null, renderer: null, software: false, measurements: [] };

describe('decideBackend', () => {
  it('cpu never touches the GPU', () => {
    for (const device of [hardware, software, none]) expect(decideBackend('cpu', device, { gpuSeconds: 0.001, cpuSeconds: 100 })).toMatchObject({ use: 'cpu', mode: null, needsRates: false });
  });

  it('gpu takes the device whatever renders it, and falls back only without one', () => {
    expect(decideBackend('gpu', hardware)).toMatchObject({ use: 'gpu', mode: 'webgl2', needsRates: false });
    const forced = decideBackend('gpu', software, { gpuSeconds: 100, cpuSeconds: 1 });
    expect(forced).toMatchObject({ use: 'gpu', mode: 'webgl2' });
    expect(forced.reason).toMatch(/software renderer/);
    expect(decideBackend('gpu', none)).toMatchObject({ use: 'cpu', reason: expect.stringMatching(/no working WebGPU or WebGL/) });
  });

  it('auto never takes a software renderer, and measures before taking a hardware one', () => {
    expect(decideBackend('auto', software, { gpuSeconds: 0.001, cpuSeconds: 100 })).toMatchObject({ use: 'cpu', needsRates: false, reason: expect.stringMatching(/software renderer/) });
    expect(decideBackend('auto', none)).toMatchObject({ use: 'cpu', needsRates: false });
    expect(decideBackend('auto', hardware)).toMatchObject({ use: 'cpu', needsRates: true });
  });

  it('auto follows the measurement: the GPU only where it is faster, never after a failed probe', () => {
    expect(decideBackend('auto', hardware, { gpuSeconds: 0.5, cpuSeconds: 10 })).toMatchObject({ use: 'gpu', mode: 'webgl2', reason: expect.stringMatching(/20\.0×/) });
    expect(decideBackend('auto', hardware, { gpuSeconds: 2, cpuSeconds: 1 })).toMatchObject({ use: 'cpu', reason: expect.stringMatching(/measured/) });
    expect(decideBackend('auto', hardware, { gpuSeconds: 1, cpuSeconds: 1 }).use).toBe('cpu');
    expect(decideBackend('auto', hardware, { gpuSeconds: null, cpuSeconds: 1, gpuError: 'context lost' })).toMatchObject({ use: 'cpu', reason: expect.stringMatching(/context lost/) });
    expect(decideBackend('auto', hardware, { gpuSeconds: NaN, cpuSeconds: 1 }).use).toBe('cpu');
    expect(decideBackend('auto', hardware, { gpuSeconds: 1, cpuSeconds: null }).use).toBe('gpu');
  });

  it('checks the request', () => {
    expect(checkBackendRequest('gpu')).toBe('gpu');
    expect(() => checkBackendRequest('cuda')).toThrow(ParameterError);
  });
});

describe('bestDevice', () => {
  it('prefers hardware, then speed, then webgpu > webgl2 > webgl; ignores degraded and failed modes', () => {
    expect(bestDevice([measured('webgpu', 3), measured('webgl2', 2), measured('webgl', 2)]).mode).toBe('webgl2');
    expect(bestDevice([measured('webgl2', 2), measured('webgl', 2)]).mode).toBe('webgl2');
    expect(bestDevice([measured('webgpu', 1, { software: true }), measured('webgl', 9)])).toMatchObject({ mode: 'webgl', software: false });
    expect(bestDevice([measured('webgpu', 1, { software: true, renderer: 'SwiftShader' })])).toMatchObject({ mode: 'webgpu', software: true, renderer: 'SwiftShader' });
    expect(bestDevice([measured('webgl2', 1, { executed: 'cpu' }), measured('webgl', null, { error: 'lost' })]).mode).toBeNull();
    expect(bestDevice([measured('webasm', 1), measured('cpu', 1)]).mode).toBeNull();
  });

  it('finds no device in Node (gpu.js has webasm and cpu there)', async () => {
    const device = await probeDevice();
    expect(device.mode).toBeNull();
    expect(decideBackend('gpu', device).use).toBe('cpu');
  });
});
