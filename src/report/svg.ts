import { list, record } from '../core/validate.js';
import type { Axis, Figure, Series } from './notebook.js';
import { linearTicks, logTicks, tickLabel } from './ticks.js';

/**
 * A Figure as a standalone SVG document: axes with ticks (linear or log), the series, error bars and a legend.
 * Pure (string in, string out): no DOM and no file system, so it runs in Node, in a worker and in tests.
 * Coordinates are rounded to 0.01 px, which keeps committed figures small and their diffs readable.
 */

export interface SvgOptions {
  width?: number;
  height?: number;
}

/** Default series colours, in order (also exported so a notebook can pair a measurement with its theory). */
export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
const MARGIN = { left: 64, right: 16, top: 34, bottom: 46 };

function colorOf(s: Series, k: number): string {
  return s.color ?? PALETTE[k % PALETTE.length];
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Rounds to 2 decimals and drops trailing zeros ("12.5", not "12.50"). */
function r(v: number): string {
  const s = (Math.round(v * 100) / 100).toFixed(2);
  return s.replace(/\.?0+$/, '') || '0';
}

function usable(v: number, log: boolean | undefined): boolean {
  return Number.isFinite(v) && (!log || v > 0);
}

interface Scale {
  lo: number;
  hi: number;
  log: boolean;
  /** Data value → pixel. */
  map: (v: number) => number;
  ticks: number[];
}

/** Extent of the data on one axis, including error bars, ignoring values a log axis cannot show. */
function extent(figure: Figure, which: 'x' | 'y'): [number, number] {
  const axis = figure[which];
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of figure.series) {
    const values = s[which];
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const err = which === 'y' && s.yErr ? s.yErr[i] ?? 0 : 0;
      for (const w of err ? [v - err, v + err] : [v]) {
        if (usable(w, axis.log) && usable(s.x[i], figure.x.log) && usable(s.y[i], figure.y.log)) {
          lo = Math.min(lo, w);
          hi = Math.max(hi, w);
        }
      }
    }
    // Bars start at zero on a linear axis.
    if (which === 'y' && s.kind === 'bars' && !axis.log) lo = Math.min(lo, 0);
  }
  if (axis.min !== undefined) lo = axis.min;
  if (axis.max !== undefined) hi = axis.max;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return axis.log ? [1, 10] : [0, 1];
  if (lo === hi) return axis.log ? [lo / 2, hi * 2] : [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

function makeScale(axis: Axis, [lo, hi]: [number, number], from: number, to: number, pad: boolean): Scale {
  const log = axis.log === true;
  if (log) {
    let a = Math.log10(lo);
    let b = Math.log10(hi);
    if (pad && axis.min === undefined) a -= 0.03 * (b - a);
    if (pad && axis.max === undefined) b += 0.03 * (b - a);
    const ticks = logTicks(Math.pow(10, a), Math.pow(10, b));
    return { lo: Math.pow(10, a), hi: Math.pow(10, b), log, map: (v) => from + ((Math.log10(v) - a) / (b - a)) * (to - from), ticks };
  }
  let a = lo;
  let b = hi;
  if (pad && axis.min === undefined && a !== 0) a -= 0.04 * (hi - lo);
  if (pad && axis.max === undefined) b += 0.04 * (hi - lo);
  const ticks = linearTicks(a, b, 6);
  return { lo: a, hi: b, log, map: (v) => from + ((v - a) / (b - a)) * (to - from), ticks };
}

function seriesSvg(s: Series, color: string, X: Scale, Y: Scale, fx: Figure): string {
  const ok = (i: number) => usable(s.x[i], fx.x.log) && usable(s.y[i], fx.y.log);
  const idx = s.x.map((_, i) => i).filter(ok);
  const out: string[] = [];
  if (s.kind === 'line') {
    // Break the line where points are missing rather than joining across a gap.
    let d = '';
    let pen = false;
    for (let i = 0; i < s.x.length; i++) {
      if (!ok(i)) { pen = false; continue; }
      d += `${pen ? 'L' : 'M'}${r(X.map(s.x[i]))} ${r(Y.map(s.y[i]))}`;
      pen = true;
    }
    if (d) out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="1.6"/>`);
  } else if (s.kind === 'band') {
    const lo = idx.map((i) => [s.x[i], s.y[i] - (s.yErr?.[i] ?? 0)]).filter(([, y]) => usable(y, fx.y.log));
    const hi = idx.map((i) => [s.x[i], s.y[i] + (s.yErr?.[i] ?? 0)]);
    const pts = [...hi, ...lo.reverse()].map(([x, y]) => `${r(X.map(x))},${r(Y.map(y))}`).join(' ');
    if (pts) out.push(`<polygon points="${pts}" fill="${color}" fill-opacity="0.2" stroke="none"/>`);
  } else if (s.kind === 'bars') {
    // Bars fill the space between neighbouring centres; their base is the axis floor.
    const base = Y.log ? Y.lo : Math.max(Y.lo, Math.min(Y.hi, 0));
    idx.forEach((i, k) => {
      const prev = k > 0 ? s.x[idx[k - 1]] : undefined;
      const next = k < idx.length - 1 ? s.x[idx[k + 1]] : undefined;
      const half = ((next ?? 2 * s.x[i] - (prev ?? s.x[i] - 1)) - (prev ?? 2 * s.x[i] - (next ?? s.x[i] + 1))) / 4;
      const x0 = X.map(s.x[i] - half);
      const x1 = X.map(s.x[i] + half);
      const y0 = Y.map(base);
      const y1 = Y.map(s.y[i]);
      out.push(`<rect x="${r(Math.min(x0, x1))}" y="${r(Math.min(y0, y1))}" width="${r(Math.abs(x1 - x0))}" height="${r(Math.abs(y1 - y0))}" fill="${color}" fill-opacity="0.35" stroke="${color}" stroke-width="0.6"/>`);
    });
  } else {
    for (const i of idx) out.push(`<circle cx="${r(X.map(s.x[i]))}" cy="${r(Y.map(s.y[i]))}" r="2.6" fill="${color}"/>`);
  }
  if (s.yErr && s.kind !== 'band') {
    for (const i of idx) {
      const e = s.yErr[i];
      if (!(e > 0)) continue;
      const lo = s.y[i] - e;
      const yl = usable(lo, fx.y.log) ? Y.map(lo) : Y.map(Y.lo);
      const yh = Y.map(s.y[i] + e);
      const x = r(X.map(s.x[i]));
      out.push(`<path d="M${x} ${r(yl)}V${r(yh)}" stroke="${color}" stroke-width="1"/>`);
    }
  }
  return out.join('');
}

/** The figure as an SVG document. Labelled series with no drawable point still get a legend entry. */
export function renderSvg(figure: Figure, options: SvgOptions = {}): string {
  record('figure', figure);
  record('figure.x', figure.x);
  record('figure.y', figure.y);
  list('figure.series', figure.series);
  record('options', options);
  const width = options.width ?? 640;
  const height = options.height ?? 400;
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const top = MARGIN.top;
  const bottom = height - MARGIN.bottom;
  const X = makeScale(figure.x, extent(figure, 'x'), left, right, true);
  const Y = makeScale(figure.y, extent(figure, 'y'), bottom, top, true);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  parts.push(`<text x="${r(width / 2)}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${esc(figure.title)}</text>`);
  // Grid and ticks.
  for (const t of X.ticks) {
    const x = r(X.map(t));
    parts.push(`<path d="M${x} ${top}V${bottom}" stroke="#e5e5e5"/><text x="${x}" y="${bottom + 14}" text-anchor="middle">${esc(tickLabel(t, X.log))}</text>`);
  }
  for (const t of Y.ticks) {
    const y = r(Y.map(t));
    parts.push(`<path d="M${left} ${y}H${right}" stroke="#e5e5e5"/><text x="${left - 5}" y="${y}" dy="0.32em" text-anchor="end">${esc(tickLabel(t, Y.log))}</text>`);
  }
  parts.push(`<rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${r((left + right) / 2)}" y="${height - 10}" text-anchor="middle">${esc(figure.x.label)}</text>`);
  parts.push(`<text transform="translate(14 ${r((top + bottom) / 2)}) rotate(-90)" text-anchor="middle">${esc(figure.y.label)}</text>`);
  // Series, clipped to the plot area.
  parts.push(`<clipPath id="plot"><rect x="${left}" y="${top}" width="${right - left}" height="${bottom - top}"/></clipPath><g clip-path="url(#plot)">`);
  figure.series.forEach((s, k) => parts.push(seriesSvg(s, colorOf(s, k), X, Y, figure)));
  parts.push('</g>');
  // Legend: one row per labelled series (an empty label keeps a series out of it), in the corner asked for.
  const listed = figure.series.map((s, k) => ({ s, k })).filter(({ s }) => s.label !== '');
  const rows = listed.length;
  const lw = Math.min(right - left - 8, 12 + 6.2 * Math.max(...listed.map(({ s }) => s.label.length), 1) + 20);
  const lh = rows * 15 + 6;
  const corner = figure.legend ?? 'top-right';
  const lx = corner.endsWith('left') ? left + 6 : right - lw - 6;
  const ly = corner.startsWith('top') ? top + 6 : bottom - lh - 6;
  if (rows > 0) {
    parts.push(`<rect x="${r(lx)}" y="${r(ly)}" width="${r(lw)}" height="${lh}" fill="#fff" fill-opacity="0.85" stroke="#ccc"/>`);
  }
  listed.forEach(({ s, k }, row) => {
    const y = ly + 10 + row * 15;
    const c = colorOf(s, k);
    const mark = s.kind === 'line' ? `<path d="M${r(lx + 6)} ${r(y)}h16" stroke="${c}" stroke-width="2"/>`
      : s.kind === 'points' ? `<circle cx="${r(lx + 14)}" cy="${r(y)}" r="3" fill="${c}"/>`
        : `<rect x="${r(lx + 6)}" y="${r(y - 5)}" width="16" height="10" fill="${c}" fill-opacity="${s.kind === 'band' ? 0.2 : 0.35}"/>`;
    parts.push(`${mark}<text x="${r(lx + 28)}" y="${r(y)}" dy="0.32em">${esc(s.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
