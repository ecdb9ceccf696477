/**
 * SVG exports written from a chart's data and spec (uPlot draws to a canvas, which has no vector form): axes with
 * ticks, series as polylines, steps, bars or points, markers, bands and error bars, a legend, and the provenance
 * (seed, parameters, software) as <metadata> JSON plus a comment. No dependency; display only.
 */
import { errorBarsOf, isAligned, MARKER_COLORS, overlayYValues, type AlignedChartData, type ChartData, type ChartSpec } from '../plots/chartSpec.js';
import { viridis } from '../plots/colormap.js';
import type { BoundaryLine, HeatCell, HeatTile, PhaseLinePoint } from '../plots/heatmapTypes.js';
import { linearTicks, logTicks, tickLabel } from '../../report/ticks.js';

export interface SvgSize {
  width: number;
  height: number;
}

type Column = (number | null | undefined)[];

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

const num = (x: number): string => String(Math.round(x * 100) / 100);

function json(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
}

/** Provenance: a comment (seed and software, readable at a glance) and the whole record as <metadata> JSON. */
export function svgMetadata(meta: Record<string, unknown>): string {
  const software = meta.software as { name?: string; version?: string } | undefined;
  const line = `seed: ${String(meta.seed)}; ${software?.name ?? ''} ${software?.version ?? ''}`.replace(/--/g, '- -');
  return `<!-- ${escapeXml(line)} -->\n<metadata id="provenance">${escapeXml(json(meta))}</metadata>\n`;
}

interface Scale {
  lo: number;
  hi: number;
  log: boolean;
}

function extent(values: Iterable<number | null | undefined>, log: boolean): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v) || (log && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

function scaleOf(found: [number, number] | null, fixed: [number | null, number | null] | undefined, log: boolean, pad: boolean): Scale {
  let [lo, hi] = found ?? (log ? [1, 10] : [0, 1]);
  if (log) {
    lo = 10 ** Math.floor(Math.log10(lo));
    hi = 10 ** Math.ceil(Math.log10(hi));
    if (hi <= lo) hi = lo * 10;
  } else {
    if (hi <= lo) [lo, hi] = [lo - 0.5, hi + 0.5];
    if (pad) {
      const margin = (hi - lo) * 0.05;
      hi += margin;
      lo = lo >= 0 && lo - margin < 0 ? 0 : lo - margin;
    }
  }
  return { lo: fixed?.[0] ?? lo, hi: fixed?.[1] ?? hi, log };
}

function project(s: Scale, v: number, from: number, to: number): number {
  const t = s.log ? (Math.log10(v) - Math.log10(s.lo)) / (Math.log10(s.hi) - Math.log10(s.lo)) : (v - s.lo) / (s.hi - s.lo);
  return from + t * (to - from);
}

/** The chart's columns as the canvas sees them: one per line of the spec; NaN (and ≤ 0 on a log axis) become null. */
function columnsOf(spec: ChartSpec, data: ChartData | AlignedChartData, yLog: boolean): { x: number[]; columns: Column[] } {
  if (isAligned(data)) return { x: data.x, columns: data.columns };
  const x = Array.from(data.series.x);
  const columns = spec.lines.map((line) => {
    const ys = data.series.ys[line.key];
    return x.map((_, i) => {
      const v = ys?.[i];
      return v !== undefined && Number.isFinite(v) && (!yLog || v > 0) ? v : null;
    });
  });
  return { x, columns };
}

/** An SVG document of a lab or lesson chart, from the same spec and data the canvas chart draws. */
export function chartSvg(spec: ChartSpec, data: ChartData | AlignedChartData, meta: Record<string, unknown>, size: SvgSize = { width: 640, height: spec.height ?? 300 }): string {
  const xLog = spec.xLog ?? spec.log ?? false;
  const yLog = spec.yLog ?? spec.log ?? false;
  const { x, columns } = columnsOf(spec, data, yLog);
  const aligned = isAligned(data);
  const markers = aligned ? [] : (data.markers ?? []);
  const bands = aligned ? [] : (data.bands ?? []);
  const yBands = aligned ? (data.yBands ?? []) : [];
  const errorBars = aligned ? (data.errorBars ?? []) : errorBarsOf(spec, data);
  const yValues: (number | null | undefined)[] = columns.flat();
  yValues.push(...overlayYValues(errorBars, yBands));
  const sx = scaleOf(extent(x, xLog), spec.xRange, xLog, false);
  const sy = scaleOf(extent(yValues, yLog), spec.yRange, yLog, true);
  const { width, height } = size;
  const box = { left: 70, right: width - 16, top: 44, bottom: height - 48 };
  const X = (v: number) => project(sx, v, box.left, box.right);
  const Y = (v: number) => project(sy, v, box.bottom, box.top);
  const inX = (v: number) => Number.isFinite(v) && (!xLog || v > 0);
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">\n`);
  out.push(`<title>${escapeXml(spec.title)}</title>\n`, svgMetadata(meta));
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>\n`);
  out.push(`<text x="${width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="600">${escapeXml(spec.title)}</text>\n`);
  out.push(`<clipPath id="plot"><rect x="${box.left}" y="${box.top}" width="${box.right - box.left}" height="${box.bottom - box.top}"/></clipPath>\n`);
  // Grid and ticks.
  const xTicks = xLog ? logTicks(sx.lo, sx.hi) : linearTicks(sx.lo, sx.hi);
  const yTicks = yLog ? logTicks(sy.lo, sy.hi) : linearTicks(sy.lo, sy.hi);
  out.push('<g class="axes" stroke="#e4e4e4">');
  for (const t of xTicks) out.push(`<line x1="${num(X(t))}" y1="${box.top}" x2="${num(X(t))}" y2="${box.bottom}"/>`);
  for (const t of yTicks) out.push(`<line x1="${box.left}" y1="${num(Y(t))}" x2="${box.right}" y2="${num(Y(t))}"/>`);
  out.push('</g>\n<g class="ticks" fill="#222">');
  for (const t of xTicks) out.push(`<text x="${num(X(t))}" y="${box.bottom + 16}" text-anchor="middle">${escapeXml(tickLabel(t, xLog))}</text>`);
  for (const t of yTicks) out.push(`<text x="${box.left - 6}" y="${num(Y(t) + 4)}" text-anchor="end">${escapeXml(tickLabel(t, yLog))}</text>`);
  out.push('</g>\n');
  out.push(`<text x="${(box.left + box.right) / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(spec.xLabel)}</text>\n`);
  out.push(`<text transform="translate(16 ${(box.top + box.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>\n`);
  out.push(`<g clip-path="url(#plot)">\n`);
  for (const band of bands) {
    if (!inX(band.from) || !inX(band.to)) continue;
    out.push(`<rect class="band" x="${num(X(band.from))}" y="${box.top}" width="${num(X(band.to) - X(band.from))}" height="${box.bottom - box.top}" fill="rgba(106, 27, 154, 0.12)"><title>${escapeXml(band.label)}</title></rect>\n`);
  }
  for (const b of yBands) {
    const upper = b.x.map((xv, i) => `${num(X(xv))},${num(Y(b.high[i]))}`);
    const lower = b.x.map((xv, i) => `${num(X(xv))},${num(Y(b.low[i]))}`).reverse();
    out.push(`<polygon class="yband" points="${[...upper, ...lower].join(' ')}" fill="${escapeXml(b.color)}" stroke="none"/>\n`);
  }
  const baseline = yLog ? box.bottom : Y(Math.max(sy.lo, Math.min(sy.hi, 0)));
  spec.lines.forEach((line, k) => {
    const column = columns[k] ?? [];
    const stroke = escapeXml(line.color);
    const width = line.width ?? 2;
    const dash = line.dash?.length ? ` stroke-dasharray="${line.dash.join(' ')}"` : '';
    const points = x.map((xv, i) => [xv, column[i]] as const);
    out.push(`<g class="series" data-key="${escapeXml(line.key)}"><title>${escapeXml(line.label)}</title>`);
    if (line.style === 'points') {
      for (const [xv, yv] of points) if (typeof yv === 'number' && inX(xv)) out.push(`<circle cx="${num(X(xv))}" cy="${num(Y(yv))}" r="3" fill="${stroke}"/>`);
    } else if (line.style === 'bars') {
      const finite = points.filter(([xv, yv]) => typeof yv === 'number' && inX(xv));
      const gap = finite.length > 1 ? Math.abs(X(finite[1][0]) - X(finite[0][0])) : 20;
      const w = Math.min(80, gap * 0.9);
      for (const [xv, yv] of finite) {
        const top = Y(yv as number);
        out.push(`<rect x="${num(X(xv) - w / 2)}" y="${num(Math.min(top, baseline))}" width="${num(w)}" height="${num(Math.abs(baseline - top))}" fill="${escapeXml(line.fill ?? line.color)}" stroke="${stroke}" stroke-width="1"/>`);
      }
    } else {
      // Runs of consecutive values: null breaks a run unless spanGaps; undefined (aligned data: no point here) never does.
      const runs: [number, number][][] = [[]];
      for (const [xv, yv] of points) {
        if (typeof yv === 'number' && inX(xv)) runs[runs.length - 1].push([X(xv), Y(yv)]);
        else if (yv === null && !line.spanGaps && runs[runs.length - 1].length > 0) runs.push([]);
      }
      for (const run of runs) {
        if (run.length === 0) continue;
        const path: [number, number][] = [];
        run.forEach(([px, py], i) => {
          if (line.style === 'step' && i > 0) path.push([px, run[i - 1][1]]);
          path.push([px, py]);
        });
        const text = path.map(([px, py]) => `${num(px)},${num(py)}`).join(' ');
        if (line.fill) out.push(`<polygon points="${num(path[0][0])},${num(baseline)} ${text} ${num(path[path.length - 1][0])},${num(baseline)}" fill="${escapeXml(line.fill)}" stroke="none"/>`);
        out.push(`<polyline points="${text}" fill="none" stroke="${stroke}" stroke-width="${width}"${dash} stroke-linejoin="round"/>`);
      }
    }
    out.push('</g>\n');
  });
  for (const bars of errorBars) {
    out.push(`<g class="error-bars" stroke="${escapeXml(bars.color)}" stroke-width="1.5">`);
    x.forEach((xv, i) => {
      const lo = bars.low[i];
      const hi = bars.high[i];
      if (lo === null || hi === null || lo === undefined || hi === undefined || !inX(xv) || (yLog && lo <= 0)) return;
      out.push(`<line x1="${num(X(xv))}" y1="${num(Y(lo))}" x2="${num(X(xv))}" y2="${num(Y(hi))}"/>`);
    });
    out.push('</g>\n');
  }
  for (const marker of markers) {
    if (!inX(marker.x) || marker.x < sx.lo || marker.x > sx.hi) continue;
    const color = MARKER_COLORS[marker.kind];
    out.push(`<g class="marker"><line x1="${num(X(marker.x))}" y1="${box.top}" x2="${num(X(marker.x))}" y2="${box.bottom}" stroke="${color}" stroke-width="1.5" stroke-dasharray="5 3"/>`);
    out.push(`<text x="${num(X(marker.x) + 3)}" y="${box.top + 12}" fill="${color}" font-size="11">${escapeXml(marker.label)}</text></g>\n`);
  }
  out.push('</g>\n');
  out.push(`<rect x="${box.left}" y="${box.top}" width="${box.right - box.left}" height="${box.bottom - box.top}" fill="none" stroke="#222"/>\n`);
  // Legend, one row above the plot.
  let lx = box.left;
  out.push('<g class="legend">');
  for (const line of spec.lines) {
    out.push(`<line x1="${lx}" y1="32" x2="${lx + 18}" y2="32" stroke="${escapeXml(line.color)}" stroke-width="3"/><text x="${lx + 22}" y="36">${escapeXml(line.label)}</text>`);
    lx += 30 + line.label.length * 7;
  }
  out.push('</g>\n</svg>\n');
  return out.join('');
}

/** What the (α, τ) heatmap draws, for its SVG. */
export interface HeatmapPicture {
  alphas: number[];
  taus: number[];
  rows: (Float64Array | undefined)[];
  range: [number, number];
  lines: PhaseLinePoint[];
  cells: HeatCell[];
  tiles: HeatTile[];
  boundaries: BoundaryLine[];
  title: string;
  /** What the colours mean (e.g. 'ε_g'): the colour bar's label; none for a map of categorical tiles. */
  scaleLabel?: string;
}

/** An SVG document of the phase lab's heatmap: theory cells, tiles, simulated discs, phase and boundary lines. */
export function heatmapSvg(p: HeatmapPicture, meta: Record<string, unknown>, size: SvgSize = { width: 640, height: 420 }): string {
  const { width, height } = size;
  const bar = p.tiles.length === 0 && p.scaleLabel !== undefined;
  const box = { left: 64, right: width - (bar ? 86 : 16), top: 32, bottom: height - 44 };
  const span = (grid: number[]): [number, number] => {
    const first = grid[0] ?? 0;
    const last = grid[grid.length - 1] ?? 1;
    const half = grid.length > 1 ? (last - first) / (grid.length - 1) / 2 : 0.5;
    return [first - half, last + half];
  };
  const sx: Scale = { lo: span(p.alphas)[0], hi: span(p.alphas)[1], log: false };
  const sy: Scale = { lo: span(p.taus)[0], hi: span(p.taus)[1], log: false };
  const X = (v: number) => project(sx, v, box.left, box.right);
  const Y = (v: number) => project(sy, v, box.bottom, box.top);
  const cw = (box.right - box.left) / Math.max(1, p.alphas.length);
  const ch = (box.bottom - box.top) / Math.max(1, p.taus.length);
  const [lo, hi] = p.range;
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">\n`);
  out.push(`<title>${escapeXml(p.title)}</title>\n`, svgMetadata(meta));
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>\n<text x="${width / 2}" y="18" text-anchor="middle" font-size="14" font-weight="600">${escapeXml(p.title)}</text>\n`);
  out.push(`<clipPath id="map"><rect x="${box.left}" y="${box.top}" width="${box.right - box.left}" height="${box.bottom - box.top}"/></clipPath>\n<g clip-path="url(#map)">\n`);
  p.rows.forEach((row, j) => {
    if (!row) return;
    for (let i = 0; i < p.alphas.length; i++) out.push(`<rect x="${num(X(p.alphas[i]) - cw / 2)}" y="${num(Y(p.taus[j]) - ch / 2)}" width="${num(cw + 0.5)}" height="${num(ch + 0.5)}" fill="${viridis((row[i] - lo) / (hi - lo))}"/>`);
  });
  for (const t of p.tiles) {
    out.push(`<rect class="tile" data-key="${escapeXml(t.key)}" x="${num(X(t.alpha) - cw / 2)}" y="${num(Y(t.tau) - ch / 2)}" width="${num(cw)}" height="${num(ch)}" fill="${escapeXml(t.fill)}" stroke="#fff"/>`);
    if (t.inner) {
      const side = Math.min(cw, ch) * 0.3;
      out.push(`<rect x="${num(X(t.alpha) - side / 2)}" y="${num(Y(t.tau) - side / 2)}" width="${num(side)}" height="${num(side)}" fill="${escapeXml(t.inner)}" stroke="#fff" stroke-width="1.5"/>`);
    }
  }
  out.push('\n');
  for (const b of p.boundaries) {
    const pts = b.points.filter((q) => q.alpha <= sx.hi);
    if (pts.length === 0) continue;
    const dash = b.dash.length ? ` stroke-dasharray="${b.dash.join(' ')}"` : '';
    const coords = pts.length === 1 ? [[X(pts[0].alpha), Y(pts[0].tau) - ch / 2], [X(pts[0].alpha), Y(pts[0].tau) + ch / 2]] : pts.map((q) => [X(q.alpha), Y(q.tau)]);
    out.push(`<polyline class="boundary" points="${coords.map(([a, c]) => `${num(a)},${num(c)}`).join(' ')}" fill="none" stroke="${escapeXml(b.color)}" stroke-width="3"${dash}><title>${escapeXml(b.label)}</title></polyline>\n`);
  }
  const styles = [
    ['alpha_c', '#ffffff', ''],
    ['alpha_spinodal', '#ff5252', ' stroke-dasharray="6 4"'],
    ['alpha_zero_entropy', '#ffd740', ' stroke-dasharray="2 3"'],
  ] as const;
  for (const [key, color, dash] of styles) {
    const pts = p.lines.filter((q) => q[key] !== null && (q[key] as number) <= sx.hi);
    if (pts.length > 0) out.push(`<polyline class="phase-line" points="${pts.map((q) => `${num(X(q[key] as number))},${num(Y(q.tau))}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2.5"${dash}/>\n`);
  }
  out.push('</g>\n');
  for (const c of p.cells) out.push(`<circle class="cell" cx="${num(X(c.alpha))}" cy="${num(Y(c.tau))}" r="9" fill="${viridis((c.value - lo) / (hi - lo))}" stroke="#fff" stroke-width="2"/>`);
  out.push(`\n<rect x="${box.left}" y="${box.top}" width="${box.right - box.left}" height="${box.bottom - box.top}" fill="none" stroke="#222"/>\n<g fill="#222">`);
  for (const t of linearTicks(sx.lo, sx.hi)) out.push(`<text x="${num(X(t))}" y="${box.bottom + 16}" text-anchor="middle">${escapeXml(tickLabel(t))}</text>`);
  for (const t of linearTicks(sy.lo, sy.hi)) out.push(`<text x="${box.left - 6}" y="${num(Y(t) + 4)}" text-anchor="end">${escapeXml(tickLabel(t))}</text>`);
  if (bar) out.push(colourBarSvg(box.right + 18, box.top, box.bottom, lo, hi, p.scaleLabel ?? ''));
  out.push(`</g>\n<text x="${(box.left + box.right) / 2}" y="${height - 8}" text-anchor="middle">α (examples per weight)</text>\n`);
  out.push(`<text transform="translate(16 ${(box.top + box.bottom) / 2}) rotate(-90)" text-anchor="middle">τ (temperature)</text>\n</svg>\n`);
  return out.join('');
}

/** A vertical colour bar from `lo` (bottom) to `hi` (top) with round ticks, as the canvas heatmap draws it. */
function colourBarSvg(x: number, top: number, bottom: number, lo: number, hi: number, label: string): string {
  const steps = 32;
  const h = (bottom - top) / steps;
  const out = [`<g class="colour-bar"><text x="${x}" y="${top - 8}">${escapeXml(label)}</text>`];
  for (let k = 0; k < steps; k++) out.push(`<rect x="${x}" y="${num(bottom - (k + 1) * h)}" width="14" height="${num(h + 0.5)}" fill="${viridis((k + 0.5) / steps)}"/>`);
  out.push(`<rect x="${x}" y="${top}" width="14" height="${bottom - top}" fill="none" stroke="#222"/>`);
  for (const t of linearTicks(lo, hi, 4)) out.push(`<text x="${x + 18}" y="${num(bottom - ((t - lo) / (hi - lo)) * (bottom - top) + 4)}">${escapeXml(tickLabel(t))}</text>`);
  out.push('</g>');
  return out.join('');
}
