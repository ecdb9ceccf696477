// Page side of test/gpu/browser.test.ts: bundled with the kernels, it runs the GPU path on the modes the
// browser offers and returns plain numbers for the test (in Node) to compare with its own webasm run.
import { availableModes, createGpuBackend, type GridOptions } from '../../../src/gpu/index.js';
import { createGpu, type GpuMode } from '../../../src/gpu/modes.js';
import { philox24BlocksOnGpu } from '../../../src/gpu/rng.js';
import { buildLayout } from '../../../src/gpu/layout.js';
import { checkGrid } from '../../../src/gpu/params.js';
import { createEngine } from '../../../src/gpu/engine.js';
import { edgeLambdaMax } from '../../../src/gpu/edge/draws.js';
import type { EnsembleParams } from '../../../src/core/ensembles/index.js';

/** A kernel result as plain rows: pipelined kernels return textures/buffers, the others arrays of rows. */
async function toRows(x: unknown): Promise<number[][]> {
  const v = await ((x as { toArray?: () => unknown }).toArray ? (x as { toArray: () => unknown }).toArray() : x);
  return Array.from(v as ArrayLike<ArrayLike<number>>, (row) => Array.from(row));
}

const api = {
  modes: async () => availableModes(),
  rng: async (mode: GpuMode, blocks: number, counter: [number, number, number, number], key: [number, number]) =>
    Array.from(await philox24BlocksOnGpu(createGpu(mode), blocks, counter, key)),
  /** The state rows after init and after each of `steps` steps. */
  trace: async (mode: GpuMode, options: GridOptions, steps: number) => {
    const layout = buildLayout(checkGrid(options));
    const engine = createEngine(createGpu(mode), mode, layout);
    let state = await engine.init();
    const states = [await toRows(state)];
    for (let t = 0; t < steps; t++) {
      state = await engine.step(state, Math.floor(t / layout.n), t % layout.n);
      states.push(await toRows(state));
    }
    return { states, executed: engine.executed };
  },
  /** λ_max of the draws, how many Lanczos steps each took, and where it ran. */
  edge: async (mode: GpuMode, draws: EnsembleParams[]) => {
    const result = await edgeLambdaMax(createGpu(mode), mode, { draws });
    return { lambdaMax: Array.from(result.lambdaMax), steps: Array.from(result.steps), executed: result.executed, executor: result.executor, cpuDraws: result.cpuDraws };
  },
  grid: async (mode: GpuMode, options: GridOptions) => {
    const backend = createGpuBackend({ mode });
    try {
      return await backend.runGrid(options);
    } finally {
      await backend.destroy();
    }
  },
};

(globalThis as unknown as { vsdlGpu: typeof api }).vsdlGpu = api;

export type PageApi = typeof api;
