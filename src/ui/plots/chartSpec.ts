/** What a chart shows, independent of uPlot: the lab says what, plots/ decides how. */
import type { AlignedSeries, Band, Marker } from '../../labs/index.js';

export interface LineSpec {
  key: string;
  label: string;
  color: string;
  style: 'step' | 'line' | 'points' | 'bars';
  fill?: string;
  dash?: number[];
  width?: number;
  /** Join a line over nulls (default false: a null breaks it). */
  spanGaps?: boolean;
  /** Listed in the legend (default true); a line that only connects another series' points is not. */
  legend?: boolean;
}

export interface ChartSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Both axes logarithmic; `xLog` / `yLog` set one axis and win over `log`. */
  log?: boolean;
  xLog?: boolean;
  yLog?: boolean;
  /** Fixed ends of an axis; null: fitted to the data. */
  xRange?: [number | null, number | null];
  yRange?: [number | null, number | null];
  lines: LineSpec[];
  /** Error bars: half-widths in ys[by] around ys[of]. */
  errorBars?: { of: string; by: string; color: string };
  height?: number;
  /** x values are whole-number categories (bars over counts): ticks on whole numbers only. */
  categories?: boolean;
}

export interface ChartData {
  series: AlignedSeries;
  markers?: Marker[];
  bands?: Band[];
}

/**
 * Data already aligned for uPlot (the lessons' figures, whose series each have their own x): one column per line of
 * the spec. In a column, null breaks a line and undefined means "this series has no point at this x" (joined over).
 */
export interface AlignedChartData {
  x: number[];
  columns: (number | null | undefined)[][];
  errorBars?: ErrorBars[];
  /** Shaded y intervals along a curve (a series drawn as a band). */
  yBands?: YBand[];
}

export interface ErrorBars {
  low: (number | null)[];
  high: (number | null)[];
  color: string;
}

export interface YBand {
  x: number[];
  low: number[];
  high: number[];
  color: string;
}

export function isAligned(data: ChartData | AlignedChartData): data is AlignedChartData {
  return 'columns' in data;
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

/** The error bars of the spec's `errorBars` over lab data: low and high ends, null where either value is missing. */
export function errorBarsOf(spec: ChartSpec, data: ChartData): ErrorBars[] {
  const bars = spec.errorBars;
  const of = bars ? data.series.ys[bars.of] : undefined;
  const by = bars ? data.series.ys[bars.by] : undefined;
  if (!bars || !of || !by) return [];
  const ok = (i: number) => Number.isFinite(of[i]) && Number.isFinite(by[i]);
  return [{ low: Array.from(of, (v, i) => (ok(i) ? v - by[i] : null)), high: Array.from(of, (v, i) => (ok(i) ? v + by[i] : null)), color: bars.color }];
}

/** Every y value that error bars and y bands reach: the y axis must show them as well as the lines. */
export function overlayYValues(errorBars: ErrorBars[] = [], yBands: YBand[] = []): (number | null)[] {
  const out: (number | null)[] = [];
  for (const e of errorBars) out.push(...e.low, ...e.high);
  for (const b of yBands) out.push(...b.low, ...b.high);
  return out;
}
