import { ParameterError } from '../errors.js';
import { finite, float64Array, integer, numbers } from '../validate.js';
import { grid } from './grid.js';

/** Histograms as densities, on any bin edges (linear or logarithmic): the numbers the charts and figures draw. */
export interface Histogram {
  edges: Float64Array;
  /** Bin centres (arithmetic midpoints, also on logarithmic bins). */
  centres: Float64Array;
  counts: Float64Array;
  /** Density: count / (total · width), so it compares with a pdf and integrates to the fraction inside. */
  density: Float64Array;
  /** Poisson standard error of each density: √count / (total · width). */
  se: Float64Array;
  /** Values below the first edge (NaN counts here too) and above the last. */
  below: number;
  above: number;
}

/**
 * Edges must increase strictly: a bin of zero width has no density (count/0). lo ≥ hi, or more bins than doubles
 * between lo and hi, are refused rather than returned as repeated edges.
 */
function edges(lo: number, hi: number, bins: number, log: boolean): Float64Array {
  finite('lo', lo);
  finite('hi', hi);
  integer('bins', bins, 1);
  if (log && !(lo > 0)) throw new ParameterError('lo', lo, 'a finite number > 0 (logarithmic edges)');
  if (!(hi > lo)) throw new ParameterError('hi', hi, `a finite number > lo = ${lo}`);
  const e = Float64Array.from(grid(lo, hi, bins + 1, log));
  for (let j = 0; j < bins; j++) {
    if (!(e[j + 1] > e[j])) throw new ParameterError('bins', bins, `fewer bins: [${lo}, ${hi}] has no room for ${bins} bins of distinct edges`);
  }
  return e;
}

/** bins + 1 evenly spaced edges from lo to hi (both exact); also for a range wider than the largest double. */
export function linearEdges(lo: number, hi: number, bins: number): Float64Array {
  return edges(lo, hi, bins, false);
}

/** bins + 1 geometrically spaced edges from lo to hi (0 < lo < hi, both exact). */
export function logEdges(lo: number, hi: number, bins: number): Float64Array {
  return edges(lo, hi, bins, true);
}

/**
 * Values in [edges[j], edges[j+1]) go to bin j; the last bin also takes its right edge. Densities divide by
 * `total` (default: all values), so values outside the edges lower the bars rather than vanish.
 */
export function histogram(values: ArrayLike<number>, edges: Float64Array, total?: number): Histogram {
  numbers('values', values, { finiteOnly: false });
  float64Array('edges', edges);
  const weight = total === undefined ? values.length : finite('total', total);
  const bins = edges.length - 1;
  if (bins < 1 || !(edges[bins] > edges[0])) throw new ParameterError('edges', `${edges.length} edges`, 'at least 2 increasing edges');
  const counts = new Float64Array(bins);
  let below = 0;
  let above = 0;
  const lo = edges[0];
  const hi = edges[bins];
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (!(x >= lo)) {
      below++;
      continue;
    }
    if (x > hi) {
      above++;
      continue;
    }
    let a = 0;
    let b = bins;
    while (b - a > 1) {
      const mid = (a + b) >> 1;
      if (x >= edges[mid]) a = mid;
      else b = mid;
    }
    counts[a]++;
  }
  const centres = new Float64Array(bins);
  const density = new Float64Array(bins);
  const se = new Float64Array(bins);
  for (let j = 0; j < bins; j++) {
    // Halving is exact, so these equal (a + b)/2 and b − a except where a + b or b − a overflows (edges near
    // ±1.8e308); there the density divides by the half width instead, and stays finite.
    const halfWidth = edges[j + 1] / 2 - edges[j] / 2;
    const width = 2 * halfWidth;
    const norm = weight > 0 ? weight * width : Infinity;
    const scale = (c: number) => (weight > 0 && width === Infinity ? c / weight / 2 / halfWidth : c / norm);
    centres[j] = edges[j] / 2 + edges[j + 1] / 2;
    density[j] = scale(counts[j]);
    se[j] = scale(Math.sqrt(counts[j]));
  }
  return { edges, centres, counts, density, se, below, above };
}

/**
 * A histogram laid out for a stepped line chart with smooth overlays: `sub` points per bin, each carrying the bin's
 * density, and a final point at the right edge.
 */
export function steppedGrid(h: Histogram, sub = 4): { x: Float64Array; y: Float64Array } {
  const bins = h.density.length;
  const x = new Float64Array(bins * sub + 1);
  const y = new Float64Array(bins * sub + 1);
  for (let j = 0; j < bins; j++) {
    // The half width (exact halving: the same points) cannot overflow for edges near ±1.8e308.
    const halfWidth = h.edges[j + 1] / 2 - h.edges[j] / 2;
    for (let k = 0; k < sub; k++) {
      x[j * sub + k] = h.edges[j] + 2 * ((halfWidth * k) / sub);
      y[j * sub + k] = h.density[j];
    }
  }
  x[bins * sub] = h.edges[bins];
  y[bins * sub] = bins > 0 ? h.density[bins - 1] : 0;
  return { x, y };
}
