/**
 * A notebook Figure (plain data: each series with its own x) as a chart for the uPlot component: the x values of
 * all series are merged into one grid, where a series without a point is `undefined` (joined over) and a break in
 * a series (NaN, or a value a log axis cannot show) is `null` across the whole break. Error bars and bands become
 * overlays. Only arrangement happens here: every number drawn comes from the notebook's run.
 */
import type { Figure, Series } from '../../report/notebook.js';
import { PALETTE } from '../../report/svg.js';
import type { AlignedChartData, ChartSpec, ErrorBars, LineSpec, YBand } from '../plots/chartSpec.js';

export interface FigureChart {
  spec: ChartSpec;
  data: AlignedChartData;
}

interface Point {
  x: number;
  /** null: a break in the series. */
  y: number | null;
  err?: number;
  /** A break marker (no point of its own). */
  gap?: true;
}

const finite = (v: number | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** The next representable-enough number above x, so that a vertical segment keeps both of its ends. */
function above(x: number): number {
  return x + Math.max(Math.abs(x) * 1e-9, 1e-12);
}

/** A series' points in drawing order, x strictly increasing, with breaks where it cannot be drawn. */
export function seriesPoints(s: Series, xLog: boolean, yLog: boolean): Point[] {
  const pts: Point[] = [];
  let broken = false;
  const n = Math.min(s.x.length, s.y.length);
  for (let i = 0; i < n; i++) {
    const x = s.x[i];
    const y = s.y[i];
    if (!finite(x) || (xLog && x <= 0)) {
      broken = true;
      continue;
    }
    if (broken && pts.length > 0) pts.push({ x: NaN, y: null, gap: true });
    broken = false;
    const drawable = finite(y) && !(yLog && y <= 0);
    pts.push({ x, y: drawable ? y : null, err: s.yErr?.[i] });
  }
  const real = pts.filter((p) => !p.gap);
  const sorted = real.every((p, i) => i === 0 || p.x >= real[i - 1].x);
  const out = sorted ? pts : [...real].sort((a, b) => a.x - b.x);
  // A break sits between its neighbours (geometric middle on a log axis).
  for (let i = 0; i < out.length; i++) {
    if (!out[i].gap) continue;
    const a = out[i - 1].x;
    const b = out[i + 1].x;
    out[i].x = xLog ? Math.sqrt(a * b) : (a + b) / 2;
  }
  for (let i = 1; i < out.length; i++) if (out[i].x <= out[i - 1].x) out[i].x = above(out[i - 1].x);
  return out;
}

function translucent(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  const v = parseInt(m[1], 16);
  return `rgba(${v >> 16}, ${(v >> 8) & 255}, ${v & 255}, ${alpha})`;
}

export function figureToChart(figure: Figure, options: { height?: number } = {}): FigureChart {
  const xLog = figure.x.log ?? false;
  const yLog = figure.y.log ?? false;
  const shown = figure.series.map((s, k) => ({ s, color: s.color ?? PALETTE[k % PALETTE.length] }));
  const points = shown.map(({ s }) => seriesPoints(s, xLog, yLog));

  const x = [...new Set(points.flatMap((pts) => pts.map((p) => p.x)))].sort((a, b) => a - b);
  const index = new Map(x.map((v, i) => [v, i]));

  const lines: LineSpec[] = [];
  const columns: (number | null | undefined)[][] = [];
  const errorBars: ErrorBars[] = [];
  const yBands: YBand[] = [];
  shown.forEach(({ s, color }, k) => {
    const pts = points[k];
    const column: (number | null | undefined)[] = new Array(x.length).fill(undefined);
    pts.forEach((p, j) => {
      const at = index.get(p.x)!;
      column[at] = p.y;
      if (p.y !== null) return;
      // A break covers everything between the series' neighbouring points, so no line is drawn across it.
      const from = j > 0 ? index.get(pts[j - 1].x)! : at;
      const to = j < pts.length - 1 ? index.get(pts[j + 1].x)! : at;
      for (let i = from + 1; i < to; i++) column[i] = null;
    });
    columns.push(column);

    const withErr = s.yErr !== undefined && pts.some((p) => p.y !== null && finite(p.err));
    if (s.kind === 'band') {
      const real = pts.filter((p) => !p.gap);
      yBands.push({
        x: real.map((p) => p.x),
        low: real.map((p) => (p.y !== null && finite(p.err) ? p.y - p.err : NaN)),
        high: real.map((p) => (p.y !== null && finite(p.err) ? p.y + p.err : NaN)),
        color,
      });
    } else if (withErr) {
      const low: (number | null)[] = new Array(x.length).fill(null);
      const high: (number | null)[] = new Array(x.length).fill(null);
      for (const p of pts) {
        if (p.y === null || !finite(p.err)) continue;
        low[index.get(p.x)!] = p.y - p.err;
        high[index.get(p.x)!] = p.y + p.err;
      }
      errorBars.push({ low, high, color });
    }

    // A series without a label (a line through another series' points) is drawn but not listed in the legend.
    const base = { key: `s${k}`, label: s.label, color, legend: s.label.trim() !== '' };
    if (s.kind === 'points') lines.push({ ...base, style: 'points' });
    else if (s.kind === 'bars') lines.push({ ...base, style: 'bars', width: 1, fill: translucent(color, 0.35) });
    else lines.push({ ...base, style: 'line', width: s.theory ? 2.5 : 2 });
  });

  // Bars over whole numbers are categories: a tick per category and half a category of room at each end, so that
  // the outer bars are whole.
  const categories = !xLog && shown.some(({ s }) => s.kind === 'bars') && x.length > 0 && x.every((v) => Number.isInteger(v));
  const spec: ChartSpec = {
    title: figure.title,
    xLabel: figure.x.label,
    yLabel: figure.y.label,
    xLog,
    yLog,
    categories,
    xRange: categories ? [figure.x.min ?? x[0] - 0.5, figure.x.max ?? x[x.length - 1] + 0.5] : [figure.x.min ?? null, figure.x.max ?? null],
    yRange: [figure.y.min ?? null, figure.y.max ?? null],
    lines,
    height: options.height ?? 300,
  };
  const data: AlignedChartData = { x, columns, errorBars, yBands };
  return { spec, data };
}
