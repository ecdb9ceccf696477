import type { GPU } from 'gpu.js';
import { createEngine } from './engine.js';
import type { GridLayout } from './layout.js';
import type { GpuMode } from './modes.js';

/**
 * A short measured run of a layout's Monte Carlo: the kernels compiled and the first block run (the start-up a
 * real run pays once), then whole blocks until `budgetMs` has passed (at least one). Rates are Metropolis
 * proposals (chains × n per sweep) and local-field updates (each proposal reads the chain's P fields).
 */
export interface GpuRate {
  mode: GpuMode;
  /** Kernel compilation, the initial state and the first block, in seconds. */
  startSeconds: number;
  sweepsPerSecond: number;
  proposalsPerSecond: number;
  fieldUpdatesPerSecond: number;
  sweeps: number;
  executor: string;
  executed: string[];
}

export async function measureLayoutRate(gpu: GPU, mode: GpuMode, layout: GridLayout, budgetMs: number): Promise<GpuRate> {
  const engine = createEngine(gpu, mode, layout);
  try {
    const begin = performance.now();
    let state = await engine.init();
    const count = engine.blockSweeps;
    state = (await engine.block(state, 0, count, { measureFrom: count, refresh: false })).state;
    // A device queue runs ahead of the host: the first observables read back wait for every launch before them.
    await engine.measure(state);
    const started = performance.now();
    let sweeps = 0;
    do {
      state = (await engine.block(state, count + sweeps, count, { measureFrom: count - 1, refresh: false })).state;
      sweeps += count;
    } while (performance.now() - started < budgetMs);
    const seconds = (performance.now() - started) / 1000;
    const sweepsPerSecond = sweeps / seconds;
    let fields = 0;
    for (const row of layout.info) fields += row[1]!;
    return {
      mode,
      startSeconds: (started - begin) / 1000,
      sweepsPerSecond,
      proposalsPerSecond: sweepsPerSecond * layout.chains * layout.n,
      fieldUpdatesPerSecond: sweepsPerSecond * layout.n * fields,
      sweeps,
      executor: engine.executor,
      executed: engine.executed,
    };
  } finally {
    engine.destroy();
  }
}
