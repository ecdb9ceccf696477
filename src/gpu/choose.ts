import type { GPU } from 'gpu.js';
import { LIMB_FUNCTIONS, RNG_CONSTANTS } from './rng.js';
import { rngBlocksKernel } from './kernels/rng.js';
import { describeAdapter, describeGl } from './glance.js';
import { availableModes, createGpu, executedMode, GPU_MODES, type GpuMode } from './modes.js';

/**
 * Backend choice by measurement: a probe kernel (4096 Philox4x24 blocks, the integer-in-float work that
 * dominates short decisions) is compiled on every available mode, run once to warm up, then timed over a few
 * launches including readback; the fastest wins. A software renderer (SwiftShader, llvmpipe, a WebGPU fallback
 * adapter) may only win where webasm is not available: headless browsers without a GPU render WebGL 15–20×
 * slower than webasm, and a probe this small can hide that.
 */

export interface GpuModeMeasurement {
  mode: GpuMode;
  available: boolean;
  /** Best time of one probe launch with readback, in milliseconds (null when it did not run). */
  ms: number | null;
  /** WebGL renderer / WebGPU adapter description where the platform tells it. */
  renderer: string | null;
  software: boolean;
  /** The mode gpu.js actually ran the probe on (it may degrade a kernel to cpu). */
  executed: string | null;
  error: string | null;
}

export interface GpuModeChoice {
  mode: GpuMode;
  measurements: GpuModeMeasurement[];
}

export interface ChooseOptions {
  /** Modes to try (default: all that exist here). */
  modes?: readonly GpuMode[];
  /** Timed launches per mode (default 3). */
  repeats?: number;
}

const PROBE_BLOCKS = 4096;

export async function chooseGpuMode(options: ChooseOptions = {}): Promise<GpuModeChoice> {
  const present = await availableModes();
  const wanted = options.modes ?? GPU_MODES;
  const repeats = Math.max(1, Math.floor(options.repeats ?? 3));
  const measurements: GpuModeMeasurement[] = [];
  for (const mode of GPU_MODES) {
    if (!wanted.includes(mode)) continue;
    if (!present.includes(mode)) {
      measurements.push({ mode, available: false, ms: null, renderer: null, software: false, executed: null, error: null });
      continue;
    }
    measurements.push(await probe(mode, repeats));
  }
  return { mode: pickGpuMode(measurements), measurements };
}

/**
 * The decision rule, separate from the timing: the fastest mode that ran on its own backend; software
 * renderers only where webasm did not run; ties go to the earlier mode in GPU_MODES. cpu when nothing ran.
 */
export function pickGpuMode(measurements: readonly GpuModeMeasurement[]): GpuMode {
  const ran = measurements.filter((m) => m.available && m.error === null && m.ms !== null && Number.isFinite(m.ms));
  const honest = ran.filter((m) => m.executed === null || m.executed === m.mode);
  const webasm = honest.some((m) => m.mode === 'webasm');
  const eligible = honest.filter((m) => !(m.software && webasm));
  if (eligible.length === 0) return 'cpu';
  const rank = (mode: GpuMode) => GPU_MODES.indexOf(mode);
  return eligible.reduce((best, m) => (m.ms! < best.ms! || (m.ms === best.ms && rank(m.mode) < rank(best.mode)) ? m : best)).mode;
}

async function probe(mode: GpuMode, repeats: number): Promise<GpuModeMeasurement> {
  let gpu: GPU | null = null;
  try {
    gpu = createGpu(mode);
    const kernel = (gpu as any).createKernel(rngBlocksKernel, {
      output: [4, PROBE_BLOCKS],
      constants: RNG_CONSTANTS,
      functions: LIMB_FUNCTIONS,
      precision: 'single',
      tactic: 'precision',
    });
    await kernel(0, 1, 2, 3, 4, 5);
    let best = Infinity;
    for (let r = 0; r < repeats; r++) {
      const start = performance.now();
      await kernel(r + 1, 1, 2, 3, 4, 5);
      best = Math.min(best, performance.now() - start);
    }
    const executed = executedMode(kernel);
    const { renderer, software } = await describeRenderer(mode, kernel);
    return { mode, available: true, ms: best, renderer, software, executed, error: null };
  } catch (error) {
    return { mode, available: true, ms: null, renderer: null, software: false, executed: null, error: String((error as Error)?.message ?? error) };
  } finally {
    try {
      await (gpu as any)?.destroy?.();
    } catch {
      // A context that failed to start has nothing to release.
    }
  }
}

async function describeRenderer(mode: GpuMode, kernel: any): Promise<{ renderer: string | null; software: boolean }> {
  if (mode === 'webgpu') return describeAdapter(await (globalThis as any).navigator?.gpu?.requestAdapter?.());
  if (mode === 'webgl' || mode === 'webgl2' || mode === 'headlessgl') return describeGl(kernel?.kernel?.context ?? kernel?.context);
  return { renderer: null, software: false };
}
