import { throwIfAborted, type AbortSignalLike } from '../core/vsdl/abort.js';
import type { GridEngine } from './engine.js';
import type { GridLayout } from './layout.js';
import { WidthTuner } from './width.js';

/**
 * The fixed schedule of a grid run: equilibration sweeps, then measurement sweeps, every chain in lockstep (a
 * sweep is n proposals). Every REFRESH_SWEEPS sweeps the fields are recomputed from J and the largest
 * correction is recorded. After each measurement sweep E, J·T, J·J' and the acceptance counter of every chain
 * are read back. Spherical grids also read them after each equilibration sweep, to tune the rotation widths
 * (width.ts).
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
  launches: number;
}

export interface SimulateControl {
  signal?: AbortSignalLike;
  onProgress?: (fraction: number) => void;
}

export async function simulate(engine: GridEngine, layout: GridLayout, control: SimulateControl): Promise<RawSeries> {
  const { n, chains } = layout;
  const { equilibrationSweeps, measurementSweeps } = layout.grid;
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
    launches: 0,
  };
  throwIfAborted(control.signal);
  let state = await engine.init();
  raw.launches++;
  const tuner = layout.grid.weights === 'spherical' && equilibrationSweeps > 0 ? new WidthTuner(layout, await engine.measure(state)) : null;
  let lastCounter: Float64Array | null = null;
  let lastYield = performance.now();
  let step = 0;
  for (let sweep = 0; sweep < total; sweep++) {
    if (sweep === equilibrationSweeps) lastCounter = Float64Array.from(await engine.measure(state), (row) => row[3]!);
    for (let j = 0; j < n; j++) state = await engine.step(state, step++);
    raw.launches += 2 * n;
    if ((sweep + 1) % GPU_REFRESH_SWEEPS === 0) {
      const refreshed = await engine.refresh(state);
      state = refreshed.state;
      for (const d of refreshed.drift) raw.maxDrift = Math.max(raw.maxDrift, d);
      raw.refreshes++;
      raw.launches += 2;
    }
    if (tuner && sweep < equilibrationSweeps) {
      tuner.update(await engine.measure(state));
      raw.launches++;
    }
    if (sweep >= equilibrationSweeps) {
      const t = sweep - equilibrationSweeps;
      const rows = await engine.measure(state);
      raw.launches++;
      for (let c = 0; c < chains; c++) {
        const row = rows[c]!;
        raw.energy[c]![t] = row[0]!;
        raw.dotTeacher[c]![t] = row[1]!;
        raw.dotPartner[c]![t] = row[2]!;
        // The counter wraps at 2^24; at most n < 2^24 acceptances happen between two readings.
        raw.accepted[c]! += (row[3]! - lastCounter![c]! + TWO_POW_24) % TWO_POW_24;
        lastCounter![c] = row[3]!;
      }
    }
    if (performance.now() - lastYield >= YIELD_MS) {
      control.onProgress?.((sweep + 1) / total);
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      throwIfAborted(control.signal);
      lastYield = performance.now();
    }
  }
  control.onProgress?.(1);
  return raw;
}
