/**
 * The ends of a chart's axis, computed here rather than by uPlot, which treats any linear span below 1e-24 as flat
 * (a density of 1e-30 would be drawn on 0…100) and cannot be told otherwise. All values are in the units uPlot
 * draws (axisScale.ts).
 */
import uPlot from 'uplot';

export interface AxisRangeInput {
  /** The series' smallest and largest values on this axis, as uPlot found them (null without data). */
  dataMin: number | null;
  dataMax: number | null;
  /** Fixed ends from the spec; null: fitted to the data. */
  fixed?: [number | null, number | null];
  log: boolean;
  /** Leave a margin of 5% beyond the data (linear axes; the y axis). */
  pad: boolean;
  /** Further values the axis must show: the ends of error bars and bands, which uPlot does not see. */
  extra?: Iterable<number | null | undefined>;
}

/** [low, high] of the axis: a fixed end where the spec gives one; elsewhere the data's and the extras', padded. */
export function axisRange({ dataMin, dataMax, fixed, log, pad, extra = [] }: AxisRangeInput): [number, number] {
  const fixedLo = fixed?.[0] ?? null;
  const fixedHi = fixed?.[1] ?? null;
  let lo = dataMin;
  let hi = dataMax;
  for (const v of extra) {
    if (v === null || v === undefined || !Number.isFinite(v) || (log && v <= 0)) continue;
    if (lo === null || v < lo) lo = v;
    if (hi === null || v > hi) hi = v;
  }
  const from = lo ?? fixedLo ?? (log ? 1 : 0);
  const to = hi ?? fixedHi ?? (log ? 10 : 1);
  const [a, b] = log ? uPlot.rangeLog(from, to, 10, true) : linearRange(from, to, pad);
  return [fixedLo ?? a ?? from, fixedHi ?? b ?? to];
}

function linearRange(lo: number, hi: number, pad: boolean): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) {
    const half = Math.abs(hi) * 0.1 || 1;
    return [lo - half, hi + half];
  }
  if (!pad) return [lo, hi];
  const margin = (hi - lo) * 0.05;
  // Non-negative data (densities, fractions) keep 0 as their floor.
  return [lo >= 0 && lo - margin < 0 ? 0 : lo - margin, hi + margin];
}
