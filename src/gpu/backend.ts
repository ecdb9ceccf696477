import type { GPU } from 'gpu.js';
import type { CellParams, CellResult } from '../core/vsdl/index.js';
import { throwIfAborted, type AbortSignalLike } from '../core/vsdl/abort.js';
import { chooseGpuMode, type GpuModeChoice } from './choose.js';
import type { LayerBatchLearner } from '../core/layer/index.js';
import { createEngine, type GridEngine } from './engine.js';
import { buildLayerLayout, learnedLayers } from './layer.js';
import { buildLayout, type GridLayout } from './layout.js';
import { hostRows } from './readback.js';
import { checkMode, createGpu, type GpuMode } from './modes.js';
import { checkGrid, GPU_DEFAULT_SWEEPS, type GridOptions } from './params.js';
import { runInfo, summarizeGrid, type GpuCellResult } from './results.js';
import { simulate, type RawSeries, type Schedule } from './simulate.js';
import type { Start, TeacherSpec, Weights } from '../core/vsdl/types.js';
import type { Seed } from '../core/random/index.js';

export interface GpuBackendOptions {
  /** A gpu.js mode, or 'auto' (default): chooseGpuMode() measures the available ones once, on first use. */
  mode?: GpuMode | 'auto';
}

export interface RunControl {
  signal?: AbortSignalLike;
  onProgress?: (fraction: number) => void;
}

/** One cell as a sweep hands it over (the argument of runCell without its drive options). */

export type GridRunOptions = GridOptions & RunControl;

export interface GpuBackend {
  name: string;
  /** The mode in use and what chooseGpuMode measured (null when the mode was given). Resolves on first use. */
  choice(): Promise<{ mode: GpuMode; measured: GpuModeChoice | null }>;
  /** One cell (the SweepBackend contract); unset sweep counts become GPU_DEFAULT_SWEEPS (no automatic schedule). */
  runCell(params: CellParams, control?: RunControl): Promise<CellResult & GpuCellResult>;
  /** A whole (α, τ) grid in shared launches: one result per cell, τ-major. */
  runGrid(options: GridRunOptions): Promise<GpuCellResult[]>;
  /**
   * Cells of one sweep (equal but for α, τ and start), in the order given: one grid run per start over the
   * cells' α and τ values. A cell's numbers do not depend on the grid it runs in, so the extra cells of the
   * bounding grid change nothing.
   */
  runCells(cells: readonly CellParams[], control?: RunControl): Promise<(CellResult & GpuCellResult)[]>;
  /** The layer model's batch learner (runLayerSweep's `learner`): every row of every cell in shared launches. */
  layerLearner: LayerBatchLearner;
  destroy(): Promise<void>;
}

/**
 * The GPU path of the VSDL Monte Carlo (Ising or spherical students, perceptron grids and layer maps): every chain
 * of every cell, sample and replica advances together, in blocks of sweeps (engine.ts). Runs are serialized on one
 * gpu.js instance.
 */
export function createGpuBackend(options: GpuBackendOptions = {}): GpuBackend {
  const requested = options.mode === undefined || options.mode === 'auto' ? 'auto' : checkMode(options.mode);
  let ready: Promise<{ mode: GpuMode; measured: GpuModeChoice | null; gpu: GPU }> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const ensure = () =>
    (ready ??= (async () => {
      const measured = requested === 'auto' ? await chooseGpuMode() : null;
      const mode = measured ? measured.mode : (requested as GpuMode);
      return { mode, measured, gpu: createGpu(mode) };
    })());

  /** One run at a time on the shared gpu.js instance (the mode is chosen on the first). */
  function serialized<T>(control: RunControl, body: (gpu: GPU, mode: GpuMode) => Promise<T>): Promise<T> {
    throwIfAborted(control.signal);
    const run = queue.then(async () => {
      const { mode, gpu } = await ensure();
      return body(gpu, mode);
    });
    queue = run.catch(() => undefined);
    return run;
  }

  /** A layout's fixed schedule on its own engine; `finish` reads the result before the kernels are released. */
  async function simulateLayout<T>(gpu: GPU, mode: GpuMode, layout: GridLayout, schedule: Schedule, control: RunControl, finish: (engine: GridEngine, raw: RawSeries) => Promise<T>): Promise<T> {
    const engine = createEngine(gpu, mode, layout);
    try {
      const raw = await simulate(engine, layout, schedule, control);
      return await finish(engine, raw);
    } finally {
      engine.destroy();
    }
  }

  async function runGrid(options: GridRunOptions): Promise<GpuCellResult[]> {
    const grid = checkGrid(options);
    const control = { signal: options.signal, onProgress: options.onProgress };
    return serialized(control, (gpu, mode) => {
      const layout = buildLayout(grid);
      return simulateLayout(gpu, mode, layout, grid, control, async (engine, raw) => summarizeGrid(layout, raw, runInfo(engine, raw)));
    });
  }

  const layerLearner: LayerBatchLearner = {
    learnCells(batch) {
      const control = { signal: batch.signal, onProgress: batch.onProgress };
      return serialized(control, (gpu, mode) => {
        const built = buildLayerLayout(batch);
        return simulateLayout(gpu, mode, built.layout, built.schedule, control, async (_, raw) => learnedLayers(batch, built, raw, await hostRows(raw.state)));
      });
    },
  };

  return {
    name: 'gpu',
    async choice() {
      const { mode, measured } = await ensure();
      return { mode, measured };
    },
    async runCell(params, control = {}) {
      if (params === null || typeof params !== 'object') throw new TypeError('runCell expects a parameter object');
      const schedule = params.schedule ?? {};
      const [result] = await runGrid({
        weights: params.weights,
        n: params.n,
        alphas: [params.alpha],
        taus: [params.tau],
        noise: params.noise,
        samples: params.samples,
        seed: params.seed,
        teacher: params.teacher,
        start: params.start,
        equilibrationSweeps: schedule.equilibrationSweeps ?? GPU_DEFAULT_SWEEPS.equilibrationSweeps,
        measurementSweeps: schedule.measurementSweeps ?? GPU_DEFAULT_SWEEPS.measurementSweeps,
        signal: control.signal,
        onProgress: control.onProgress,
      });
      return result!;
    },
    runGrid,
    layerLearner,
    async runCells(cells, control = {}) {
      const results = new Array<CellResult & GpuCellResult>(cells.length);
      const starts = [...new Set(cells.map((cell) => cell.start ?? 'mixed'))];
      for (const [g, start] of starts.entries()) {
        const members = cells.flatMap((cell, k) => ((cell.start ?? 'mixed') === start ? [k] : []));
        const first = cells[members[0]!]!;
        const alphas = [...new Set(members.map((k) => cells[k]!.alpha))];
        const taus = [...new Set(members.map((k) => cells[k]!.tau))];
        const schedule = first.schedule ?? {};
        const grid = await runGrid({
          weights: first.weights,
          n: first.n,
          alphas,
          taus,
          noise: first.noise,
          samples: first.samples,
          seed: first.seed,
          teacher: first.teacher,
          start,
          equilibrationSweeps: schedule.equilibrationSweeps ?? GPU_DEFAULT_SWEEPS.equilibrationSweeps,
          measurementSweeps: schedule.measurementSweeps ?? GPU_DEFAULT_SWEEPS.measurementSweeps,
          signal: control.signal,
          onProgress: control.onProgress && ((fraction) => control.onProgress!((g + fraction) / starts.length)),
        });
        for (const k of members) {
          const cell = cells[k]!;
          results[k] = grid[taus.indexOf(cell.tau) * alphas.length + alphas.indexOf(cell.alpha)] as CellResult & GpuCellResult;
        }
      }
      return results;
    },
    async destroy() {
      if (!ready) return;
      const { gpu } = await ready;
      await (gpu as any).destroy?.();
      ready = null;
    },
  };
}
