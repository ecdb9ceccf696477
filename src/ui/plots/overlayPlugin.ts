/** A uPlot plugin that draws theory markers (vertical lines), bands (shaded intervals) and error bars. */
import type uPlot from 'uplot';
import type { Band, Marker } from '../../../workers/compute/types.js';
import { MARKER_COLORS } from './chartSpec.js';

export interface Overlays {
  markers: Marker[];
  bands: Band[];
  errorBars?: { of: number; low: (number | null)[]; high: (number | null)[]; color: string };
}

export function overlayPlugin(get: () => Overlays): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u: uPlot) => {
          const { ctx } = u;
          const { left, top, width, height } = u.bbox;
          const { markers, bands, errorBars } = get();
          const px = devicePixelRatio || 1;
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, width, height);
          ctx.clip();
          for (const band of bands) {
            const a = u.valToPos(band.from, 'x', true);
            const b = u.valToPos(band.to, 'x', true);
            if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
            ctx.fillStyle = 'rgba(106, 27, 154, 0.16)';
            ctx.fillRect(Math.min(a, b), top, Math.max(1, Math.abs(b - a)), height);
            ctx.fillStyle = MARKER_COLORS.tw;
            ctx.font = `${11 * px}px system-ui, sans-serif`;
            ctx.fillText(band.label, Math.min(a, b) + 3 * px, top + 26 * px);
          }
          ctx.font = `${11 * px}px system-ui, sans-serif`;
          markers.forEach((marker, i) => {
            const x = u.valToPos(marker.x, 'x', true);
            if (!Number.isFinite(x) || x < left || x > left + width) return;
            ctx.strokeStyle = MARKER_COLORS[marker.kind];
            ctx.fillStyle = MARKER_COLORS[marker.kind];
            ctx.lineWidth = 1.5 * px;
            ctx.setLineDash(marker.kind === 'xmin' ? [2 * px, 3 * px] : [6 * px, 4 * px]);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
            ctx.fillText(marker.label, x + 3 * px, top + (12 + 13 * (i % 4)) * px);
          });
          if (errorBars) {
            ctx.setLineDash([]);
            ctx.strokeStyle = errorBars.color;
            ctx.lineWidth = 1.5 * px;
            const xs = u.data[0];
            for (let i = 0; i < xs.length; i++) {
              const lo = errorBars.low[i];
              const hi = errorBars.high[i];
              if (lo === null || hi === null) continue;
              const x = u.valToPos(xs[i], 'x', true);
              const y0 = u.valToPos(lo, 'y', true);
              const y1 = u.valToPos(hi, 'y', true);
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
          ctx.restore();
        },
      ],
    },
  };
}
