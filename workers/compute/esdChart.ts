/**
 * An ESD on log-log axes for the fitter lab's charts: a histogram over 40 logarithmic bins (density over all the
 * eigenvalues, so each part's area is its share), the power-law fit over its tail (x ≥ xmin, weighted by the tail's
 * share), and optionally the MP law fitted to the bulk (weighted by the bulk's share).
 */
import { mpDensity } from '../../src/core/theory/index.js';
import { histogram, logEdges } from '../../src/core/stats/index.js';
import type { AlignedSeries, Marker } from '../../src/labs/index.js';

const BINS = 40;

/** The MP law of a fit, in the eigenvalues' own units: aspect Q, upper edge λ+ and the spikes above it. */
export interface MpOverlay {
  q: number;
  lambdaPlus: number;
  spikes: number;
}

export function esdChart(
  sorted: Float64Array,
  fit: { alpha: number | null; xmin: number | null; tail: number | null },
  mp?: MpOverlay,
): { loglog: AlignedSeries; markers: Marker[] } {
  const positive = sorted.filter((v) => v > 0);
  const markers: Marker[] = [];
  const ys: Record<string, Float64Array> = { esd: new Float64Array(0), powerLaw: new Float64Array(0) };
  if (mp) ys.mp = new Float64Array(0);
  if (positive.length < 2) return { loglog: { x: new Float64Array(0), ys }, markers };
  const lo = positive[0];
  const hi = positive[positive.length - 1] * 1.0001;
  const h = histogram(positive, logEdges(lo === hi ? lo / 10 : lo, hi, BINS), sorted.length);
  const x = new Float64Array(BINS);
  for (let j = 0; j < BINS; j++) x[j] = Math.sqrt(h.edges[j] * h.edges[j + 1]);
  ys.esd = h.density.map((d) => (d > 0 ? d : NaN));
  ys.powerLaw = new Float64Array(BINS).fill(NaN);
  const { alpha, xmin, tail } = fit;
  if (alpha !== null && xmin !== null && tail !== null && alpha > 1) {
    const weight = tail / sorted.length;
    for (let j = 0; j < BINS; j++) if (x[j] >= xmin) ys.powerLaw[j] = ((weight * (alpha - 1)) / xmin) * Math.pow(x[j] / xmin, -alpha);
    markers.push({ x: xmin, label: 'xmin', kind: 'xmin' });
  }
  if (mp) {
    // λ+ = σ²(1 + 1/√Q)² gives the scale σ of the MP law in these units.
    const sigma = Math.sqrt(mp.lambdaPlus) / (1 + 1 / Math.sqrt(mp.q));
    const bulk = (sorted.length - mp.spikes) / sorted.length;
    ys.mp = x.map((v) => {
      const d = bulk * mpDensity(v, mp.q, sigma);
      return d > 0 ? d : NaN;
    });
    markers.push({ x: mp.lambdaPlus, label: 'λ+', kind: 'mp' });
  }
  return { loglog: { x, ys }, markers };
}
