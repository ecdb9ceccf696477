/** Axis ticks and their labels, shared by every SVG writer (notebook figures and the labs' exports). */

/** Round ticks inside [lo, hi]: the step of 1, 2 or 5 × 10^k that gives closest to `count` intervals. */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).reduce((best, s) => (Math.abs((hi - lo) / s - count) < Math.abs((hi - lo) / best - count) ? s : best));
  const out: number[] = [];
  // toPrecision(12) turns 0.30000000000000004 back into 0.3; a tick within rounding of 0 is 0.
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  return out;
}

/**
 * Ticks of a log axis on [lo, hi] (lo > 0): the decades inside, every few decades when there are more than
 * `maxTicks`; with less than two decades in view, 1, 2 and 5 times the powers of ten inside.
 */
export function logTicks(lo: number, hi: number, maxTicks = 8): number[] {
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  const ticks: number[] = [];
  const first = Math.ceil(a - 1e-9);
  const last = Math.floor(b + 1e-9);
  const stride = Math.max(1, Math.ceil((last - first + 1) / maxTicks));
  for (let e = first; e <= last; e += stride) ticks.push(Number((10 ** e).toPrecision(12)));
  if (ticks.length >= 2) return ticks;
  const inside: number[] = [];
  for (let e = Math.floor(a); e <= Math.ceil(b); e++) {
    for (const m of [1, 2, 5]) {
      const t = Number((m * 10 ** e).toPrecision(12));
      if (Math.log10(t) >= a - 1e-12 && Math.log10(t) <= b + 1e-12) inside.push(t);
    }
  }
  return inside;
}

/** A tick's text: plain up to 4 significant digits, exponential beyond [1e-3, 1e5); log ticks need one digit. */
export function tickLabel(v: number, log = false): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(log ? 0 : 1).replace('e+', 'e');
  return String(Number(v.toPrecision(4)));
}
