import { ParameterError } from '../../errors.js';
import { inRange, numbers } from '../../validate.js';
import { gaussLegendre } from '../special/quadrature.js';
import { tableInverse, tableValues, tracyWidomTable } from './table.js';
import { tracyWidomNystrom, type TracyWidomBeta } from './nystrom.js';
import { inLeftTail, inRightTail, LEFT_EDGE, leftTail, leftTailLog, RIGHT_EDGE, rightTail } from './tails.js';

export type { TracyWidomBeta } from './nystrom.js';

/**
 * Tracy–Widom laws TW_β, β ∈ {1, 2, 4}: limits of the rescaled largest eigenvalue of GOE/real Wishart (1),
 * GUE/complex Wishart (2) and GSE (4). F4 follows Tracy & Widom (2005) and Bornemann (2010):
 * F4(s) = ½[det(I − A_{√2 s}) + det(I + A_{√2 s})], mean −2.3069, variance 0.5177 (the other convention in
 * the literature is this one at s/√2, with variance 1.0354).
 *
 * twCdf and twPdf evaluate the Fredholm determinants directly (absolute error ~1e−15, see nystrom.ts).
 */

export function checkBeta(beta: unknown): TracyWidomBeta {
  if (beta !== 1 && beta !== 2 && beta !== 4) throw new ParameterError('beta', beta, 'one of 1, 2, 4');
  return beta;
}

/** s: any number, ±Infinity included; NaN and non-numbers are refused. */
function checkPoint(s: unknown, name = 's'): number {
  if (typeof s !== 'number' || Number.isNaN(s)) throw new ParameterError(name, s, 'a number (±Infinity allowed)');
  return s;
}

/** CDF and density at s: the determinants in the bulk, the asymptotic expansions in the tails (tails.ts). */
function twValues(s: number, beta: TracyWidomBeta): { cdf: number; pdf: number } {
  if (s === -Infinity) return { cdf: 0, pdf: 0 };
  if (s === Infinity) return { cdf: 1, pdf: 0 };
  if (inLeftTail(s, beta)) return leftTail(s, beta);
  if (inRightTail(s, beta)) {
    const { survival, pdf } = rightTail(s, beta);
    return { cdf: 1 - survival, pdf };
  }
  const v = tracyWidomNystrom(s, beta);
  return { cdf: Math.min(1, Math.max(0, v.cdf)), pdf: Math.max(0, v.pdf) };
}

export function twCdf(s: number, beta: TracyWidomBeta): number {
  checkBeta(beta);
  return twValues(checkPoint(s), beta).cdf;
}

/** Density: the exact derivative of the discretised determinant (trace formula with Ai′), or of the tail expansions. */
export function twPdf(s: number, beta: TracyWidomBeta): number {
  checkBeta(beta);
  return twValues(checkPoint(s), beta).pdf;
}

/**
 * CDF and density on many points at once from the cached Chebyshev table (error ~2e−15 against twCdf/twPdf;
 * the first call per β builds the table, ~0.3 s). Points outside the table's range are evaluated as twCdf does.
 */
export function twCurve(s: ArrayLike<number>, beta: TracyWidomBeta): { cdf: Float64Array; pdf: Float64Array } {
  checkBeta(beta);
  const points = numbers('s', s, { finiteOnly: false });
  const table = tracyWidomTable(beta);
  const n = points.length;
  const cdf = new Float64Array(n);
  const pdf = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = checkPoint(points[i], `s[${i}]`);
    const v = x >= table.lo && x <= table.hi ? tableValues(table, x) : twValues(x, beta);
    cdf[i] = Math.min(1, Math.max(0, v.cdf));
    pdf[i] = Math.max(0, v.pdf);
  }
  return { cdf, pdf };
}

/**
 * Quantile: in the bulk, table inversion then one Newton step on the direct CDF (|error| ≲ 1e−13 in s); in the
 * tails (p below the CDF at the left tail's edge, 1 − p below the survival at the right tail's edge) the tail
 * expansions are inverted, working with ln p or
 * 1 − p, so that p = 1e−300 or 1 − 2^−53 get their own quantiles. p = 0, 1 give ∓∞.
 */
export function twQuantile(p: number, beta: TracyWidomBeta): number {
  checkBeta(beta);
  inRange('p', p, 0, 1);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p < twValues(LEFT_EDGE[beta], beta).cdf) return invertLeftTail(p, beta);
  if (1 - p < rightTail(RIGHT_EDGE[beta], beta).survival) return invertRightTail(1 - p, beta);
  const table = tracyWidomTable(beta);
  const s = tableInverse(table, p);
  const v = twValues(s, beta);
  const step = v.pdf > 0 ? (v.cdf - p) / v.pdf : 0;
  // One Newton step polishes the table's answer; a step beyond the table's error means the density is too small
  // for it to be meaningful.
  return Math.abs(step) < 1e-6 ? s - step : s;
}

/** Bisection on a monotone function over [a, b] until the interval stops shrinking in float64. */
function bisect(increasing: (s: number) => number, target: number, a: number, b: number): number {
  for (let i = 0; i < 2000; i++) {
    const mid = 0.5 * (a + b);
    if (mid <= a || mid >= b) break;
    if (increasing(mid) < target) a = mid;
    else b = mid;
  }
  return 0.5 * (a + b);
}

function invertLeftTail(p: number, beta: TracyWidomBeta): number {
  const target = Math.log(p);
  // From the edge (where F > p) outwards until F < p, then bisection; the expansion is monotone there.
  let a = 2 * LEFT_EDGE[beta];
  while (leftTailLog(a, beta).logCdf > target) a *= 2;
  return bisect((s) => leftTailLog(s, beta).logCdf, target, a, LEFT_EDGE[beta]);
}

function invertRightTail(q: number, beta: TracyWidomBeta): number {
  // 1 − F decreases in s: bisect on −(1 − F) between the right edge and where it underflows.
  return bisect((s) => -rightTail(s, beta).survival, -q, RIGHT_EDGE[beta], 200);
}


/**
 * Inverse-CDF transform of caller-supplied uniforms (draw them from a seeded stream). Uses the Chebyshev table:
 * each sample solves table-CDF(s) = u to ~1e−14 in s, so the samples follow TW_β up to ~2e−15 in probability.
 * u ≤ CDF(lo) and u ≥ CDF(hi) (probabilities below ~1e−17) are clamped to the table's ends.
 */
export function twSample(uniforms: ArrayLike<number> | Float64Array, beta: TracyWidomBeta): Float64Array {
  checkBeta(beta);
  const table = tracyWidomTable(beta);
  const out = new Float64Array(uniforms.length);
  for (let i = 0; i < uniforms.length; i++) {
    out[i] = tableInverse(table, inRange(`uniforms[${i}]`, uniforms[i], 0, 1));
  }
  return out;
}

export interface TracyWidomMoments {
  mean: number;
  variance: number;
  skewness: number;
  /** Excess kurtosis (0 for a Gaussian). */
  kurtosis: number;
}

const momentCache = new Map<TracyWidomBeta, TracyWidomMoments>();

/** Mean, variance, skewness and excess kurtosis by 40-point Gauss–Legendre on every table piece. */
export function twMoments(beta: TracyWidomBeta): TracyWidomMoments {
  checkBeta(beta);
  const cached = momentCache.get(beta);
  if (cached) return cached;
  const table = tracyWidomTable(beta);
  const rule = gaussLegendre(40);
  const raw = [0, 0, 0, 0, 0];
  for (let a = table.lo; a < table.hi; a += 1) {
    for (let i = 0; i < rule.nodes.length; i++) {
      const s = a + 0.5 * (rule.nodes[i] + 1);
      const w = 0.5 * rule.weights[i] * tableValues(table, s).pdf;
      let power = 1;
      for (let k = 0; k < 5; k++) {
        raw[k] += w * power;
        power *= s;
      }
    }
  }
  const mean = raw[1] / raw[0];
  // Central moments from the raw ones (the offsets are small, so the cancellation is harmless).
  const m2 = raw[2] / raw[0] - mean * mean;
  const m3 = raw[3] / raw[0] - 3 * mean * (raw[2] / raw[0]) + 2 * mean ** 3;
  const m4 = raw[4] / raw[0] - 4 * mean * (raw[3] / raw[0]) + 6 * mean * mean * (raw[2] / raw[0]) - 3 * mean ** 4;
  const moments = { mean, variance: m2, skewness: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) - 3 };
  momentCache.set(beta, moments);
  return moments;
}
