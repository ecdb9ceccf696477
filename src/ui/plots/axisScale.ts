/**
 * uPlot cannot lay out an axis whose values pass about 1e15 (it allows at most 17 integer digits) and treats a
 * linear span below 1e-24 as flat, yet spectra of heavy-tailed matrices reach 1e50 and their densities 1e-50. The
 * chart therefore draws values divided by a power of ten and writes the true values on the ticks: the picture and
 * the labels are exact, only uPlot's arithmetic sees the scaled numbers.
 */
import type { Overlays } from './overlayPlugin.js';

type Value = number | null | undefined;

/** The power of ten to divide an axis's values by (1 when they are already in uPlot's comfortable range). */
export function axisFactor(values: Iterable<Value>, log: boolean): number {
  let lo = Infinity;
  let hi = 0;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v) || v === 0 || (log && v < 0)) continue;
    const a = Math.abs(v);
    if (a < lo) lo = a;
    if (a > hi) hi = a;
  }
  if (!(hi > 0)) return 1;
  if (log) return hi >= 1e12 || lo <= 1e-12 ? 10 ** Math.round((Math.log10(lo) + Math.log10(hi)) / 2) : 1;
  return hi >= 1e9 || hi < 1e-6 ? 10 ** Math.floor(Math.log10(hi)) : 1;
}

/** A column divided by `factor` (null and undefined kept: they mean breaks and gaps). */
export function scaled<T extends Value>(values: ArrayLike<T>, factor: number): T[] {
  return Array.from(values, (v) => (v === null || v === undefined || factor === 1 ? v : ((v / factor) as T)));
}

/** The overlays in the scaled units. */
export function scaleOverlays(o: Overlays, fx: number, fy: number): Overlays {
  if (fx === 1 && fy === 1) return o;
  return {
    markers: o.markers.map((m) => ({ ...m, x: m.x / fx })),
    bands: o.bands.map((b) => ({ ...b, from: b.from / fx, to: b.to / fx })),
    errorBars: o.errorBars?.map((e) => ({ ...e, low: scaled(e.low, fy), high: scaled(e.high, fy) })),
    yBands: o.yBands?.map((b) => ({ ...b, x: scaled(b.x, fx), low: scaled(b.low, fy), high: scaled(b.high, fy) })),
  };
}

/** A tick in scaled units back to the true value, without the rounding noise of the product. */
export function unscaled(v: number, factor: number): number {
  return factor === 1 ? v : Number((v * factor).toPrecision(12));
}
