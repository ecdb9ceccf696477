import * as gpujs from 'gpu.js';
import type { GPU } from 'gpu.js';
import { decideKernel } from './kernels/decide.js';
import { decideSphereKernel } from './kernels/decideSphere.js';
import { refreshSphereKernel } from './kernels/refreshSphere.js';
import { updateSphereKernel } from './kernels/updateSphere.js';
import { LIMB_FUNCTIONS, SPHERE_FUNCTIONS } from './helpers.js';
import { measureKernel } from './kernels/measure.js';
import { driftKernel, refreshKernel } from './kernels/refresh.js';
import { updateKernel } from './kernels/update.js';
import { SLOT_WIDTH, type GridLayout } from './layout.js';
import { executedMode, isDeviceMode, type GpuMode } from './modes.js';
import { M0, M1, W0, W1 } from './philox24.js';

/**
 * The compiled kernels of one grid and the launches of one Monte Carlo step, for all chains at once:
 * decide (one thread per chain) then update (one thread per chain × state element). On device modes the state
 * and the decisions stay in textures/buffers (pipeline), and only measurements and drifts are read back.
 *
 * No kernel ever reads its own output buffer: the update kernel has two instances used alternately (gpu.js
 * reuses a kernel's output between calls), and refresh and init have their own.
 *
 * Spherical grids use decideSphere/updateSphere/refreshSphere (a pair rotation per proposal, J renormalised at
 * every refresh); the decision is then a [3, chains] output (code, J_i', J_j').
 *
 * LOOP_BODIES: gpu.js drops the braces of a block that is the branch of an `if` forming the whole body of a
 * loop (its code generators strip a loop body's own braces and take that block for it), so in
 * `for (…) { if (mu < p) { a; b; } }` only `a` stays conditional. Bundlers (vite, esbuild) remove the outer
 * braces as redundant even without minification, which is how a bundled page came to count every example of
 * the grid's largest P on webgl, webgl2 and the browser's cpu build. Kernels therefore mask loops with an early
 * `if (mu >= p) break;` in a body of several statements, which no bundler can unwrap.
 */

type Launch = (...args: unknown[]) => unknown;

export interface GridEngine {
  mode: GpuMode;
  /** The modes the kernels actually run on (gpu.js may degrade a kernel and say so). */
  executed: string[];
  init(): Promise<unknown>;
  /** One proposal of every chain at global step t. */
  step(state: unknown, t: number): Promise<unknown>;
  refresh(state: unknown): Promise<{ state: unknown; drift: Float32Array }>;
  measure(state: unknown): Promise<Float32Array[]>;
  destroy(): void;
}

const TWO_POW_24 = 16777216;

export function createEngine(gpu: GPU, mode: GpuMode, layout: GridLayout): GridEngine {
  const { n, pMax, width, chains } = layout;
  const device = isDeviceMode(mode);
  const sphere = layout.grid.weights === 'spherical';
  const constants = { n, pMax, m0: M0, m1: M1, w0: W0, w1: W1, slotWidth: SLOT_WIDTH };
  const base = {
    constants,
    precision: 'single',
    tactic: 'precision',
    loopMaxIterations: Math.max(1000, pMax, n) + 1,
  };
  const make = (fn: unknown, output: number[], pipeline: boolean, functions: unknown[] = []): Launch =>
    (gpu as any).createKernel(fn, { ...base, output, pipeline: pipeline && device, functions }) as Launch;

  const decide = sphere ? make(decideSphereKernel, [3, chains], true, SPHERE_FUNCTIONS) : make(decideKernel, [chains], true, LIMB_FUNCTIONS);
  const update = sphere ? updateSphereKernel : updateKernel;
  const refresh = sphere ? refreshSphereKernel : refreshKernel;
  const updates = [make(update, [width, chains], true), make(update, [width, chains], true)];
  const refreshK = make(refresh, [width, chains], true);
  const initK = make(refresh, [width, chains], true);
  const drift = make(driftKernel, [chains], false);
  const measureK = make(measureKernel, [4, chains], false);
  // gpu.js types `input` as a type alias although the package exports a function.
  const data = (gpujs as unknown as { input: (v: Float32Array, size: number[]) => unknown }).input(layout.data, [pMax, n, layout.grid.samples]);
  const teachers = layout.teachers;
  const info = layout.info;
  let parity = 0;
  const all = [decide, ...updates, refreshK, initK, drift, measureK];

  return {
    mode,
    get executed() {
      return [...new Set(all.map(executedMode))];
    },
    init: async () => initK(layout.initial, data, info),
    async step(state, t) {
      const decision = await decide(state, data, info, t % TWO_POW_24, Math.floor(t / TWO_POW_24));
      parity ^= 1;
      return updates[parity]!(state, data, info, decision);
    },
    async refresh(state) {
      const next = await refreshK(state, data, info);
      const drifts = (await drift(state, next, info)) as Float32Array;
      return { state: next, drift: drifts };
    },
    measure: async (state) => (await measureK(state, info, teachers)) as Float32Array[],
    destroy() {
      for (const k of all) (k as any).destroy?.();
    },
  };
}
