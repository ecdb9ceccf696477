import { ConvergenceError, ParameterError } from '../errors.js';
import { beyondFloat64, isNormalFloat64, MIN_NORMAL } from '../float64.js';
import { finite, inRange, integer, positive } from '../validate.js';

/**
 * Marchenko–Pastur law for X = WᵀW/N, W an N×M matrix with iid entries of variance σ², aspect ratio Q = N/M ≥ 1.
 * With γ = 1/Q ≤ 1 there is no atom at zero; Q = 1 is allowed (the density then diverges like λ^(−1/2) at 0).
 */

export interface MpEdges {
  lambdaMinus: number;
  lambdaPlus: number;
}

/** What checkAspect allows for σ: its bounds are those of σ² (below). */
const SIGMA_ALLOWED = 'a positive number whose σ² is a normal float64 and 4σ² is finite (about 1.5e-154 ≤ σ ≤ 6.7e153)';

/**
 * Checks (q, σ) at the public boundary; `q` is the aspect ratio N/M. Every formula of the law is σ² times a
 * function of λ/σ² and Q, so σ² itself must be a float64 with its full precision: a σ² that underflows (σ below
 * about 1.5e-154) would make λ/σ² = λ/0 and the density NaN, one that overflows (σ above about 1.3e154) the edges
 * Infinity. The bound on 4σ² keeps λ₊ = σ²(1 + 1/√Q)² ≤ 4σ² finite too.
 */
export function checkAspect(q: unknown, sigma: unknown): void {
  finite('q', q, 'a finite number ≥ 1 (Q = N/M with N ≥ M)');
  if ((q as number) < 1) throw new ParameterError('q', q, 'a finite number ≥ 1 (Q = N/M with N ≥ M)');
  const s = positive('sigma', sigma);
  const s2 = s * s;
  if (s2 < MIN_NORMAL) throw new ParameterError('sigma', s, SIGMA_ALLOWED, `σ² = ${s2} is below float64's normal range`);
  if (!(4 * s2 <= Number.MAX_VALUE)) throw new ParameterError('sigma', s, SIGMA_ALLOWED, 'σ²(1 + 1/√Q)², up to 4σ², overflows float64');
}

function edges(q: number): { a: number; b: number } {
  const r = 1 / Math.sqrt(q);
  return { a: (1 - r) * (1 - r), b: (1 + r) * (1 + r) };
}

export function mpEdges(q: number, sigma = 1): MpEdges {
  checkAspect(q, sigma);
  const { a, b } = edges(q);
  const s2 = sigma * sigma;
  return { lambdaMinus: s2 * a, lambdaPlus: s2 * b };
}

/** Density at unit variance; x in units of σ². */
function densityUnit(x: number, q: number): number {
  const { a, b } = edges(q);
  if (!(x > a && x < b)) return 0;
  // (b − x)(x − a) written as a product keeps relative accuracy next to both edges.
  return (q / (2 * Math.PI * x)) * Math.sqrt((b - x) * (x - a));
}

/**
 * √(x − a) at x = λ/σ², or undefined outside (a, b). With a = 0 (Q = 1) it is √λ/σ: λ/σ² itself can fall below
 * float64's normal range (or to 0) for a tiny λ > 0, where the density ~ 1/(π√(λ)σ) and the CDF ~ 2√λ/(πσ) are
 * still ordinary numbers, so they are computed from √λ and σ, never from the rounded λ/σ².
 */
function rootAbove(lambda: number, q: number, sigma: number): number | undefined {
  const { a, b } = edges(q);
  const x = lambda / (sigma * sigma);
  if (a === 0) return lambda > 0 && x < b ? Math.sqrt(lambda) / sigma : undefined;
  return x > a && x < b ? Math.sqrt(x - a) : undefined;
}

/**
 * CDF at unit variance. The antiderivative of √((b−t)(t−a))/t is
 *   √R + (a+b)/2 · arcsin(u) − √(ab) · arcsin(v),  u = (2t−a−b)/(b−a),  v = ((a+b)t − 2ab)/((b−a)t),
 * and both arcsines equal −π/2 at t = a. Writing arcsin(·) + π/2 as an atan2 of exact sine/cosine parts
 * avoids the loss of accuracy of arcsin next to ±1. The total mass is π((a+b)/2 − √(ab)) = 2πγ.
 * Its three terms are of order 1 and cancel down to that mass: for γ = 1/Q small the relative error grows like
 * ε/γ (1e-8 at Q = 1e6), so from Q = SERIES_FROM on the CDF is summed as a series in √γ instead (cdfSeries).
 */
function cdfUnit(x: number, q: number, rootXa?: number): number {
  const { a, b } = edges(q);
  if (rootXa === undefined && x <= a) return 0;
  if (x >= b) return 1;
  if (q >= SERIES_FROM) return Math.min(1, Math.max(0, cdfSeries(x, q)));
  const gamma = 1 / q;
  // rootXa = √(x − a) when the caller has it more accurately than x does (Q = 1 and a tiny λ: rootAbove).
  const rootR = rootXa === undefined ? Math.sqrt((b - x) * (x - a)) : Math.sqrt(b - x) * rootXa;
  const rootAB = 1 - gamma; // √(ab) = (1 − √γ)(1 + √γ) = 1 − γ
  const t1 = Math.atan2(2 * rootR, a + b - 2 * x);
  const t2 = rootAB > 0 ? Math.atan2(2 * rootAB * rootR, 2 * a * b - (a + b) * x) : 0;
  const value = (rootR + ((a + b) / 2) * t1 - rootAB * t2) / (2 * Math.PI * gamma);
  return Math.min(1, Math.max(0, value));
}

/** Q from which cdfUnit sums the series: √γ ≤ 1/4, so 28 terms reach 1e-17. */
const SERIES_FROM = 16;

/**
 * The CDF on (a, b) for small γ, free of cancellation. With r = √γ and x = 1 + r² − 2r·cos θ (θ from 0 at a to π
 * at b), the density times dx is (2/π)·sin²φ/(1 + r² − 2r·cos φ) dφ, and the Poisson kernel
 * 1/(1 + r² − 2r·cos φ) = (1 + 2 Σ_{k≥1} r^k cos kφ)/(1 − r²) gives, with S(m) = ∫₀^θ cos mφ dφ,
 *   F = (2/π)/(1 − r²) · [ (θ − sin 2θ/2)/2 + Σ_{k≥1} r^k (S(k) − (S(k+2) + S(k−2))/2) ],
 * every term bounded by r^k: the sum is accurate to a few ε whatever γ.
 */
function cdfSeries(x: number, q: number): number {
  const r = 1 / Math.sqrt(q);
  const { a, b } = edges(q);
  // sin θ = √((b−x)(x−a))/(2r), cos θ = (1 + r² − x)/(2r): atan2 of the two keeps θ accurate at both edges.
  const theta = Math.atan2(Math.sqrt((b - x) * (x - a)), 1 + r * r - x);
  const S = (m: number): number => (m === 0 ? theta : Math.sin(Math.abs(m) * theta) / Math.abs(m));
  let sum = (theta - Math.sin(2 * theta) / 2) / 2;
  for (let k = 1, rk = r; rk > 1e-18; k++, rk *= r) sum += rk * (S(k) - (S(k + 2) + S(k - 2)) / 2);
  return ((2 / Math.PI) * sum) / (1 - r * r);
}

/**
 * The density at λ. Refused (naming lambda) where it exceeds float64, which only a σ near the bottom of its range
 * can cause (the density scales as 1/σ²): ρ(λ) = ρ₁(λ/σ²)/σ² with ρ₁ the density at σ = 1.
 */
export function mpDensity(lambda: number, q: number, sigma = 1): number {
  checkAspect(q, sigma);
  finite('lambda', lambda);
  const s2 = sigma * sigma;
  const x = lambda / s2;
  const { a, b } = edges(q);
  let value: number;
  let log10: () => number;
  if (a === 0) {
    // Q = 1: ρ = (Q/2π)·√(b − x)/(√λ·σ), finite and accurate down to the smallest λ > 0 (rootAbove).
    if (rootAbove(lambda, q, sigma) === undefined) return 0;
    const c = q / (2 * Math.PI);
    value = (c * (Math.sqrt(b - x) / Math.sqrt(lambda))) / sigma;
    log10 = () => Math.log10(c) + 0.5 * Math.log10(b - x) - 0.5 * Math.log10(lambda) - Math.log10(sigma);
  } else {
    value = densityUnit(x, q) / s2;
    log10 = () => Math.log10(densityUnit(x, q)) - Math.log10(s2);
  }
  if (value > Number.MAX_VALUE) {
    throw beyondFloat64('lambda', lambda, 'points', 'density', log10(), 'evaluate at σ = 1 and λ/σ², and divide that density by σ²');
  }
  return value;
}

export function mpCdf(lambda: number, q: number, sigma = 1): number {
  checkAspect(q, sigma);
  finite('lambda', lambda);
  const x = lambda / (sigma * sigma);
  if (edges(q).a === 0) {
    const root = rootAbove(lambda, q, sigma);
    return root === undefined ? (lambda <= 0 ? 0 : 1) : cdfUnit(x, q, root);
  }
  return cdfUnit(x, q);
}

/**
 * Inverse CDF: bisection keeps a bracket, Newton steps inside it converge fast away from the edges. A quantile
 * λ > 0 below float64's normal range (Q = 1 and p below about 1e-154, or a σ near the bottom of its range) is
 * refused, naming p, rather than returned as 0 or a subnormal without its digits.
 */
export function mpQuantile(p: number, q: number, sigma = 1): number {
  checkAspect(q, sigma);
  inRange('p', p, 0, 1);
  const { a, b } = edges(q);
  const s2 = sigma * sigma;
  if (p === 0) return s2 * a;
  if (p === 1) return s2 * b;
  const x = a === 0 ? quantileFromZero(p, q, sigma) : quantileUnit(p, q, a, b);
  const value = s2 * x;
  if (!isNormalFloat64(value)) {
    throw beyondFloat64('p', p, 'probabilities', 'quantile', Math.log10(s2) + Math.log10(x), 'use a larger p (or σ)');
  }
  return value;
}

function quantileUnit(p: number, q: number, a: number, b: number): number {
  return newtonInBracket((x) => cdfUnit(x, q) - p, (x) => densityUnit(x, q), a, b, a + p * (b - a), `p = ${p}, q = ${q}`);
}

/**
 * The unit-variance quantile for a = 0 (Q = 1), where F grows like (2Q/π)√x from 0: solved in u = √x, on which F
 * is smooth with dF/du = (Q/π)√(b − u²), so tiny p take as few steps as any other. u starts at √(MIN_NORMAL)/σ
 * (λ = σ²u² normal); a p below F there is refused: its quantile σ²u², u ≈ πp/(2Q), is below float64's normal range.
 */
function quantileFromZero(p: number, q: number, sigma: number): number {
  const b = edges(q).b;
  const cdf = (u: number): number => cdfUnit(u * u, q, u);
  const lo = Math.sqrt(MIN_NORMAL) / sigma;
  const hi = Math.sqrt(b);
  if (p < cdf(lo)) {
    const log10 = 2 * (Math.log10((Math.PI * p) / (2 * q)) + Math.log10(sigma));
    throw beyondFloat64('p', p, 'probabilities', 'quantile', log10, 'use a larger p (or σ)');
  }
  let u = Math.min(Math.max((Math.PI * p) / (2 * q), lo), hi);
  if (!(u > lo && u < hi)) u = 0.5 * (lo + hi);
  const root = newtonInBracket((v) => cdf(v) - p, (v) => (q / Math.PI) * Math.sqrt(Math.max(0, b - v * v)), lo, hi, u, `p = ${p}, q = ${q}`);
  return root * root;
}

/**
 * The root of an increasing f in [lo, hi] from `start`: Newton steps with slope f′, bisection when a step would leave
 * the bracket the signs of f keep; converged at a relative bracket width of 4ε or a relative step of 2ε. `what`
 * names the equation in the error when it does not converge.
 */
function newtonInBracket(f: (x: number) => number, slope: (x: number) => number, loIn: number, hiIn: number, start: number, what: string): number {
  let lo = loIn;
  let hi = hiIn;
  let x = start;
  for (let iter = 0; iter < 200; iter++) {
    const fx = f(x);
    if (fx === 0) return x;
    if (fx < 0) lo = x;
    else hi = x;
    if (hi - lo <= 4 * Number.EPSILON * hi) return 0.5 * (lo + hi);
    const d = slope(x);
    let next = d > 0 ? x - fx / d : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 2 * Number.EPSILON * x) return next;
    x = next;
  }
  throw new ConvergenceError('mpQuantile', `no convergence for ${what}`);
}

/**
 * k-th moment E[λ^k] = σ^(2k) Σ_{r=0}^{k−1} γ^r/(r+1) · C(k, r) · C(k−1, r) (Narayana polynomial, γ = 1/Q).
 */
export function mpMoment(k: number, q: number, sigma = 1): number {
  integer('k', k, 0);
  checkAspect(q, sigma);
  if (k === 0) return 1;
  const gamma = 1 / q;
  // term_r = γ^r C(k, r) C(k−1, r)/(r+1), updated by ratios; the sum grows like λ₊^k, so it is kept below 2^900
  // by rescaling (exactly, by powers of two) and the scale is put back in logarithms: a moment beyond the
  // float64 range comes out as Infinity (or 0 for tiny σ), never as Infinity × 0 = NaN.
  let term = 1;
  let sum = 1;
  let log2Scale = 0;
  for (let r = 0; r < k - 1; r++) {
    term *= (gamma * (k - r) * (k - 1 - r) * (r + 1)) / ((r + 1) * (r + 1) * (r + 2));
    sum += term;
    if (sum > 2 ** 900) {
      sum *= 2 ** -900;
      term *= 2 ** -900;
      log2Scale += 900;
    }
  }
  if (log2Scale === 0) return Math.pow(sigma, 2 * k) * sum;
  return Math.exp(2 * k * Math.log(sigma) + Math.log(sum) + log2Scale * Math.LN2);
}
