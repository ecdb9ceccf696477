/**
 * The spectrum lab: one draw, its ESD, the fits and every theory overlay. The last draw is kept at σ = 1, so that a
 * σ slider only rescales eigenvalues (λ ∝ σ² exactly for every ensemble) and other sliders redraw from the same
 * seed: the same uniforms, hence a picture that moves continuously ("common random numbers").
 */
import { generate, predictTruth, resolveParams, type Truth } from '../../src/core/ensembles/index.js';
import { fitEsd } from '../../src/core/fit/index.js';
import { esdAsync } from '../../src/core/linalg/index.js';
import { mpDensity, twQuantile } from '../../src/core/theory/index.js';
import { SPECTRUM_RESOLUTION, type Band, type Marker, type SpectrumRequest, type SpectrumResult } from '../../src/labs/index.js';
import { ensembleParams } from '../../src/core/ensembles/index.js';
import { calibrationAt, inCalibratedBand } from './calibration.js';
import { fitPerN } from './fitUnits.js';
import { histogram, linearEdges, logEdges, quantileSorted, steppedGrid } from '../../src/core/stats/index.js';
import { spectrumThreads } from '../kernelThreads.js';

let cached: { key: string; unitEigenvalues: Float64Array; threads: number } | null = null;
let twInterval: [number, number] | null = null;

function drawKey(r: SpectrumRequest): string {
  const { sigma: _sigma, bins: _bins, ...rest } = r;
  return JSON.stringify(rest);
}

/** 90 % interval of TW1, for the band at the edge. */
function tw90(): [number, number] {
  twInterval ??= [twQuantile(0.05, 1), twQuantile(0.95, 1)];
  return twInterval;
}

export async function computeSpectrum(r: SpectrumRequest): Promise<SpectrumResult> {
  const t0 = performance.now();
  const params = ensembleParams(r);
  const truth = predictTruth(resolveParams(params));
  const key = drawKey(r);
  let reused = true;
  let t1 = t0;
  if (!cached || cached.key !== key) {
    reused = false;
    const { W } = generate({ ...params, sigma: 1 });
    t1 = performance.now();
    const threads = spectrumThreads(W.cols);
    cached = { key, unitEigenvalues: await esdAsync(W, '1/N', { threads }), threads: threads?.size ?? 1 };
  }
  const t2 = performance.now();
  const s2 = r.sigma * r.sigma;
  const eigenvalues = cached.unitEigenvalues.map((x) => x * s2);
  const fit = fitPerN(fitEsd({ eigenvalues, q: truth.Q, n: truth.N, normalization: '1/N' }, { seed: r.seed }));
  const t3 = performance.now();
  const resolved = resolvedPart(eigenvalues);
  const { linear, clipped } = linearSeries(resolved, eigenvalues.length, truth, r.bins);
  const mu = truth.mu;
  const calibration = truth.heavy_tail && mu !== null && inCalibratedBand(mu) ? calibrationAt(truth.ensemble, mu, truth.Q, truth.M) : null;
  const loglog = logSeries(resolved, eigenvalues.length, truth, fit.alpha, fit.xmin, fit.num_pl_spikes, Math.max(10, Math.round(r.bins / 2)), calibration?.value?.interval ?? null);
  return {
    n: truth.N,
    m: truth.M,
    eigenvalues,
    truth,
    fit,
    calibration,
    linear,
    loglog,
    markers: markersFor(truth, fit.xmin),
    bands: bandsFor(truth),
    clipped,
    unresolved: eigenvalues.length - resolved.length,
    reused,
    millis: { draw: reused ? 0 : t1 - t0, spectrum: reused ? 0 : t2 - t1, fit: t3 - t2 },
    threads: cached.threads,
  };
}

function mpCurve(x: Float64Array, truth: Truth): Float64Array {
  const variance = truth.element_variance;
  if (variance === null || !truth.mp) return new Float64Array(x.length).fill(NaN);
  const sigma = Math.sqrt(variance);
  return x.map((v) => mpDensity(v, truth.Q, sigma));
}

/**
 * The eigenvalues double precision resolves: those above SPECTRUM_RESOLUTION·λ_max. The dense eigensolver is
 * accurate to about 1e-14·λ_max, so smaller ones are rounding (some come out negative); with very heavy tails
 * (μ ≲ 0.5) λ_max is dozens of decades above the bulk and only the top eigenvalues are real.
 */
function resolvedPart(sorted: Float64Array): Float64Array {
  const top = sorted[sorted.length - 1];
  const floor = top * SPECTRUM_RESOLUTION;
  let first = 0;
  while (first < sorted.length - 1 && !(sorted[first] > floor)) first++;
  return first === 0 ? sorted : sorted.subarray(first);
}

function linearSeries(sorted: Float64Array, total: number, truth: Truth, bins: number) {
  const top = sorted[sorted.length - 1];
  const heavy = truth.heavy_tail !== null && (truth.mu ?? Infinity) < 4;
  // Heavy tails would squash the bulk into one bin: clip at a high quantile, and for the heaviest tails (whose 98th
  // percentile is decades above the median) at ten medians, and report what lies beyond.
  const hi = heavy ? Math.min(top, 1.5 * quantileSorted(sorted, 0.98), 10 * quantileSorted(sorted, 0.5)) : Math.max(top, truth.mp?.lambda_plus ?? 0);
  const lo = Math.min(0, sorted[0]);
  const h = histogram(sorted, linearEdges(lo, hi * 1.04 || 1, bins), total);
  const { x, y } = steppedGrid(h);
  return { linear: { x, ys: { esd: y, mp: mpCurve(x, truth) } }, clipped: h.above };
}

/**
 * `slopes`: the calibrated interval of α, drawn as two power laws from the fitted line's value at xmin, so that the
 * fit's slope reads as inside or outside the band.
 */
function logSeries(sorted: Float64Array, total: number, truth: Truth, alpha: number | null, xmin: number | null, tail: number | null, bins: number, slopes: [number, number] | null) {
  const top = sorted[sorted.length - 1];
  // Six decades below λ_max show a light-tailed bulk whole; heavy tails reach as far down as they are resolved.
  const floor = Math.max(top * (truth.heavy_tail !== null ? SPECTRUM_RESOLUTION : 1e-6), 1e-300);
  let lo = top;
  for (const v of sorted) if (v > floor && v < lo) lo = v;
  if (!(top > lo)) lo = top / 10;
  const h = histogram(sorted, logEdges(lo, top * 1.0001, bins), total);
  const x = new Float64Array(bins);
  for (let j = 0; j < bins; j++) x[j] = Math.sqrt(h.edges[j] * h.edges[j + 1]);
  const esdY = h.density.map((d) => (d > 0 ? d : NaN));
  const power = new Float64Array(bins).fill(NaN);
  const calibratedLow = new Float64Array(bins).fill(NaN);
  const calibratedHigh = new Float64Array(bins).fill(NaN);
  if (alpha !== null && xmin !== null && tail !== null && alpha > 1) {
    // The fitted density of the tail, scaled by the fraction of eigenvalues it describes.
    const atXmin = ((tail / total) * (alpha - 1)) / xmin;
    for (let j = 0; j < bins; j++) {
      if (!(x[j] >= xmin)) continue;
      power[j] = atXmin * Math.pow(x[j] / xmin, -alpha);
      if (slopes) [calibratedLow[j], calibratedHigh[j]] = slopes.map((a) => atXmin * Math.pow(x[j] / xmin, -a));
    }
  }
  const mp = mpCurve(x, truth).map((d) => (d > 0 ? d : NaN));
  return { x, ys: { esd: esdY, mp, powerLaw: power, ...(slopes ? { calibratedLow, calibratedHigh } : {}) } };
}

function markersFor(truth: Truth, xmin: number | null): Marker[] {
  const markers: Marker[] = [];
  if (truth.mp) {
    markers.push({ x: truth.mp.lambda_minus, label: 'λ−', kind: 'mp' }, { x: truth.mp.lambda_plus, label: 'λ+', kind: 'mp' });
  }
  for (const spike of truth.bbp) {
    if (spike.detached && spike.outlier !== null) markers.push({ x: spike.outlier, label: `BBP ${fmt(spike.strength)}`, kind: 'bbp' });
  }
  const frechet = truth.heavy_tail?.frechet_scale;
  if (frechet) markers.push({ x: frechet, label: 'Fréchet scale', kind: 'frechet' });
  if (xmin !== null) markers.push({ x: xmin, label: 'xmin', kind: 'xmin' });
  return markers;
}

function bandsFor(truth: Truth): Band[] {
  if (!truth.tracy_widom) return [];
  const { center, scale } = truth.tracy_widom;
  const [lo, hi] = tw90();
  return [{ from: center + lo * scale, to: center + hi * scale, label: 'TW₁ 90 %' }];
}

const fmt = (x: number): string => String(Number(x.toPrecision(3)));
