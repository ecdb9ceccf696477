/**
 * Where the lab worker computes a job (the `backend` field: auto, gpu, cpu) and what it reports about it. The device
 * is probed once per worker (src/gpu/select.ts probeDevice); `auto` on a hardware device then asks the job's own
 * short probe (the caller's `rates`) and takes the faster side. One gpu.js backend per device mode is kept for the
 * worker's life, so kernels compile once per grid shape, not once per job.
 */
import { createGpu, createGpuBackend, decideBackend, probeDevice, type BackendDecision, type DeviceProbe, type GpuBackend, type RateProbe } from '../../src/gpu/index.js';
import type { GPU } from 'gpu.js';
import type { ComputeReport } from '../../src/labs/index.js';

const NO_DEVICE: DeviceProbe = { mode: null, renderer: null, software: false, measurements: [] };

const devices: Partial<Record<'auto' | 'gpu', Promise<DeviceProbe>>> = {};
const backends = new Map<string, GpuBackend>();
const instances = new Map<string, GPU>();

/** The device as `auto` (a glance settles software renderers) or `gpu` (every mode tried) sees it, once. */
export function device(request: 'auto' | 'gpu'): Promise<DeviceProbe> {
  return (devices[request] ??= probeDevice(request).catch(() => NO_DEVICE));
}

/** The worker's gpu.js backend for a device mode (the Monte Carlo), made on first use. */
export function gpuBackend(mode: string): GpuBackend {
  let backend = backends.get(mode);
  if (!backend) backends.set(mode, (backend = createGpuBackend({ mode: mode as never })));
  return backend;
}

/** The worker's gpu.js instance for a device mode (the edge draws), made on first use. */
export function gpuInstance(mode: string): GPU {
  let gpu = instances.get(mode);
  if (!gpu) instances.set(mode, (gpu = createGpu(mode as never)));
  return gpu;
}

export interface Choice {
  requested: 'auto' | 'gpu' | 'cpu';
  decision: BackendDecision;
  device: DeviceProbe;
  probe: RateProbe | null;
}

/** The backend of a job: the request, the device and, for auto on a hardware device, the job's probe. */
export async function chooseCompute(requested: 'auto' | 'gpu' | 'cpu', rates: (mode: string) => Promise<RateProbe>): Promise<Choice> {
  if (requested === 'cpu') return { requested, decision: decideBackend('cpu', NO_DEVICE), device: NO_DEVICE, probe: null };
  const found = await device(requested);
  let decision = decideBackend(requested, found);
  let probe: RateProbe | null = null;
  if (decision.needsRates) {
    probe = await rates(found.mode!);
    decision = decideBackend(requested, found, probe);
  }
  return { requested, decision, device: found, probe };
}

/** Predicted seconds from a measured rate, or null when the measurement failed (with the reason). */
export async function timed(measure: () => Promise<number>): Promise<{ seconds: number | null; error: string | null }> {
  try {
    return { seconds: await measure(), error: null };
  } catch (error) {
    return { seconds: null, error: error instanceof Error ? error.message : String(error) };
  }
}

export function report(choice: Choice, work: number, unit: ComputeReport['unit'], seconds: number): ComputeReport {
  const gpu = choice.decision.use === 'gpu';
  return {
    requested: choice.requested,
    backend: choice.decision.use,
    mode: gpu ? choice.decision.mode! : 'wasm',
    renderer: gpu ? choice.device.renderer : null,
    software: gpu && choice.device.software,
    reason: choice.decision.reason,
    rate: seconds > 0 ? work / seconds : 0,
    unit,
    seconds,
    probe: choice.probe ? { gpuSeconds: choice.probe.gpuSeconds, cpuSeconds: choice.probe.cpuSeconds } : null,
  };
}

/** The stage text the job bar shows while a job runs. */
export function stage(choice: Choice): string {
  return choice.decision.use === 'gpu' ? `on the GPU (${choice.decision.mode})` : 'on the CPU (WebAssembly)';
}
