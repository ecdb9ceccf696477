/**
 * The edge lab: many independent draws of λ_max, rescaled two ways: by Johnstone's centre and scale (→ TW1 for
 * light tails) and by the Fréchet scale (→ Fréchet of shape μ/2 for μ < 4). Gaussian draws use the β-Laguerre
 * model's top block (exact in law, O(M^(2/3)) per draw), so M can be large; heavy tails need dense spectra.
 */
import { generate, predictTruth, resolveParams, type Truth } from '../../src/core/ensembles/index.js';
import { esd, laguerreLargestEigenvalues } from '../../src/core/linalg/index.js';
import { createStream, parseSeed } from '../../src/core/random/index.js';
import { frechetPdf, frechetScale, johnstone, mpEdges, twCurve } from '../../src/core/theory/index.js';
import { columnsFor, type EdgePanel, type EdgeRequest, type EdgeResult, type Marker } from '../../src/labs/index.js';
import { ensembleParams } from '../../src/core/ensembles/index.js';
import { histogram, linearEdges, meanSe, quantileSorted, steppedGrid } from '../../src/core/stats/index.js';
import { loop, type JobControl } from './jobs.js';

export async function computeEdge(r: EdgeRequest, control: JobControl): Promise<EdgeResult> {
  const gaussian = r.ensemble === 'gaussian';
  // A Gaussian W is never built (the Laguerre model samples λ_max directly), so its size is not bounded by W's
  // memory: its truth is known in closed form. Heavy tails draw W, whose truth the ensemble predicts.
  const truth = gaussian ? gaussianEdgeTruth(r.n, columnsFor(r.n, r.q)) : predictTruth(resolveParams(ensembleParams({ ...r, sigma: 1 })));
  const { N: n, M: m } = truth;
  const lambdaMax = new Float64Array(r.draws);
  if (gaussian) {
    const root = createStream(parseSeed(r.seed), 'edge');
    await loop(r.draws, control, (i) => {
      lambdaMax[i] = laguerreLargestEigenvalues(root.fork(i), { n, m, k: 1 })[0];
    });
  } else {
    await loop(r.draws, control, (i) => {
      const values = esd(generate(ensembleParams({ ...r, sigma: 1 }, `:edge:${i}`)).W);
      lambdaMax[i] = values[values.length - 1];
    });
  }
  const sorted = Float64Array.from(lambdaMax).sort();
  const panels: EdgePanel[] = [];
  const variance = truth.element_variance;
  const mu = truth.mu ?? Infinity;
  if (variance !== null) {
    const { center, scale } = johnstone(n, m, { sigma: Math.sqrt(variance) });
    panels.push(twPanel(sorted, center, scale, r.bins, mu > 4));
  }
  if (mu < 4 && truth.heavy_tail) {
    const scale = frechetScale(n, m, mu, { tailConstant: truth.heavy_tail.tail_constant });
    panels.push(frechetPanel(sorted, scale, mu / 2, r.bins, truth.mp?.lambda_plus ?? null));
  }
  const { mean, sd } = meanSe(lambdaMax);
  return { n, m, method: gaussian ? 'laguerre' : 'dense', lambdaMax, panels, mean, sd };
}

function twPanel(sorted: Float64Array, center: number, scale: number, bins: number, applies: boolean): EdgePanel {
  const s = sorted.map((x) => (x - center) / scale);
  // TW1 lives on about [−5, 3]; widen to the data, within reason, so a failing rescaling is visible.
  const lo = Math.max(-12, Math.min(-5, quantileSorted(s, 0.005)));
  const hi = Math.min(20, Math.max(3, quantileSorted(s, 0.995)));
  const h = histogram(s, linearEdges(lo, hi, bins));
  const { x, y } = steppedGrid(h);
  const { pdf } = twCurve(x, 1);
  return { kind: 'tw', applies, center, scale, series: { x, ys: { draws: y, theory: pdf } }, markers: [] };
}

function frechetPanel(sorted: Float64Array, scale: number, shape: number, bins: number, bulkEdge: number | null): EdgePanel {
  const s = sorted.map((x) => x / scale);
  const hi = Math.max(3, quantileSorted(s, 0.97));
  const h = histogram(s, linearEdges(0, hi, bins));
  const { x, y } = steppedGrid(h);
  const pdf = x.map((v) => (v > 0 ? frechetPdf(v, shape) : 0));
  // Where the MP bulk ends in these units: for 2 < μ < 4 it competes with the Fréchet extremes at moderate sizes.
  const markers: Marker[] = bulkEdge === null ? [] : [{ x: bulkEdge / scale, label: 'MP edge λ+', kind: 'mp' }];
  return { kind: 'frechet', applies: true, center: 0, scale, series: { x, ys: { draws: y, theory: pdf } }, markers };
}

/** What the edge lab reads of a unit-variance Gaussian ensemble's truth, for any size. */
function gaussianEdgeTruth(n: number, m: number): Pick<Truth, 'N' | 'M' | 'element_variance' | 'mu' | 'heavy_tail' | 'mp'> {
  const { lambdaMinus, lambdaPlus } = mpEdges(n / m);
  return { N: n, M: m, element_variance: 1, mu: null, heavy_tail: null, mp: { lambda_minus: lambdaMinus, lambda_plus: lambdaPlus } };
}
