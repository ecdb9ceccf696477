/**
 * A uPlot plugin that draws theory markers (vertical lines), bands (shaded x intervals), shaded y bands along a
 * curve, and error bars (on the chart's x grid).
 */
import type uPlot from 'uplot';
import type { Band, Marker } from '../../labs/index.js';
import { MARKER_COLORS, type ErrorBars, type YBand } from './chartSpec.js';
import { layoutLabels } from './labelLayout.js';

export interface Overlays {
  markers: Marker[];
  bands: Band[];
  errorBars?: ErrorBars[];
  yBands?: YBand[];
}

/** A CSS colour at the given opacity (hex colours only; others are used as they are). */
function translucent(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  const v = parseInt(m[1], 16);
  return `rgba(${v >> 16}, ${(v >> 8) & 255}, ${v & 255}, ${alpha})`;
}

/** Rows of marker labels at the top of a plot; labels that find no room are left to the legend. */
const LABEL_LANES = 4;

export function overlayPlugin(get: () => Overlays, fontPx: () => number = () => 11): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u: uPlot) => {
          const { ctx } = u;
          const { left, top, width, height } = u.bbox;
          const { markers, bands, errorBars, yBands } = get();
          const px = devicePixelRatio || 1;
          const size = fontPx();
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, width, height);
          ctx.clip();
          ctx.font = `${size * px}px system-ui, sans-serif`;
          // Labels of bands and markers share the rows at the top: none overlaps another, none leaves the plot.
          const labels: { x: number; text: string; color: string }[] = [];
          for (const band of bands) {
            const a = u.valToPos(band.from, 'x', true);
            const b = u.valToPos(band.to, 'x', true);
            if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
            ctx.fillStyle = 'rgba(106, 27, 154, 0.16)';
            ctx.fillRect(Math.min(a, b), top, Math.max(1, Math.abs(b - a)), height);
            labels.push({ x: Math.min(a, b), text: band.label, color: MARKER_COLORS.tw });
          }
          for (const marker of markers) {
            const x = u.valToPos(marker.x, 'x', true);
            if (!Number.isFinite(x) || x < left || x > left + width) continue;
            ctx.strokeStyle = MARKER_COLORS[marker.kind];
            ctx.lineWidth = 1.5 * px;
            ctx.setLineDash(marker.kind === 'xmin' ? [2 * px, 3 * px] : [6 * px, 4 * px]);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
            labels.push({ x, text: marker.label, color: MARKER_COLORS[marker.kind] });
          }
          ctx.setLineDash([]);
          for (const band of yBands ?? []) {
            // Upper edge left to right, lower edge back: one polygon per run of drawable points.
            ctx.fillStyle = translucent(band.color, 0.2);
            let run: [number, number, number][] = [];
            const fill = () => {
              if (run.length > 1) {
                ctx.beginPath();
                run.forEach(([x, hi], k) => (k === 0 ? ctx.moveTo(x, hi) : ctx.lineTo(x, hi)));
                for (let k = run.length - 1; k >= 0; k--) ctx.lineTo(run[k][0], run[k][2]);
                ctx.closePath();
                ctx.fill();
              }
              run = [];
            };
            for (let i = 0; i < band.x.length; i++) {
              const x = u.valToPos(band.x[i], 'x', true);
              const hi = u.valToPos(band.high[i], 'y', true);
              const lo = u.valToPos(band.low[i], 'y', true);
              if (Number.isFinite(x) && Number.isFinite(hi) && Number.isFinite(lo)) run.push([x, hi, lo]);
              else fill();
            }
            fill();
          }
          ctx.setLineDash([]);
          ctx.lineWidth = 1.5 * px;
          const xs = u.data[0];
          for (const bars of errorBars ?? []) {
            ctx.strokeStyle = bars.color;
            for (let i = 0; i < xs.length; i++) {
              const lo = bars.low[i];
              const hi = bars.high[i];
              if (lo === null || hi === null || lo === undefined || hi === undefined) continue;
              const x = u.valToPos(xs[i], 'x', true);
              // On a log axis a low end at or below zero runs to the bottom of the plot.
              const y0raw = u.valToPos(lo, 'y', true);
              const y0 = Number.isFinite(y0raw) ? y0raw : top + height;
              const y1 = u.valToPos(hi, 'y', true);
              if (!Number.isFinite(x) || !Number.isFinite(y1)) continue;
              ctx.beginPath();
              ctx.moveTo(x, y0);
              ctx.lineTo(x, y1);
              ctx.moveTo(x - 4 * px, y0);
              ctx.lineTo(x + 4 * px, y0);
              ctx.moveTo(x - 4 * px, y1);
              ctx.lineTo(x + 4 * px, y1);
              ctx.stroke();
            }
          }
          ctx.setLineDash([]);
          const placed = layoutLabels(
            labels.map((l) => ({ x: l.x, width: ctx.measureText(l.text).width })),
            left + 2 * px,
            left + width - 2 * px,
            LABEL_LANES,
            6 * px,
            3 * px,
          );
          // uPlot leaves its own alignment behind (its axis labels are centred or right-aligned): ours start at `left`.
          ctx.textAlign = 'left';
          ctx.textBaseline = 'top';
          ctx.lineWidth = 3 * px;
          ctx.strokeStyle = 'rgba(255, 255, 255, 0.85)';
          placed.forEach((p, i) => {
            if (p.lane < 0) return;
            const y = top + (3 + (size + 3) * p.lane) * px;
            // A white halo keeps the text readable over bars and curves.
            ctx.strokeText(labels[i].text, p.left, y);
            ctx.fillStyle = labels[i].color;
            ctx.fillText(labels[i].text, p.left, y);
          });
          ctx.textBaseline = 'alphabetic';
          ctx.restore();
        },
      ],
    },
  };
}
