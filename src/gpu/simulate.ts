import { throwIfAborted, type AbortSignalLike } from '../core/vsdl/abort.js';
import type { GridEngine } from './engine.js';
import type { GridLayout } from './layout.js';
import { WidthTuner } from './width.js';

/**
 * The fixed schedule of a run: equilibration sweeps, then measurement sweeps, every chain in lockstep (a sweep
 * is n proposals), in blocks of the engine's size that never cross a refresh period. Every REFRESH_SWEEPS sweeps
 * the fields are recomputed from J and the largest correction is recorded. After each measurement sweep E, J·T,
 * J·J' and the acceptance counter of every chain are read (before that sweep's refresh, if any). Spherical runs
 * also read them after each equilibration sweep, to tune the rotation widths (width.ts), so their equilibration
 * runs one sweep per block.
 */

/** Field refresh period, in sweeps (as the CPU reference: src/core/vsdl/chain.ts REFRESH_SWEEPS). */
export const GPU_REFRESH_SWEEPS = 16;
/** Longest stretch without giving the event loop a turn (responsiveness only: results do not depend on it). */
const YIELD_MS = 50;
const TWO_POW_24 = 16777216;

export interface RawSeries {
  sweeps: number;
  /** Per chain, per measurement sweep. */
  energy: Float64Array[];
  dotTeacher: Float64Array[];
  dotPartner: Float64Array[];
  /** Accepted proposals per chain during measurement. */
  accepted: Float64Array;
  /** Largest |h(incremental) − h(recomputed)| seen at any refresh. */
  maxDrift: number;
  refreshes: number;
  /** The state after the last sweep (host rows or a device handle; see final()). */
  state: unknown;
}

export interface SimulateControl {
  signal?: AbortSignalLike;
  onProgress?: (fraction: number) => void;
}

export interface Schedule {
  equilibrationSweeps: number;
  measurementSweeps: number;
}

export async function simulate(engine: GridEngine, layout: GridLayout, schedule: Schedule, control: SimulateControl): Promise<RawSeries> {
  const { chains } = layout;
  const { equilibrationSweeps, measurementSweeps } = schedule;
  const total = equilibrationSweeps + measurementSweeps;
  const series = (): Float64Array[] => Array.from({ length: chains }, () => new Float64Array(measurementSweeps));
  const raw: RawSeries = {
    sweeps: measurementSweeps,
    energy: series(),
    dotTeacher: series(),
    dotPartner: series(),
    accepted: new Float64Array(chains),
    maxDrift: 0,
    refreshes: 0,
    state: null,
  };
  throwIfAborted(control.signal);
  let state = await engine.init();
  const tuner = layout.weights === 'spherical' && equilibrationSweeps > 0 ? new WidthTuner(layout, await engine.measure(state)) : null;
  // Acceptance counters at the start of measurement.
  let lastCounter: Float64Array | null = equilibrationSweeps === 0 ? Float64Array.from(await engine.measure(state), (row) => row[3]!) : null;
  let lastYield = performance.now();
  for (let sweep = 0; sweep < total; ) {
    const tuning = tuner !== null && sweep < equilibrationSweeps;
    const count = tuning ? 1 : Math.min(engine.blockSweeps, GPU_REFRESH_SWEEPS - (sweep % GPU_REFRESH_SWEEPS), total - sweep);
    const refresh = (sweep + count) % GPU_REFRESH_SWEEPS === 0;
    // Observables from the last equilibration sweep on (its counters start the measurement), or every sweep when tuning.
    const measureFrom = tuning ? 0 : Math.max(0, equilibrationSweeps - 1 - sweep);
    const block = await engine.block(state, sweep, count, { measureFrom, refresh });
    state = block.state;
    block.measures.forEach((rows, s) => {
      const g = sweep + s;
      if (!rows) return;
      if (tuning) tuner!.update(rows);
      if (g === equilibrationSweeps - 1) lastCounter = Float64Array.from(rows, (row) => row[3]!);
      if (g < equilibrationSweeps) return;
      const t = g - equilibrationSweeps;
      for (let c = 0; c < chains; c++) {
        const row = rows[c]!;
        raw.energy[c]![t] = row[0]!;
        raw.dotTeacher[c]![t] = row[1]!;
        raw.dotPartner[c]![t] = row[2]!;
        // The counter wraps at 2^24; at most n < 2^24 acceptances happen between two readings.
        raw.accepted[c]! += (row[3]! - lastCounter![c]! + TWO_POW_24) % TWO_POW_24;
        lastCounter![c] = row[3]!;
      }
    });
    if (block.drift) {
      for (const d of block.drift) raw.maxDrift = Math.max(raw.maxDrift, d);
      raw.refreshes++;
    }
    sweep += count;
    if (performance.now() - lastYield >= YIELD_MS) {
      control.onProgress?.(sweep / total);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      throwIfAborted(control.signal);
      lastYield = performance.now();
    }
  }
  control.onProgress?.(1);
  raw.state = state;
  return raw;
}
