import type { LayerRecord, WeightSpectrum } from '../core/analyze/index.js';
import { histogram, logEdges } from '../core/stats/index.js';
import { mpDensity, mpEdges } from '../core/theory/index.js';
import { float64Array, record } from '../core/validate.js';
import type { Series } from './notebook.js';

/**
 * A trained layer's ESD for a log–log figure, with what its record fitted: the density on logarithmic bins, the
 * power law p(λ) = f·(α−1)/x_min·(λ/x_min)^(−α) over its tail (f the fraction of eigenvalues at or above x_min), and the Marchenko–Pastur density of the fitted bulk (entry scale
 * σ_mp, Q = N/M) in the record's units, λ = s(W)² = N·x, so p(λ) = ρ_MP(λ/N)/N, weighted by the bulk's share.
 */
export function layerSpectrumSeries(spectrum: WeightSpectrum, layer: LayerRecord, options: { label: string; color?: string; bins?: number }): Series[] {
  record('spectrum', spectrum, 'a weight spectrum { eigenvalues, N, M, matrices }');
  float64Array('spectrum.eigenvalues', spectrum.eigenvalues);
  record('layer', layer, 'a layer record (analyzeLayer)');
  record('options', options, 'an object { label, color, bins }');
  const bins = options.bins ?? 40;
  const positive = Array.from(spectrum.eigenvalues).filter((v) => v > 0);
  const total = spectrum.eigenvalues.length;
  // No positive eigenvalue (an empty or all-zero layer): nothing to draw on a log axis.
  if (positive.length === 0) return [];
  // Densities over all eigenvalues (zeros of a rank-deficient layer lower the curve rather than vanish).
  const h = histogram(positive, logEdges(positive[0], positive[positive.length - 1] * 1.0001, bins), total);
  const x: number[] = [];
  const y: number[] = [];
  h.counts.forEach((c, b) => {
    if (c === 0) return;
    x.push(Math.sqrt(h.edges[b] * h.edges[b + 1])); // geometric centre: the middle of a log bin
    y.push(h.density[b]);
  });
  const series: Series[] = [{ label: `${options.label}: ESD`, x, y, kind: 'points', color: options.color }];
  const { alpha, xmin, num_pl_spikes: tail, sigma_mp: sigma, N, Q } = layer;
  if (alpha !== null && xmin !== null && tail !== null && alpha > 1) {
    const f = tail / total;
    const top = positive[positive.length - 1];
    const px = [xmin, top];
    series.push({ label: `${options.label}: power law α = ${alpha.toFixed(2)}`, x: px, y: px.map((v) => ((f * (alpha - 1)) / xmin) * (v / xmin) ** -alpha), kind: 'line', color: options.color });
  }
  if (sigma !== null && sigma > 0 && Q >= 1) {
    const { lambdaMinus, lambdaPlus } = mpEdges(Q, sigma);
    const bulk = 1 - (layer.num_spikes ?? 0) / total;
    // From the lower edge (or λ+/1000 at Q = 1, where the density diverges at 0 and a log axis cannot show it).
    const lo = Math.max(lambdaMinus, lambdaPlus * 1e-3);
    const mx = Array.from({ length: 60 }, (_, i) => N * (lo + ((lambdaPlus - lo) * (i + 0.5)) / 60));
    series.push({ label: `${options.label}: Marchenko–Pastur fit`, x: mx, y: mx.map((v) => (bulk * mpDensity(v / N, Q, sigma)) / N), kind: 'line', color: options.color ? `${options.color}80` : undefined, theory: true });
  }
  return series;
}
