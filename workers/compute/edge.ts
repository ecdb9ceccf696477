/**
 * The edge lab: many independent draws of λ_max, rescaled two ways: by Johnstone's centre and scale (→ TW1 for
 * light tails) and by the Fréchet scale (→ Fréchet of shape μ/2 for μ < 4). Gaussian draws use the β-Laguerre
 * model's top block (exact in law, O(M^(2/3)) per draw), so M can be large; heavy tails need dense spectra.
 */
import { generate, predictTruth, resolveParams, type Truth } from '../../src/core/ensembles/index.js';
import { esd, laguerreLargestEigenvalues } from '../../src/core/linalg/index.js';
import { createStream, parseSeed } from '../../src/core/random/index.js';
import { frechetPdf, frechetScale, johnstone, mpEdges, twCurve } from '../../src/core/theory/index.js';
import { batchSize, createEdgeRunner, type EdgeRunner, type GpuMode } from '../../src/gpu/index.js';
import { columnsFor, JobCancelled, type EdgePanel, type EdgeRequest, type EdgeResult, type Marker } from '../../src/labs/index.js';
import { chooseCompute, gpuInstance, report, stage, timed, type Choice } from './backend.js';
import { ensembleParams } from '../../src/core/ensembles/index.js';
import { histogram, linearEdges, meanSe, quantileSorted, steppedGrid } from '../../src/core/stats/index.js';
import { loop, type JobControl } from './jobs.js';

export async function computeEdge(r: EdgeRequest, control: JobControl): Promise<EdgeResult> {
  const gaussian = r.ensemble === 'gaussian';
  // A Gaussian W is never built (the Laguerre model samples λ_max directly), so its size is not bounded by W's
  // memory: its truth is known in closed form. Heavy tails draw W, whose truth the ensemble predicts.
  const truth = gaussian ? gaussianEdgeTruth(r.n, columnsFor(r.n, r.q)) : predictTruth(resolveParams(ensembleParams({ ...r, sigma: 1 })));
  const { N: n, M: m } = truth;
  const started = performance.now();
  let lambdaMax: Float64Array;
  let choice: Choice;
  if (gaussian) {
    lambdaMax = new Float64Array(r.draws);
    choice = {
      requested: r.backend,
      decision: { use: 'cpu', mode: null, needsRates: false, reason: 'Gaussian draws: the β-Laguerre model on the CPU (exact in law, O(M^(2/3)) per draw, faster than any dense method)' },
      device: { mode: null, renderer: null, software: false, measurements: [] },
      probe: null,
    };
    const root = createStream(parseSeed(r.seed), 'edge');
    await loop(r.draws, control, (i) => {
      lambdaMax[i] = laguerreLargestEigenvalues(root.fork(i), { n, m, k: 1 })[0];
    });
  } else {
    ({ lambdaMax, choice } = await denseDraws(r, control));
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
  const compute = report(choice, r.draws, 'draws/s', (performance.now() - started) / 1000);
  return { n, m, method: gaussian ? 'laguerre' : 'dense', lambdaMax, panels, mean, sd, compute };
}

/**
 * Heavy-tailed draws: dense spectra on the CPU, or λ_max by batched Lanczos on the GPU (src/gpu/edge). Draw i is
 * generate() at seed `${seed}:edge:${i}` either way, so the two sides compute the same draws (the GPU to float32
 * accuracy) and may share a job: auto's probe is real work, the first GPU batches and one CPU draw, timed and kept.
 */
async function denseDraws(r: EdgeRequest, control: JobControl): Promise<{ lambdaMax: Float64Array; choice: Choice }> {
  const draws = Array.from({ length: r.draws }, (_, i) => ensembleParams({ ...r, sigma: 1 }, `:edge:${i}`));
  const lambdaMax = new Float64Array(r.draws);
  const done = new Uint8Array(r.draws);
  let finished = 0;
  let runner = null as EdgeRunner | null;
  let where = 'on the CPU (WebAssembly)';
  const progress = () => control.progress(finished, r.draws, where);
  const onGpu = async (mode: string, from: number, to: number) => {
    runner ??= createEdgeRunner(gpuInstance(mode), mode as GpuMode, draws[0]!, r.draws);
    const result = await runner.run(draws.slice(from, to), { signal: control.signal });
    lambdaMax.set(result.lambdaMax, from);
    for (let i = from; i < to; i++) if (!done[i]) (done[i] = 1), finished++;
    progress();
  };
  const onCpu = (i: number) => {
    const values = esd(generate(draws[i]!).W);
    lambdaMax[i] = values[values.length - 1]!;
    if (!done[i]) (done[i] = 1), finished++;
  };
  try {
    const choice = await chooseCompute(r.backend, async (mode) => {
      const batch = batchSize(r.n, columnsFor(r.n, r.q), r.draws);
      const gpu = await timed(async () => {
        const begin = performance.now();
        await onGpu(mode, 0, Math.min(batch, r.draws));
        const first = performance.now();
        if (r.draws <= batch) return (first - begin) / 1000;
        const to = Math.min(2 * batch, r.draws);
        await onGpu(mode, batch, to);
        const perDraw = (performance.now() - first) / 1000 / (to - batch);
        return (first - begin) / 1000 + (r.draws - batch) * perDraw;
      });
      const next = done.indexOf(0);
      if (next < 0) return { gpuSeconds: gpu.seconds, cpuSeconds: null, gpuError: gpu.error };
      const begin = performance.now();
      onCpu(next);
      return { gpuSeconds: gpu.seconds, cpuSeconds: ((performance.now() - begin) / 1000) * r.draws, gpuError: gpu.error };
    });
    where = stage(choice);
    if (choice.decision.use === 'gpu') {
      // The draws still missing, in contiguous runs (the probe may have left holes).
      for (let i = 0; i < r.draws; ) {
        if (done[i]) {
          i++;
          continue;
        }
        let j = i;
        while (j < r.draws && !done[j]) j++;
        await onGpu(choice.decision.mode!, i, j);
        i = j;
      }
    } else {
      const missing = Array.from(done.keys()).filter((i) => !done[i]);
      await loop(missing.length, { signal: control.signal, progress: () => progress() }, (k) => onCpu(missing[k]!));
    }
    return { lambdaMax, choice };
  } catch (error) {
    if (control.signal.aborted) throw new JobCancelled();
    throw error;
  } finally {
    runner?.destroy();
  }
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
