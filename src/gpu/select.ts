import { BACKEND_REQUESTS, type BackendRequest } from '../core/backends.js';
import { ParameterError } from '../core/errors.js';
import { chooseGpuMode, type GpuModeMeasurement } from './choose.js';
import { glanceDevices } from './glance.js';
import type { GpuMode } from './modes.js';

/**
 * Where a lab computes: on the GPU (a gpu.js device mode: webgpu, webgl2, webgl) or on the CPU (the WebAssembly
 * kernels of the core). `auto` asks a measured probe and never takes a software renderer (SwiftShader, llvmpipe,
 * a WebGPU fallback adapter: the GPU APIs emulated on the CPU, slower than WebAssembly); `gpu` takes the device
 * whatever renders it (for testing), and falls back to the CPU only when the browser has no GPU API; `cpu` never
 * touches the GPU.
 */

export { BACKEND_REQUESTS, type BackendRequest };

export const DEVICE_MODES = ['webgpu', 'webgl2', 'webgl'] as const;
export type DeviceMode = (typeof DEVICE_MODES)[number];

/** What the browser offers: its best device mode (null: none works) and what renders it. */
export interface DeviceProbe {
  mode: DeviceMode | null;
  renderer: string | null;
  software: boolean;
  /** Every device mode tried, as chooseGpuMode measured it. */
  measurements: GpuModeMeasurement[];
}

/** Predicted seconds of the job on each side, from short measured runs (null: not measured, or failed). */
export interface RateProbe {
  gpuSeconds: number | null;
  cpuSeconds: number | null;
  /** Why the GPU probe failed, when it did. */
  gpuError?: string | null;
}

export interface BackendDecision {
  use: 'gpu' | 'cpu';
  /** The gpu.js mode when use is 'gpu'. */
  mode: GpuMode | null;
  reason: string;
  /** Whether `auto` needs the rate probe to decide (a hardware device is there). */
  needsRates: boolean;
}

export function checkBackendRequest(value: unknown): BackendRequest {
  if (!BACKEND_REQUESTS.includes(value as BackendRequest)) throw new ParameterError('backend', value, `one of ${BACKEND_REQUESTS.join(', ')}`);
  return value as BackendRequest;
}

const seconds = (s: number) => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(1)} s`);

/**
 * The decision, from the request, the device and (for `auto` on a hardware device) the rate probe. Pure: the
 * probes are taken elsewhere (probeDevice, and each lab's own short runs).
 */
export function decideBackend(request: BackendRequest, device: DeviceProbe, rates: RateProbe | null = null): BackendDecision {
  const cpu = (reason: string, needsRates = false): BackendDecision => ({ use: 'cpu', mode: null, reason, needsRates });
  if (request === 'cpu') return cpu('WebAssembly on the CPU, as asked (backend=cpu)');
  if (device.mode === null) return cpu('no working WebGPU or WebGL in this browser: WebAssembly on the CPU');
  const what = `${device.mode}${device.renderer ? ` (${device.renderer})` : ''}`;
  if (request === 'gpu') {
    return { use: 'gpu', mode: device.mode, reason: `the GPU as asked (backend=gpu): ${what}${device.software ? ', a software renderer' : ''}`, needsRates: false };
  }
  if (device.software) return cpu(`${what} is a software renderer, slower than WebAssembly: WebAssembly on the CPU`);
  if (!rates) return cpu(`${what} not measured yet`, true);
  if (rates.gpuSeconds === null || !Number.isFinite(rates.gpuSeconds)) {
    return cpu(`the GPU probe on ${what} failed${rates.gpuError ? ` (${rates.gpuError})` : ''}: WebAssembly on the CPU`);
  }
  if (rates.cpuSeconds !== null && rates.cpuSeconds <= rates.gpuSeconds) {
    return cpu(`measured: WebAssembly ${seconds(rates.cpuSeconds)} against ${seconds(rates.gpuSeconds)} on ${what}`);
  }
  const ratio = rates.cpuSeconds === null ? '' : `, ${(rates.cpuSeconds / rates.gpuSeconds).toFixed(1)}× WebAssembly's ${seconds(rates.cpuSeconds)}`;
  return { use: 'gpu', mode: device.mode, reason: `measured: ${seconds(rates.gpuSeconds)} on ${what}${ratio}`, needsRates: false };
}

/**
 * The browser's best device mode. First a glance at what renders each GPU API (glance.ts, nothing compiled): for
 * `auto`, a browser whose APIs are all software-rendered is settled there, at no cost. Otherwise every present
 * device mode's probe kernel is timed (chooseGpuMode) and the best taken (bestDevice). `auto` judges a browser by
 * its WebGL renderer when that is software (glanceDevices).
 */
export async function probeDevice(request: BackendRequest = 'auto'): Promise<DeviceProbe> {
  const glance = await glanceDevices({ skipWebgpuBehindSoftwareGl: request === 'auto' });
  if (glance.length === 0) return { mode: null, renderer: null, software: false, measurements: [] };
  if (request === 'auto' && glance.every((g) => g.software)) return { ...glance[0]!, measurements: [] };
  const { measurements } = await chooseGpuMode({ modes: glance.map((g) => g.mode), repeats: 2 });
  return bestDevice(measurements);
}

/** The device choice from measurements (pure, for tests): hardware first, then the fastest, then DEVICE_MODES order. */
export function bestDevice(measurements: readonly GpuModeMeasurement[]): DeviceProbe {
  const ran = measurements.filter(
    (m): m is GpuModeMeasurement & { mode: DeviceMode; ms: number } =>
      (DEVICE_MODES as readonly string[]).includes(m.mode) && m.available && m.error === null && m.ms !== null && Number.isFinite(m.ms) && (m.executed === null || m.executed === m.mode),
  );
  const rank = (m: (typeof ran)[number]) => [m.software ? 1 : 0, m.ms, DEVICE_MODES.indexOf(m.mode)];
  const best = ran.sort((a, b) => {
    const [x, y] = [rank(a), rank(b)];
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
  })[0];
  return best
    ? { mode: best.mode, renderer: best.renderer, software: best.software, measurements: [...measurements] }
    : { mode: null, renderer: null, software: false, measurements: [...measurements] };
}
