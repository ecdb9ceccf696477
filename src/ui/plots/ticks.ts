/**
 * Axis ticks and their labels, for the canvas charts, the heatmap and the SVG exports alike: round values, never
 * more than a handful, and labels that stay distinct and readable at any scale (a density of 1e-10 is not "0").
 */

/** Round ticks inside [lo, hi]: the step of 1, 2 or 5 × 10^k that gives closest to `count` intervals. */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return Number.isFinite(lo) ? [lo] : [];
  const step = niceStep(lo, hi, count);
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

/** The round step (1, 2 or 5 × 10^k) closest to `count` intervals over [lo, hi]. */
export function niceStep(lo: number, hi: number, count = 5): number {
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).reduce((best, s) => (Math.abs((hi - lo) / s - count) < Math.abs((hi - lo) / best - count) ? s : best));
}

/**
 * Decades inside [lo, hi] (lo > 0), every k-th one when there are more than `most` (a spectrum of very heavy tails
 * spans dozens of decades). Within one decade, where no power of ten falls, two round values instead.
 */
export function logTicks(lo: number, hi: number, most = 8): number[] {
  if (!(lo > 0) || !(hi >= lo) || !Number.isFinite(hi)) return [];
  const first = Math.ceil(Math.log10(lo) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  if (last < first) return linearTicks(lo, hi, 2).filter((t) => t > 0);
  const stride = Math.max(1, Math.ceil((last - first + 1) / most));
  const out: number[] = [];
  for (let k = first; k <= last; k += stride) out.push(Number((10 ** k).toPrecision(12)));
  return out;
}

/**
 * Labels for ticks `step` apart: plain decimals with just enough places for the step, or, for very large or very
 * small values, exponent notation with enough mantissa digits to tell neighbouring ticks apart.
 */
export function tickLabels(ticks: readonly (number | null)[], step: number): string[] {
  const big = Math.max(0, ...ticks.map((t) => Math.abs(t ?? NaN)).filter(Number.isFinite));
  const scale = Number.isFinite(step) && step > 0 ? step : big;
  if (big === 0) return ticks.map((t) => (t === null ? '' : '0'));
  if (big >= 1e5 || big < 1e-3 || scale < 1e-4) {
    const digits = Math.max(0, Math.min(6, Math.floor(Math.log10(big)) - Math.floor(Math.log10(scale) + 1e-9)));
    return ticks.map((t) => (t === null || !Number.isFinite(t) ? '' : t === 0 ? '0' : t.toExponential(digits).replace('e+', 'e')));
  }
  const decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(scale) + 1e-9)));
  return ticks.map((t) => (t === null || !Number.isFinite(t) ? '' : Math.abs(t) < scale * 1e-9 ? '0' : t.toFixed(decimals)));
}

/** Labels for decades (log axes): 0.01 … 1000 as numbers, beyond that as powers of ten. */
export function decadeLabel(v: number): string {
  if (!(v > 0)) return '';
  return v >= 0.01 && v < 1e4 ? String(Number(v.toPrecision(3))) : `1e${Math.round(Math.log10(v))}`;
}
