/**
 * The landscape lab's four pictures as figures (the notebooks' plain-data format, drawn by the shared chart like a
 * lesson's): the gaps of the local minima above the ground state, energy against overlap with the ground state, the
 * width of the band of minima against N, and the spectrum of J. Each law keeps its colour in every figure.
 */
import { fitLine, histogram, linearEdges, quantileSorted } from '../../../core/stats/index.js';
import { semicircleDensity } from '../../../core/theory/semicircle.js';
import type { Figure, Series } from '../../../report/notebook.js';
import { PALETTE } from '../../../report/svg.js';
import type { GapUnits, LandscapePicture } from './picture.js';

const GAP_BINS = 30;
const SPECTRUM_BINS = 50;
/** Minima drawn per law in the scatter (the histogram counts them all). */
export const SCATTER_POINTS = 3000;
/** Upper ends of the histograms: this quantile of the values, so that a few far outliers do not squash the rest. */
const TOP_QUANTILE = 0.995;
const SPECTRUM_QUANTILE = 0.98;

export const lawColor = (k: number): string => PALETTE[k % PALETTE.length];

const sorted = (values: readonly number[]): number[] => values.filter(Number.isFinite).sort((a, b) => a - b);

function gapValues(p: LandscapePicture, units: GapUnits): number[][] {
  return p.minima.map((m) => (units === 'relative' ? m.relativeGaps : m.gaps));
}

const gapLabel = (units: GapUnits) => (units === 'relative' ? '(e_min − e_GS) / |e_GS|' : 'e_min − e_GS (per spin)');

/** How each law's ground states were found, for titles: exact only when every instance's was. */
function groundWords(p: LandscapePicture): string {
  const records = p.minima.flatMap((m) => m.records);
  if (records.length === 0) return 'the ground state';
  return records.every((r) => r.ground_state_exact) ? 'the exact ground state' : 'the best ground state found';
}

export interface GapHistogram {
  edges: Float64Array;
  /** Per law: density per bin, and how many minima lie beyond the last edge. */
  density: Float64Array[];
  beyond: number[];
  counts: number[];
}

export function gapHistogram(p: LandscapePicture, units: GapUnits): GapHistogram | null {
  const values = gapValues(p, units);
  if (values.every((v) => v.length === 0)) return null;
  // A law without minima in these units has no quantile: the others set the range.
  const top = Math.max(...values.filter((v) => v.length > 0).map((v) => quantileSorted(sorted(v), TOP_QUANTILE)));
  // All quenches at the ground state (gap 0): one bar at 0 of an arbitrary width.
  const edges = linearEdges(0, top > 0 ? top * 1.0001 : 1, GAP_BINS);
  const hs = values.map((v) => histogram(v, edges));
  return { edges, density: hs.map((h) => h.density), beyond: hs.map((h) => h.above), counts: values.map((v) => v.length) };
}

export function gapFigure(p: LandscapePicture, h: GapHistogram, units: GapUnits): Figure {
  const centres = Array.from({ length: h.edges.length - 1 }, (_, j) => 0.5 * (h.edges[j] + h.edges[j + 1]));
  const beyond = h.beyond.map((b, k) => (b > 0 ? `${p.laws[k].label}: ${b} beyond the last bar` : '')).filter(Boolean);
  return {
    title: `Local minima above ${groundWords(p)}, N = ${p.n}`,
    x: { label: gapLabel(units), min: 0 },
    y: { label: 'density' },
    series: p.laws.map((law, k): Series => ({ label: law.label, x: centres, y: Array.from(h.density[k]), kind: 'bars', color: lawColor(k) })),
    caption:
      `${h.counts.map((c, k) => `${p.laws[k].label}: ${c} minima`).join('; ')}. The bar at 0 holds the quenches that reached the ground state.` +
      (beyond.length ? ` ${beyond.join('; ')}.` : ''),
  };
}

export function scatterFigure(p: LandscapePicture, units: GapUnits): Figure | null {
  if (p.minima.every((m) => m.gaps.length === 0)) return null;
  const values = gapValues(p, units);
  const capped = p.minima.some((m) => m.gaps.length > SCATTER_POINTS);
  return {
    title: 'Energy of each minimum against its overlap with the ground state',
    x: { label: '|overlap| with the ground state', min: 0, max: 1 },
    y: { label: gapLabel(units), min: 0 },
    series: p.laws.map((law, k): Series => ({
      label: law.label,
      x: p.minima[k].overlaps.slice(0, SCATTER_POINTS),
      y: values[k].slice(0, SCATTER_POINTS),
      kind: 'points',
      color: lawColor(k),
    })),
    caption:
      (p.planted > 0 ? `With a planted pattern (λ = ${p.planted}), low energy should mean high overlap: a funnel toward ±ξ. ` : 'Minima at every overlap and energy are a rugged landscape; a funnel would run from the top left to the bottom right. ') +
      (capped ? `The first ${SCATTER_POINTS} minima of each law are drawn.` : ''),
  };
}

/** Width of the band of minima against N, with a weighted power-law fit width ∝ N^(−κ) per law (3 sizes or more). */
export function widthFigure(p: LandscapePicture): Figure | null {
  if (p.widths.length === 0) return null;
  const series: Series[] = [];
  p.laws.forEach((law, k) => {
    const points = p.widths.filter((w) => w.law === k && w.width > 0).sort((a, b) => a.n - b.n);
    if (points.length === 0) return;
    series.push({ label: law.label + kappaText(points), x: points.map((w) => w.n), y: points.map((w) => w.width), yErr: points.map((w) => w.widthSe), kind: 'points', color: lawColor(k) });
  });
  return {
    title: 'Width of the band of minima against N',
    x: { label: 'N', log: true },
    y: { label: 'width: SD of e_min (per spin)', log: true },
    series,
    caption: 'The SD of the minima energies within an instance, mean over instances ± SE, from quenches alone (the width needs no ground state). A band that narrows as N grows is a band the minima concentrate in.',
  };
}

function kappaText(points: { n: number; width: number; widthSe: number }[]): string {
  if (points.length < 3) return '';
  // Weighted by the SE of log width (SE/width) when every point has one; unweighted otherwise (one instance).
  const errors = points.map((w) => w.widthSe / w.width);
  const weighted = errors.every((e) => Number.isFinite(e) && e > 0);
  const fit = fitLine(points.map((w) => Math.log(w.n)), points.map((w) => Math.log(w.width)), weighted ? errors : undefined);
  return Number.isFinite(fit.slope) ? `: κ = ${(-fit.slope).toFixed(2)} ± ${fit.slopeSe.toFixed(2)}` : '';
}

/**
 * The semicircle's support [−2, 2] for couplings of variance 1/N. The semicircle density itself belongs to the
 * core's theory: when it is there, this overlay becomes the density curve.
 */
/** Wigner's semicircle on [−2, 2]: the limit of the ESD of finite-variance couplings (off-diagonal variance 1/N). */
function semicircleOverlay(): Series {
  const x = Array.from({ length: 201 }, (_, i) => -2 + (4 * i) / 200);
  return { label: 'Wigner semicircle', x, y: x.map((v) => semicircleDensity(v)), kind: 'line', color: PALETTE[8], theory: true };
}

export function spectrumFigure(p: LandscapePicture): Figure | null {
  const spectra = p.spectra.map((s, k) => (s ? { s, law: p.laws[k], k } : null)).filter((x) => x !== null);
  if (spectra.length === 0) return null;
  const all = sorted(spectra.flatMap(({ s }) => Array.from(s.eigenvalues, Math.abs)));
  // Wide enough for the bulk of every law (the semicircle ends at 2), not for the few far heavy-tailed outliers.
  const edge = Math.min(8, Math.max(2.5, 1.15 * quantileSorted(all, SPECTRUM_QUANTILE)));
  const edges = linearEdges(-edge, edge, SPECTRUM_BINS);
  const series: Series[] = [];
  const outside: string[] = [];
  for (const { s, law, k } of spectra) {
    const h = histogram(s.eigenvalues, edges);
    if (h.below + h.above > 0) outside.push(`${law.label}: ${h.below + h.above} beyond ±${edge.toFixed(1)}, up to ${Math.max(...Array.from(s.eigenvalues, Math.abs)).toPrecision(3)}`);
    series.push({ label: `${law.label} (${s.draws} draw${s.draws > 1 ? 's' : ''})`, x: Array.from(h.centres), y: Array.from(h.density), kind: 'bars', color: lawColor(k) });
  }
  if (spectra.some(({ law }) => law.finiteVariance)) series.push(semicircleOverlay());
  return {
    title: `Spectrum of the couplings J, N = ${p.n}`,
    x: { label: 'eigenvalue of J', min: -edge, max: edge },
    y: { label: 'density' },
    series,
    caption:
      'Finite-variance couplings fill the semicircle on [−2, 2]; heavy-tailed ones have no edge, a few eigenvalues follow the largest couplings far out. With Gaussian couplings a planted pattern λ > 1 pulls one eigenvalue out of the bulk, to λ + 1/λ.' +
      (outside.length ? ` ${outside.join('; ')}.` : ''),
  };
}
