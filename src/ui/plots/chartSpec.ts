/** What a chart shows, independent of uPlot: the lab says what, plots/ decides how. */
import type { Band, Marker, Series } from '../../../workers/compute/types.js';

export interface LineSpec {
  key: string;
  label: string;
  color: string;
  style: 'step' | 'line' | 'points';
  fill?: string;
  dash?: number[];
  width?: number;
}

export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  log?: boolean;
  lines: LineSpec[];
  /** Error bars: half-widths in ys[by] around ys[of]. */
  errorBars?: { of: string; by: string; color: string };
  height?: number;
}

export interface ChartData {
  series: Series;
  markers?: Marker[];
  bands?: Band[];
}

export const MARKER_COLORS: Record<Marker['kind'], string> = {
  mp: '#1f7a1f',
  bbp: '#c2185b',
  tw: '#6a1b9a',
  frechet: '#e65100',
  xmin: '#0d47a1',
  fit: '#455a64',
};

/** uPlot wants null, not NaN, where a series has no value (e.g. empty bins on log axes). */
export function toPlotColumn(values: Float64Array, log: boolean): (number | null)[] {
  const out: (number | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = Number.isFinite(v) && (!log || v > 0) ? v : null;
  }
  return out;
}
