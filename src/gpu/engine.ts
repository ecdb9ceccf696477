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
 * The compiled kernels of one grid and the blocks of sweeps they run, for all chains at once. A proposal is two
 * kernels: decide (one thread per chain) then update (one thread per chain × state element); a block is up to
 * `blockSweeps` sweeps of n proposals each, the observables after each sweep, and a field refresh at its end.
 *
 * Two executors run the same kernels with the same arguments, so their results are bit-identical:
 * - plan (webgpu, webasm): a block is one gpu.js pipeline (createPipeline), compiled once per grid. On webgpu
 *   every proposal of the block is a compute pass of ONE command buffer (one submit, one readback); on webasm the
 *   passes run back to back over one WebAssembly memory. The state goes in and comes out once per block.
 * - launches (webgl2, webgl, headlessgl, cpu): one call per kernel; on the GL modes the state and the decisions
 *   stay in textures between launches (pipeline), and only the observables and drifts are read back.
 * A WebGL pipeline has no fused executor (gpu.js replays it launch by launch), so there a plan would only add the
 * state's upload and readback.
 *
 * Proposal j of sweep g uses the chain's Philox4x24 block with counter (j, g): the block's first sweep and its
 * active sweep count travel in a small `clock` array (one upload per block), j and the sweep's offset s are
 * literals fixed when the plan is compiled. A plan compiled for S sweeps runs shorter blocks with sweeps s ≥ the
 * active count deciding nothing (a copy of the state).
 *
 * No kernel ever reads its own output buffer: the update kernel has two instances used alternately (gpu.js
 * reuses a kernel's output between calls), and refresh and init have their own; a plan double-buffers by itself.
 *
 * Spherical grids use decideSphere/updateSphere/refreshSphere (a pair rotation per proposal, J renormalised at
 * every refresh); the decision is then a [3, chains] output (code, J_i', J_k').
 *
 * LOOP_BODIES: gpu.js drops the braces of a block that is the branch of an `if` forming the whole body of a
 * loop (its code generators strip a loop body's own braces and take that block for it), so in
 * `for (…) { if (mu < p) { a; b; } }` only `a` stays conditional. Bundlers (vite, esbuild) remove the outer
 * braces as redundant even without minification, which is how a bundled page came to count every example of
 * the grid's largest P on webgl, webgl2 and the browser's cpu build. Kernels therefore mask loops with an early
 * `if (mu >= p) break;` in a body of several statements, which no bundler can unwrap.
 */

type Launch = (...args: unknown[]) => unknown;

export interface BlockOptions {
  /** Block-relative index of the first sweep after which the observables are wanted (≥ count: none). */
  measureFrom: number;
  /** Recompute the fields after the last sweep (the block ends on a refresh period). */
  refresh: boolean;
}

export interface BlockResult {
  state: unknown;
  /** Rows of the measure kernel after sweep s of the block: for s ≥ measureFrom, else null. */
  measures: (Float32Array[] | null)[];
  /** Per chain, the largest field correction of the refresh (null without one). */
  drift: Float32Array | null;
}

export interface GridEngine {
  mode: GpuMode;
  /** The modes the kernels actually run on (gpu.js may degrade a kernel and say so). */
  readonly executed: string[];
  /** 'launches', or the gpu.js pipeline executor of the plans ('fused-encoder', 'fused-sync', …). */
  readonly executor: string;
  /** Most sweeps one block may hold. */
  blockSweeps: number;
  /** Kernel launches so far (a plan's passes counted one by one). */
  readonly launches: number;
  init(): Promise<unknown>;
  /** Sweeps first … first + count − 1 (count ≤ blockSweeps) of every chain. */
  block(state: unknown, first: number, count: number, options: BlockOptions): Promise<BlockResult>;
  /** Proposal j of sweep `sweep` alone (a decide and an update launch): for comparisons with the CPU twins. */
  step(state: unknown, sweep: number, j: number): Promise<unknown>;
  measure(state: unknown): Promise<Float32Array[]>;
  destroy(): void;
}

/** Executor per mode: plans where gpu.js fuses them into one submission or one WebAssembly memory. */
export function usesPlans(mode: GpuMode): boolean {
  return mode === 'webgpu' || mode === 'webasm';
}

/** Largest number of kernel passes in one compiled plan (compilation costs grow with it). */
const PLAN_PASSES = 4096;

/**
 * Sweeps per block: on webgpu as many as fit PLAN_PASSES (a power of two ≤ 16, so blocks tile the refresh period);
 * on webasm one (its plans compile per pass, slowly, and a longer plan buys little there); one for launches.
 */
export function blockSweepsFor(mode: GpuMode, n: number): number {
  if (mode !== 'webgpu') return 1;
  let sweeps = 16;
  while (sweeps > 1 && sweeps * 2 * n > PLAN_PASSES) sweeps /= 2;
  return sweeps;
}

export function createEngine(gpu: GPU, mode: GpuMode, layout: GridLayout): GridEngine {
  const { n, pMax, width, chains } = layout;
  const device = isDeviceMode(mode);
  const plans = usesPlans(mode);
  const sphere = layout.weights === 'spherical';
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
  // A plan takes its state as host arrays (a device handle would undo webgpu's fusion), so init reads back there.
  const initK = make(refresh, [width, chains], !plans);
  const drift = make(driftKernel, [chains], false);
  const measureK = make(measureKernel, [4, chains], false);
  // gpu.js types `input` as a type alias although the package exports a function.
  const data = (gpujs as unknown as { input: (v: Float32Array, size: number[]) => unknown }).input(layout.data, [pMax, n, layout.problems]);
  const { teachers, info } = layout;
  const kernels = [decide, ...updates, refreshK, initK, drift, measureK];
  const blockSweeps = plans ? blockSweepsFor(mode, n) : 1;
  const compiled = new Map<number, Launch & { executorKind?: string; destroy?: () => void }>();
  let launches = 0;
  let parity = 0;

  /** The plan of `sweeps` sweeps: [state, drift, observables after sweep 0, 1, …]. */
  function plan(sweeps: number) {
    let found = compiled.get(sweeps);
    if (!found) {
      found = (gpu as any).createPipeline(function (state: unknown, data: unknown, info: unknown, teachers: unknown, clock: unknown) {
        let s = state;
        const observed: unknown[] = [];
        for (let k = 0; k < sweeps; k++) {
          for (let j = 0; j < n; j++) s = updates[0]!(s, data, info, decide(s, data, info, clock, j, k));
          observed.push(measureK(s, info, teachers));
        }
        const next = refreshK(s, data, info, clock);
        return [next, drift(s, next, info), ...observed];
      });
      compiled.set(sweeps, found!);
    }
    return found!;
  }

  async function planBlock(state: unknown, first: number, count: number, options: BlockOptions): Promise<BlockResult> {
    // A single sweep (spherical equilibration tunes its widths after each one) gets its own short plan.
    const sweeps = count === 1 ? 1 : blockSweeps;
    const clock = Float32Array.of(first, count, options.refresh ? 1 : 0);
    const [next, drifts, ...observed] = (await plan(sweeps)(state, data, info, teachers, clock)) as unknown[];
    launches += sweeps * (2 * n + 1) + 2;
    return {
      state: next,
      measures: Array.from({ length: count }, (_, s) => (s >= options.measureFrom ? (observed[s] as Float32Array[]) : null)),
      drift: options.refresh ? (drifts as Float32Array) : null,
    };
  }

  async function launchBlock(state: unknown, first: number, count: number, options: BlockOptions): Promise<BlockResult> {
    const clock = Float32Array.of(first, count, options.refresh ? 1 : 0);
    const measures: (Float32Array[] | null)[] = [];
    for (let s = 0; s < count; s++) {
      for (let j = 0; j < n; j++) {
        const decision = await decide(state, data, info, clock, j, s);
        parity ^= 1;
        state = await updates[parity]!(state, data, info, decision);
      }
      launches += 2 * n;
      measures.push(s >= options.measureFrom ? await measure(state) : null);
    }
    if (!options.refresh) return { state, measures, drift: null };
    const next = await refreshK(state, data, info, clock);
    const drifts = (await drift(state, next, info)) as Float32Array;
    launches += 2;
    return { state: next, measures, drift: drifts };
  }

  async function measure(state: unknown): Promise<Float32Array[]> {
    launches++;
    return (await measureK(state, info, teachers)) as Float32Array[];
  }

  return {
    mode,
    get executed() {
      return [...new Set(kernels.map(executedMode))];
    },
    get executor() {
      if (!plans) return 'launches';
      const kinds = [...compiled.values()].map((p) => p.executorKind ?? 'generic');
      return kinds.length === 0 ? 'plan' : [...new Set(kinds)].join(', ');
    },
    blockSweeps,
    get launches() {
      return launches;
    },
    init: async () => {
      launches++;
      return initK(layout.initial, data, info, Float32Array.of(0, 0, 1));
    },
    block: plans ? planBlock : launchBlock,
    async step(state, sweep, j) {
      const decision = await decide(state, data, info, Float32Array.of(sweep, 1, 0), j, 0);
      parity ^= 1;
      launches += 2;
      return updates[parity]!(state, data, info, decision);
    },
    measure,
    destroy() {
      for (const p of compiled.values()) p.destroy?.();
      for (const k of kernels) (k as any).destroy?.();
    },
  };
}
