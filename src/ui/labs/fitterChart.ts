/** The fitter chart's data: the batch's summary and the calibrated band, each on its own μ grid, on one x axis. */
import type { AlignedSeries } from '../../labs/index.js';

/**
 * The summary's μ and the band's fine μ grid merged: every series keeps its own values and is NaN at the other's
 * μ (the chart joins the lines over those gaps). Where both hold a μ, the summary's values win.
 */
export function withBand(summary: AlignedSeries, band: AlignedSeries): AlignedSeries {
  const x = Float64Array.from(new Set([...summary.x, ...band.x])).sort();
  const ys: Record<string, Float64Array> = {};
  for (const source of [band, summary]) {
    const at = new Map(Array.from(source.x, (mu, i) => [mu, i]));
    for (const [key, values] of Object.entries(source.ys)) {
      const out = (ys[key] ??= new Float64Array(x.length).fill(NaN));
      x.forEach((mu, j) => {
        const i = at.get(mu);
        if (i !== undefined && (source === summary || Number.isNaN(out[j]))) out[j] = values[i];
      });
    }
  }
  return { x, ys };
}
