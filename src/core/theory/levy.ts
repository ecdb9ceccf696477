import { ConvergenceError, ParameterError } from '../errors.js';
import { finite, positive } from '../validate.js';
import { lnGamma } from './special/gamma.js';
import { gaussLegendre } from './special/quadrature.js';

/**
 * The limiting spectral density of Lévy matrices (Cizeau & Bouchaud 1994): symmetric N×N H with iid entries above
 * the diagonal, P(|H_ij| > t) ~ C·t^(−μ) with 0 < μ < 2, scaled by N^(−1/μ). With a = μ/2, the resolvent's
 * diagonal obeys the cavity equation G = −1/(z + Σ_k ξ_k G_k) with {ξ_k} a Poisson process of intensity
 * a·ξ^(−a−1), and the sum is a one-sided a-stable variable whose law is fixed by one complex number c(z)
 * (Ben Arous & Guionnet 2008; Belinschi, Dembo & Guionnet 2009). At z = x + i0 and for C = 1,
 *
 *   c = K ∫₀^∞ exp(−c·u + i·x·u^(1/a)) du,   K = Γ(1 − a)/Γ(1 + a),   Re c > 0,
 *   ρ(x) = (1/(aπ)) Re ∫₀^∞ u^(1/a − 1) exp(−c·u + i·x·u^(1/a)) du,
 *
 * Cizeau and Bouchaud's self-consistent equations in closed form. For each x we solve for c by Newton's method
 * and evaluate the integrals by double-exponential (exp-sinh) quadrature along a ray u = r·e^(iθ) chosen so that
 * the integrand decays without oscillating (the rotation is exact: 1/a > 1, so the second term dominates at
 * infinity). Accuracy about 1e−11 relative (tested against an independent 20-digit evaluation); the CDF integrates
 * the density by Gauss–Legendre panels (absolute error ~2e−11). For the entry law's own C the density is
 * ρ_C(x) = ρ(x/s)/s with s = C^(1/μ).
 */

export interface LevyOptions {
  /** C in P(|x| > t) ~ C·t^(−μ) for the entries before the N^(−1/μ) scaling (default 1: Pareto-I). */
  tailConstant?: number;
}

/**
 * μ range where the solver is tested to its stated accuracy. Towards 0 the mass gathers in a spike at 0 of width
 * ~ρ(0)^(−1) (ρ(0) = 6·10⁵ at μ = 0.2) and the tail reaches out to 10^(7/μ); towards 2 the density grows a steep
 * shoulder, the precursor of the semicircle edge.
 */
export const LEVY_MU_RANGE: readonly [number, number] = [0.5, 1.9];

type Complex = [number, number];

interface Law {
  a: number;
  K: number;
  mu: number;
}

function law(mu: number): Law {
  if (typeof mu !== 'number' || !(mu >= LEVY_MU_RANGE[0] && mu <= LEVY_MU_RANGE[1])) {
    throw new ParameterError('mu', mu, `a number in [${LEVY_MU_RANGE[0]}, ${LEVY_MU_RANGE[1]}] (Lévy matrices need 0 < μ < 2; the solver is tested on this range)`);
  }
  const a = mu / 2;
  return { a, mu, K: Math.exp(lnGamma(1 - a) - lnGamma(1 + a)) };
}

function scaleOf(mu: number, opts: LevyOptions): number {
  return Math.pow(positive('tailConstant', opts.tailConstant ?? 1), 1 / mu);
}

// ---- exp-sinh quadrature of complex integrands on a ray --------------------------------------------------------

const T_LEFT = -4.5;
const T_RIGHT = 3.5;
const MAX_LEVELS = 8;

/** exp-sinh nodes e^(π/2·sinh t) and weights π/2·cosh t·e^(π/2·sinh t), level by level (level 0: step ½). */
const NODE_TABLE: { x: Float64Array; w: Float64Array }[] = [];
function nodes(level: number): { x: Float64Array; w: Float64Array } {
  if (!NODE_TABLE[level]) {
    const h = 0.5 / 2 ** level;
    const ts: number[] = [];
    if (level === 0) for (let t = T_LEFT; t <= T_RIGHT + 1e-12; t += h) ts.push(t);
    else for (let t = T_LEFT + h; t < T_RIGHT; t += 2 * h) ts.push(t);
    const x = Float64Array.from(ts, (t) => Math.exp((Math.PI / 2) * Math.sinh(t)));
    const w = Float64Array.from(ts, (t, i) => (Math.PI / 2) * Math.cosh(t) * x[i]);
    NODE_TABLE[level] = { x, w };
  }
  return NODE_TABLE[level];
}

/**
 * ∫₀^∞ f(r) dr for `dims` real outputs of f, by the exp-sinh rule r = L·exp(π/2·sinh t), halving the step until
 * two levels agree to 1e−14 of the result's size plus 1e−14 of ∫|f| (the rounding floor of an oscillating
 * integrand). f writes into `out` (reused) at each node.
 */
function expSinh(f: (r: number, out: Float64Array) => void, dims: number, L: number): Float64Array {
  const out = new Float64Array(dims);
  const sum = new Float64Array(dims);
  // Σ|w·f|: the scale of the rounding errors, which an oscillating integrand makes larger than the result.
  let absSum = 0;
  const addLevel = (level: number, h: number) => {
    const { x, w } = nodes(level);
    for (let i = 0; i < x.length; i++) {
      const r = L * x[i];
      if (!(r > 0) || !Number.isFinite(r)) continue;
      f(r, out);
      const weight = h * w[i] * L;
      for (let j = 0; j < dims; j++) {
        if (out[j] === 0) continue;
        sum[j] += weight * out[j];
        absSum += Math.abs(weight * out[j]);
      }
    }
  };
  let h = 0.5;
  addLevel(0, h);
  let previous = Float64Array.from(sum);
  for (let level = 1; level <= MAX_LEVELS; level++) {
    for (let j = 0; j < dims; j++) sum[j] *= 0.5;
    absSum *= 0.5;
    h /= 2;
    addLevel(level, h);
    let size = 0;
    let change = 0;
    for (let j = 0; j < dims; j++) {
      size = Math.max(size, Math.abs(sum[j]));
      change = Math.max(change, Math.abs(sum[j] - previous[j]));
    }
    if (level >= 3 && change <= 1e-14 * size + 1e-14 * absSum) return sum;
    previous.set(sum);
  }
  throw new ConvergenceError('levy quadrature', `no agreement after ${MAX_LEVELS} step halvings`);
}

// ---- the ray and the fixed point ----------------------------------------------------------------------------

interface Ray {
  theta: number;
  /** Length scale of the integrand's decay along the ray. */
  L: number;
}

/** Where A·r + B·r^p first reaches `level` (B > 0, p > 1), by doubling and bisection. */
function reach(A: number, B: number, p: number, level: number): number {
  const g = (r: number) => A * r + B * Math.pow(r, p) - level;
  let hi = 1;
  while (g(hi) < 0) hi *= 2;
  let lo = 0;
  for (let i = 0; i < 60; i++) {
    const mid = 0.5 * (lo + hi);
    if (g(mid) < 0) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The angle θ of u = r·e^(iθ), 0 < θ < aπ. Along the ray the exponent is −A·r − B·r^(1/a) plus oscillating parts
 * W₁·r and W₂·r^(1/a). θ is picked from a grid to minimise the phase turned before the integrand falls to e^(−35)
 * (below double precision), among the angles where a growing c-term (A < 0) makes no bump above e¹ before the
 * x-term takes over. The quadrature's length scale is where the decay reaches e^(−1).
 */
function chooseRay(c: Complex, x: number, { a }: Law): Ray {
  const modulus = Math.hypot(c[0], c[1]);
  const arg = Math.atan2(c[1], c[0]);
  if (x === 0) return { theta: 0, L: 1 / c[0] };
  const p = 1 / a;
  // A grid over (0, aπ), plus angles that keep the c-term decaying (A > 0), which matter when a is near 1.
  const margin = Math.PI / 2 - arg;
  const candidates = Array.from({ length: 19 }, (_, k) => ((k + 1) * a * Math.PI) / 20);
  if (margin > 0) candidates.push(margin / 2, margin / 4, margin / 8);
  let best = { theta: 0, L: 0, cost: Infinity };
  for (const theta of candidates) {
    const A = modulus * Math.cos(arg + theta);
    const W1 = modulus * Math.abs(Math.sin(arg + theta));
    const B = x * Math.sin(theta / a);
    const W2 = x * Math.abs(Math.cos(theta / a));
    if (!(B > 0)) continue;
    const bump = A >= 0 ? 0 : (1 - a) * -A * Math.pow((a * -A) / B, a / (1 - a));
    if (!(bump <= 1)) continue;
    const end = reach(A, B, p, 35);
    const cost = W1 * end + W2 * Math.pow(end, p);
    if (cost < best.cost) best = { theta, L: reach(A, B, p, 1), cost };
  }
  if (best.cost === Infinity) throw new ConvergenceError('levy quadrature', `no integration ray at x = ${x}`);
  return { theta: best.theta, L: best.L };
}

/** exp(E)·e^(iφ)·scale into out[at], out[at+1], with E = (re, im). */
function put(out: Float64Array, at: number, re: number, im: number, phase: number, scale: number): void {
  if (re < -745) {
    out[at] = 0;
    out[at + 1] = 0;
    return;
  }
  const m = Math.exp(re) * scale;
  out[at] = m * Math.cos(im + phase);
  out[at + 1] = m * Math.sin(im + phase);
}

/** I(c) = ∫ e^(−cu + ixu^(1/a)) du and I1(c) = ∫ u·e^(…) du (the derivative −dI/dc), along the chosen ray. */
/**
 * The two terms of the exponent −c·u + i·x·u^(1/a) along the ray u = r·e^(iθ): −r·(cr + i·ci) from c and
 * x·r^(1/a)·(−sinTa + i·cosTa) from x.
 */
interface RayExponent extends Ray {
  inv: number;
  cr: number;
  ci: number;
  cosTa: number;
  sinTa: number;
}

function rayExponent(c: Complex, x: number, lw: Law): RayExponent {
  const ray = chooseRay(c, x, lw);
  const inv = 1 / lw.a;
  const cosT = Math.cos(ray.theta);
  const sinT = Math.sin(ray.theta);
  return {
    ...ray,
    inv,
    cr: c[0] * cosT - c[1] * sinT,
    ci: c[0] * sinT + c[1] * cosT,
    cosTa: Math.cos(ray.theta * inv),
    sinTa: Math.sin(ray.theta * inv),
  };
}

function fixedPointIntegrals(c: Complex, x: number, lw: Law): { I: Complex; I1: Complex } {
  const { theta, L, inv, cr, ci, cosTa, sinTa } = rayExponent(c, x, lw);
  const v = expSinh((r, out) => {
    const p = x === 0 ? 0 : Math.pow(r, inv);
    const re = -r * cr - x * p * sinTa;
    const im = -r * ci + x * p * cosTa;
    put(out, 0, re, im, theta, 1);
    put(out, 2, re, im, 2 * theta, r);
  }, 4, L);
  return { I: [v[0], v[1]], I1: [v[2], v[3]] };
}

/** c(x) for x ≥ 0 by Newton's method on g(c) = c − K·I(c), g′(c) = 1 + K·I1(c), from the starting value c0. */
function newton(x: number, lw: Law, c0: Complex): Complex | null {
  let c: Complex = [c0[0], c0[1]];
  for (let iter = 0; iter < 60; iter++) {
    let integrals: { I: Complex; I1: Complex };
    try {
      integrals = fixedPointIntegrals(c, x, lw);
    } catch (err) {
      // A starting value far from the solution can make the integrals intractable: let the caller try another.
      if (err instanceof ConvergenceError) return null;
      throw err;
    }
    const { I, I1 } = integrals;
    const gr = c[0] - lw.K * I[0];
    const gi = c[1] - lw.K * I[1];
    const dr = 1 + lw.K * I1[0];
    const di = lw.K * I1[1];
    const den = dr * dr + di * di;
    let sr = (gr * dr + gi * di) / den;
    let si = (gi * dr - gr * di) / den;
    // Keep Re c > 0 (the solution's half-plane): shorten the step rather than leave it.
    while (c[0] - sr <= 0.01 * c[0]) {
      sr /= 2;
      si /= 2;
    }
    c = [c[0] - sr, c[1] - si];
    if (Math.hypot(sr, si) <= 1e-12 * Math.hypot(c[0], c[1])) return c;
  }
  return null;
}

/** c at x ≥ 0: Newton from `guess`, else from the x → ∞ asymptote, else by continuation from x = 0. */
function solve(x: number, lw: Law, guess?: Complex): Complex {
  const { a } = lw;
  const atZero: Complex = [Math.sqrt(lw.K), 0];
  if (x === 0) return newton(0, lw, atZero) ?? atZero;
  // For large x, c → Γ(1 − a)·(−ix)^(−a).
  const big = Math.exp(lnGamma(1 - a)) * Math.pow(x, -a);
  const asymptote: Complex = [big * Math.cos((a * Math.PI) / 2), big * Math.sin((a * Math.PI) / 2)];
  for (const start of [guess, x > 2 ? asymptote : atZero]) {
    if (!start) continue;
    const c = newton(x, lw, start);
    if (c) return c;
  }
  let c = atZero;
  const steps = 16;
  for (let k = 1; k <= steps; k++) {
    const next = newton((x * k) / steps, lw, c);
    if (!next) break;
    c = next;
    if (k === steps) return c;
  }
  throw new ConvergenceError('levy fixed point', `no solution found at x = ${x}, μ = ${lw.mu}`);
}

/**
 * ρ(x) for x ≥ 0 at unit tail constant from the solved c. Beyond x = 1 the free part, whose integral i·a/x is
 * purely imaginary, is subtracted first, so the small real part is not computed as a difference of large terms.
 */
function densityAt(x: number, c: Complex, lw: Law): number {
  const { theta, L, inv, cr, ci, cosTa, sinTa } = rayExponent(c, x, lw);
  const subtract = x > 1;
  const v = expSinh((r, out) => {
    const p = x === 0 ? 0 : Math.pow(r, inv);
    const amplitude = Math.pow(r, inv - 1);
    const xr = -x * p * sinTa;
    const xi = x * p * cosTa;
    if (!subtract) {
      put(out, 0, -r * cr + xr, -r * ci + xi, theta * inv, amplitude);
      return;
    }
    // e^(x-term)·(e^(−cu) − 1): with a complex expm1 while c·u is small (so that nothing cancels), else as the
    // difference of the two exponentials, each with its exponent combined (so that nothing overflows).
    const er = -r * cr;
    const ei = -r * ci;
    if (Math.abs(er) + Math.abs(ei) >= 1) {
      put(out, 0, er + xr, ei + xi, theta * inv, amplitude);
      const [fr, fi] = [out[0], out[1]];
      put(out, 0, xr, xi, theta * inv, amplitude);
      out[0] = fr - out[0];
      out[1] = fi - out[1];
      return;
    }
    const m1r = Math.expm1(er) * Math.cos(ei) - 2 * Math.sin(ei / 2) ** 2;
    const m1i = Math.exp(er) * Math.sin(ei);
    put(out, 0, xr, xi, theta * inv, amplitude);
    const [pr, pi] = [out[0], out[1]];
    out[0] = pr * m1r - pi * m1i;
    out[1] = pr * m1i + pi * m1r;
  }, 2, L);
  return Math.max(0, v[0] / (lw.a * Math.PI));
}

/** The limiting density of a Lévy matrix with tail exponent μ (in LEVY_MU_RANGE) at x. */
export function levyDensity(x: number, mu: number, opts: LevyOptions = {}): number {
  finite('x', x);
  const lw = law(mu);
  const s = scaleOf(mu, opts);
  const y = Math.abs(x) / s;
  return densityAt(y, solve(y, lw), lw) / s;
}

/**
 * The self-consistent parameter c(x) itself (unit tail constant), for checks and for readers of the method:
 * c(0) = √(Γ(1 − a)/Γ(1 + a)) exactly, and c(−x) is the conjugate of c(x).
 */
export function levyFixedPoint(x: number, mu: number): { re: number; im: number } {
  finite('x', x);
  const lw = law(mu);
  const c = solve(Math.abs(x), lw);
  return { re: c[0], im: x < 0 ? -c[1] : c[1] };
}

// ---- the CDF ----------------------------------------------------------------------------------------------------

const PANEL = gaussLegendre(10);
/**
 * Panel widths in ln y: 0.25 where the density bends (0.01 < y < 100: the core's edge, the shoulder that μ near 2
 * grows), 1 in the near-constant core and the power-law tail. Below Y_MIN the density is flat and counts as
 * ρ(0)·Y_MIN.
 */
const logStep = (y: number) => (y > 0.01 && y < 100 ? 0.25 : 1);
const Y_MIN = 1e-14;

/**
 * ∫ρ over [lo, hi] (unit scale, 0 < lo < hi, one panel) by 10-point Gauss–Legendre in ln y, where both the peak
 * at 0 (tall and narrow for small μ) and the power-law tail are smooth. c is continued from node to node.
 */
function panel(lo: number, hi: number, lw: Law, state: { c?: Complex }): number {
  const a = Math.log(lo);
  const b = Math.log(hi);
  let total = 0;
  for (let i = PANEL.nodes.length - 1; i >= 0; i--) {
    const y = Math.exp(a + ((PANEL.nodes[i] + 1) * (b - a)) / 2);
    state.c = solve(y, lw, state.c);
    total += (PANEL.weights[i] * (b - a) * y * densityAt(y, state.c, lw)) / 2;
  }
  return total;
}

/**
 * Density and CDF at many points (any order, any sign). The CDF is 1 − T(x) for x ≥ 0 and T(|x|) for x < 0, where
 * T(y) = ∫_y^∞ ρ is summed over panels in ln y (split at the points) from y = 10^(7/μ) inwards; beyond
 * that the asymptotic tail ½·y^(−μ) of the unit law is added (its relative error O(y^(−μ)) leaves an absolute
 * error O(y^(−2μ)) ≤ 1e−14), and below y = 1e−14 the density is flat. T(0) = ½ to about 2e−11 (tested).
 */
export function levyCurve(xs: ArrayLike<number>, mu: number, opts: LevyOptions = {}): { density: Float64Array; cdf: Float64Array } {
  const lw = law(mu);
  const s = scaleOf(mu, opts);
  const n = xs.length;
  const ys = Array.from({ length: n }, (_, i) => Math.abs(finite(`x[${i}]`, xs[i])) / s);
  const density = new Float64Array(n);
  const cdf = new Float64Array(n);
  const top = Math.pow(10, 7 / mu);
  // Breakpoints, descending: the panel grid in ln y and every point inside its range.
  const grid: number[] = [];
  for (let t = Math.log(top); t > Math.log(Y_MIN); t -= logStep(Math.exp(t))) grid.push(Math.exp(t));
  grid.push(Y_MIN);
  const inside = ys.filter((y) => y > Y_MIN && y < top);
  const breaks = [...new Set([...grid, ...inside])].sort((u, v) => v - u);
  const tailAt = new Map<number, number>();
  const state: { c?: Complex } = {};
  let tail = 0.5 * Math.pow(top, -mu);
  tailAt.set(top, tail);
  for (let k = 1; k < breaks.length; k++) {
    tail += panel(breaks[k], breaks[k - 1], lw, state);
    tailAt.set(breaks[k], tail);
  }
  const rho0 = densityAt(0, solve(0, lw), lw);
  const atZero = tail + rho0 * Y_MIN;
  for (let i = 0; i < n; i++) {
    const y = ys[i];
    // Points beyond the grid: the asymptotic tail; inside the flat core: linear in y.
    const t = y >= top ? 0.5 * Math.pow(y, -mu) : y <= Y_MIN ? atZero - rho0 * y : (tailAt.get(y) as number);
    density[i] = densityAt(y, solve(y, lw), lw) / s;
    cdf[i] = xs[i] >= 0 ? 1 - t : t;
  }
  return { density, cdf };
}

export function levyCdf(x: number, mu: number, opts: LevyOptions = {}): number {
  return levyCurve([x], mu, opts).cdf[0];
}
