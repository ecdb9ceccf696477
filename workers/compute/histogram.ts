/** Histograms as densities, on linear or logarithmic bins: the numbers the charts draw. */

export interface Histogram {
  edges: Float64Array;
  /** Density: count / (total · width), so that it integrates to the fraction of values inside the range. */
  density: Float64Array;
  counts: Float64Array;
  below: number;
  above: number;
}

export function linearEdges(lo: number, hi: number, bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  const width = (hi - lo) / bins;
  for (let j = 0; j <= bins; j++) edges[j] = lo + j * width;
  return edges;
}

export function logEdges(lo: number, hi: number, bins: number): Float64Array {
  const a = Math.log(lo);
  const b = Math.log(hi);
  const edges = new Float64Array(bins + 1);
  for (let j = 0; j <= bins; j++) edges[j] = Math.exp(a + ((b - a) * j) / bins);
  return edges;
}

/** Values in [edges[j], edges[j+1]) go to bin j; the last bin also takes its right edge. */
export function histogram(values: ArrayLike<number>, edges: Float64Array, total = values.length): Histogram {
  const bins = edges.length - 1;
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
  const density = new Float64Array(bins);
  for (let j = 0; j < bins; j++) density[j] = total > 0 ? counts[j] / (total * (edges[j + 1] - edges[j])) : 0;
  return { edges, density, counts, below, above };
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
    const width = h.edges[j + 1] - h.edges[j];
    for (let k = 0; k < sub; k++) {
      x[j * sub + k] = h.edges[j] + (width * k) / sub;
      y[j * sub + k] = h.density[j];
    }
  }
  x[bins * sub] = h.edges[bins];
  y[bins * sub] = bins > 0 ? h.density[bins - 1] : 0;
  return { x, y };
}

export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))));
  return sorted[i];
}

export function meanAndSd(values: readonly number[]): { mean: number; sd: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, sd: 0 };
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  return { mean, sd: Math.sqrt(variance) };
}
