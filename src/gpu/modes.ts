import { GPU } from 'gpu.js';
import { ParameterError } from '../core/errors.js';

/**
 * The gpu.js modes this project can run on, in order of preference when they measure alike. Browsers offer
 * webgpu, webgl2 and webgl; Node offers headlessgl (only with the optional native `gl` package), webasm and cpu.
 */
export const GPU_MODES = ['webgpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu'] as const;
export type GpuMode = (typeof GPU_MODES)[number];

/** Modes whose API exists here (webgpu: an adapter answered). cpu is always present. */
export async function availableModes(): Promise<GpuMode[]> {
  const modes: GpuMode[] = [];
  if (GPU.isWebGPUSupported && (await GPU.isWebGPUAvailable())) modes.push('webgpu');
  if (GPU.isWebGL2Supported) modes.push('webgl2');
  if (GPU.isWebGLSupported) modes.push('webgl');
  if (GPU.isHeadlessGLSupported) modes.push('headlessgl');
  if (GPU.isWebAssemblySupported) modes.push('webasm');
  modes.push('cpu');
  return modes;
}

export function checkMode(value: unknown): GpuMode {
  if (!GPU_MODES.includes(value as GpuMode)) throw new ParameterError('backend', value, `one of ${GPU_MODES.join(', ')}`);
  return value as GpuMode;
}

/** A gpu.js instance on exactly this mode. */
export function createGpu(mode: GpuMode): GPU {
  return new GPU({ mode });
}

/** Modes that keep kernel outputs on a device (textures or buffers) when a kernel is pipelined. */
export function isDeviceMode(mode: GpuMode): boolean {
  return mode === 'webgpu' || mode === 'webgl2' || mode === 'webgl' || mode === 'headlessgl';
}

/** The mode a compiled kernel actually runs on (gpu.js may degrade a kernel to cpu and say why). */
export function executedMode(kernel: unknown): string {
  const inner = (kernel as { kernel?: { constructor?: { name?: string } } }).kernel;
  const name = inner?.constructor?.name ?? 'unknown';
  return KERNEL_CLASSES[name] ?? name;
}

const KERNEL_CLASSES: Record<string, GpuMode> = {
  CPUKernel: 'cpu',
  WebAssemblyKernel: 'webasm',
  WebGLKernel: 'webgl',
  WebGL2Kernel: 'webgl2',
  HeadlessGLKernel: 'headlessgl',
  WebGPUKernel: 'webgpu',
};
