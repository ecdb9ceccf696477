import { ParameterError } from '../errors.js';
import { inRange, positive } from '../validate.js';
import { gridGoldenMinimum, nelderMead2 } from '../theory/special/minimize.js';
import { erfcx, logErfc } from '../theory/special/erf.js';
import { logUpperGamma } from '../theory/special/gamma.js';

/**
 * Continuous maximum-likelihood fits of the tail x ≥ xmin, with the densities of the `powerlaw` package
 * (Alstott, Bullmore & Plenz 2014), all normalised on [xmin, ∞):
 *   power law              (α − 1)/xmin · (x/xmin)^(−α)
 *   exponential            λ e^(−λ(x − xmin))
 *   lognormal              φ((ln x − μ)/σ) / (xσ) / P(ln X ≥ ln xmin)
 *   stretched exponential  βΛ x^(β−1) e^(−Λ(x^β − xmin^β))       (a Weibull truncated at xmin)
 *   truncated power law    Λ^(1−α) x^(−α) e^(−Λx) / Γ(1−α, Λ xmin)
 */

export type AlternativeName = 'exponential' | 'lognormal' | 'stretched_exponential' | 'truncated_power_law';

export interface TailDistributionFit {
  name: AlternativeName | 'power_law';
  parameters: Record<string, number>;
  /** Log density at each tail point, in the order given. */
  logLikelihoods: Float64Array;
  logLikelihood: number;
}

const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

function checkTail(tail: Float64Array, xmin: number): void {
  positive('xmin', xmin);
  if (!(tail instanceof Float64Array) || tail.length < 2) {
    throw new ParameterError('tail', tail?.length, 'a Float64Array of at least 2 values');
  }
  for (let k = 0; k < tail.length; k++) {
    if (!(tail[k] >= xmin) || !Number.isFinite(tail[k])) {
      throw new ParameterError(`tail[${k}]`, tail[k], `a finite value ≥ xmin = ${xmin}`);
    }
  }
}

function result(name: TailDistributionFit['name'], parameters: Record<string, number>, ll: Float64Array): TailDistributionFit {
  let total = 0;
  for (let k = 0; k < ll.length; k++) total += ll[k];
  return { name, parameters, logLikelihoods: ll, logLikelihood: total };
}

/** Per-point log-likelihoods of the power law with a given α (fitted elsewhere, by the xmin scan). */
export function powerLawTail(tail: Float64Array, xmin: number, alpha: number): TailDistributionFit {
  checkTail(tail, xmin);
  inRange('alpha', alpha, 1, Infinity, { minOpen: true, maxOpen: true });
  const c = Math.log(alpha - 1) - Math.log(xmin);
  const ll = tail.map((x) => c - alpha * Math.log(x / xmin));
  return result('power_law', { alpha }, ll);
}

/** Exponential MLE: λ = 1 / mean(x − xmin), in closed form. */
export function fitExponential(tail: Float64Array, xmin: number): TailDistributionFit {
  checkTail(tail, xmin);
  let excess = 0;
  for (let k = 0; k < tail.length; k++) excess += tail[k] - xmin;
  if (!(excess > 0)) throw new ParameterError('tail', 'all values equal xmin', 'at least one value above xmin');
  const lambda = tail.length / excess;
  const ll = tail.map((x) => Math.log(lambda) - lambda * (x - xmin));
  return result('exponential', { lambda }, ll);
}

/**
 * Lognormal truncated at xmin. The fit runs on y = ln(x/xmin) ≥ 0, so a change of units only moves μ by the log of
 * the scale and the optimiser sees the same numbers whatever the units (in raw units the objective's size, and
 * with it Nelder–Mead's relative stopping rule, changed with the scale). The truncated normal of y is an exponential
 * family, so the negative log-likelihood is convex in its natural parameters: Nelder–Mead runs on
 * u = μ_y·s/σ², v = s²/σ² (y centred, s = sd of y, so the start is (0, 1)), and Newton's method on the likelihood
 * equations (truncated-normal moments in closed form) then takes the optimum to rounding level, which Nelder–Mead on
 * function values alone cannot (it stops ~√ε from the optimum in the parameters). On power-law data the optimum
 * runs off to σ → ∞ (the power law is the lognormal's limit); σ is capped at 100 s, where the two are
 * indistinguishable over the sample's range, and such a fit is left as Nelder–Mead finds it.
 */
export function fitLognormal(tail: Float64Array, xmin: number): TailDistributionFit {
  checkTail(tail, xmin);
  const n = tail.length;
  const lnXmin = Math.log(xmin);
  const y = tail.map((x) => Math.log(x / xmin));
  let mean = 0;
  for (let k = 0; k < n; k++) mean += y[k];
  mean /= n;
  let squares = 0;
  for (let k = 0; k < n; k++) squares += (y[k] - mean) ** 2;
  if (!(squares > 0)) throw new ParameterError('tail', 'all values equal', 'at least 2 distinct values');
  const variance = squares / n;
  const sd = Math.sqrt(variance);
  const minV = 1e-4;
  const params = (u: number, v: number): [number, number] => {
    const w = Math.max(v, minV);
    return [mean + (u * sd) / w, sd / Math.sqrt(w)];
  };
  // −(1/n) Σ ln f(y) from the sufficient statistics, Σ(y − μ)² = Σ(y − m)² + n(m − μ)², without the Jacobian
  // Σ ln x (a constant): per point and unit-free, so the stopping rule means the same for any tail.
  const nllAt = (mu: number, sigma: number): number => {
    const lnTail = logErfc(-mu / (sigma * Math.SQRT2)) - Math.LN2;
    return Math.log(sigma) + HALF_LN_2PI + (variance + (mean - mu) ** 2) / (2 * sigma * sigma) + lnTail;
  };
  const nll = (u: number, v: number): number => nllAt(...params(u, v));
  let opt = nelderMead2(nll, [0, 1], [0.5, 0.5]);
  opt = nelderMead2(nll, opt.point, [0.05, 0.05 * opt.point[1]]);
  let [mu, sigma] = params(opt.point[0], opt.point[1]);
  if (opt.point[1] > 2 * minV) [mu, sigma] = polishLognormal(mu, sigma, mean, variance, nllAt);
  const lnSigma = Math.log(sigma);
  const lnTail = logErfc(-mu / (sigma * Math.SQRT2)) - Math.LN2;
  const ll = y.map((yk) => {
    const z = (yk - mu) / sigma;
    return -yk - lnXmin - lnSigma - HALF_LN_2PI - 0.5 * z * z - lnTail;
  });
  return result('lognormal', { mu: mu + lnXmin, sigma }, ll);
}

/**
 * Newton's method on the likelihood equations of the normal truncated to y ≥ 0: E[y] = m and E[y²] = m² + s²,
 * with E[y] = μ + σh and E[y²] = σ² + μE[y], h = φ(a)/P(Z ≥ a) at a = −μ/σ (the inverse Mills ratio, through erfcx
 * so that deep truncation stays finite). The second equation is used as σ² − s² − m(m − μ) = 0, its equivalent once
 * the first holds, which cancels less. The Jacobian is by differences: it sets the speed, not the fixed point.
 * Returns the start when a step leaves the domain or does not lower the likelihood beyond rounding.
 */
function polishLognormal(
  mu0: number,
  sigma0: number,
  m: number,
  s2: number,
  nllAt: (mu: number, sigma: number) => number,
): [number, number] {
  const equations = (mu: number, sigma: number): [number, number] => {
    const h = Math.sqrt(2 / Math.PI) / erfcx(-mu / (sigma * Math.SQRT2));
    return [mu + sigma * h - m, sigma * sigma - s2 - m * (m - mu)];
  };
  const solved = newton2(equations, [mu0, Math.log(sigma0)], (a, b) => [a, Math.exp(b)]);
  if (!solved) return [mu0, sigma0];
  const [mu, sigma] = [solved[0], Math.exp(solved[1])];
  const start = nllAt(mu0, sigma0);
  return nllAt(mu, sigma) <= start + 1e-12 * (1 + Math.abs(start)) ? [mu, sigma] : [mu0, sigma0];
}

/**
 * Newton's method for F(p) = 0 in two unknowns, the Jacobian by central differences in the solver's coordinates
 * `z` (mapped to F's arguments by `map`). Stops when the steps reach rounding level; null when F or a step is
 * not finite or 50 steps do not settle, so that the caller keeps its own answer.
 */
function newton2(
  f: (a: number, b: number) => [number, number],
  start: [number, number],
  map: (a: number, b: number) => [number, number],
): [number, number] | null {
  let [a, b] = start;
  let previous = Infinity;
  for (let it = 0; it < 50; it++) {
    const F = f(...map(a, b));
    if (!F.every(Number.isFinite)) return null;
    const ha = 1e-6 * (1 + Math.abs(a));
    const hb = 1e-6 * (1 + Math.abs(b));
    const fa1 = f(...map(a + ha, b));
    const fa0 = f(...map(a - ha, b));
    const fb1 = f(...map(a, b + hb));
    const fb0 = f(...map(a, b - hb));
    const j00 = (fa1[0] - fa0[0]) / (2 * ha);
    const j10 = (fa1[1] - fa0[1]) / (2 * ha);
    const j01 = (fb1[0] - fb0[0]) / (2 * hb);
    const j11 = (fb1[1] - fb0[1]) / (2 * hb);
    const det = j00 * j11 - j01 * j10;
    if (!Number.isFinite(det) || det === 0) return null;
    const da = (j11 * F[0] - j01 * F[1]) / det;
    const db = (j00 * F[1] - j10 * F[0]) / det;
    if (!Number.isFinite(da) || !Number.isFinite(db)) return null;
    a -= da;
    b -= db;
    // Done at rounding level, or where the steps stop shrinking (F's rounding noise; an ill-conditioned Jacobian
    // makes them bounce at ~cond·ε).
    const size = Math.max(Math.abs(da) / (1 + Math.abs(a)), Math.abs(db) / (1 + Math.abs(b)));
    if (size <= 4e-16 || (size < 1e-9 && size > 0.5 * previous)) return [a, b];
    previous = size;
  }
  return null;
}

/**
 * Stretched exponential truncated at xmin. For fixed β the MLE is Λ = n / Σ(x^β − xmin^β), so only β is
 * searched (grid plus golden section on ln β ∈ [ln 1e-3, ln 20]). x^β − xmin^β = xmin^β expm1(β ln(x/xmin))
 * keeps small β exact.
 */
export function fitStretchedExponential(tail: Float64Array, xmin: number): TailDistributionFit {
  checkTail(tail, xmin);
  // All at xmin: Λ = n / Σ(x^β − xmin^β) would be n/0 for every β.
  if (tail.every((x) => x === xmin)) throw new ParameterError('tail', 'all values equal xmin', 'at least one value above xmin');
  const n = tail.length;
  const logRatio = tail.map((x) => Math.log(x / xmin));
  let sumLog = 0;
  for (let k = 0; k < n; k++) sumLog += Math.log(tail[k]);
  const excess = (beta: number): number => {
    let s = 0;
    for (let k = 0; k < n; k++) s += Math.expm1(beta * logRatio[k]);
    return s * xmin ** beta;
  };
  const profile = (lnBeta: number): number => {
    const beta = Math.exp(lnBeta);
    const lambda = n / excess(beta);
    return -(n * lnBeta + n * Math.log(lambda) + (beta - 1) * sumLog - n);
  };
  const lnBeta = gridGoldenMinimum(profile, Math.log(1e-3), Math.log(20));
  const beta = Math.exp(lnBeta);
  const lambda = n / excess(beta);
  const base = xmin ** beta;
  const ll = tail.map(
    (x, k) => Math.log(beta) + Math.log(lambda) + (beta - 1) * Math.log(x) - lambda * base * Math.expm1(beta * logRatio[k]),
  );
  return result('stretched_exponential', { Lambda: lambda, beta }, ll);
}

/**
 * Truncated power law x^(−α) e^(−Λx). It is fitted in units of xmin, t = x/xmin ≥ 1 with u = Λ·xmin, so a change
 * of units only scales Λ and the optimiser sees the same problem whatever the units (in raw units the objective's
 * size, and with it Nelder–Mead's relative stopping rule, changed with the scale: 1/N-unit spectra did not
 * converge). The log-likelihood is concave in (α, u) (an exponential family in ln t and t), so Nelder–Mead finds
 * the global maximum, and Newton's method on the likelihood equations E[ln t] = mean ln t, E[t] = mean t (moments
 * by quadrature) takes it to rounding level, which Nelder–Mead on function values alone cannot (it stops ~√ε from
 * the optimum in the parameters). Λ → 0 is the power law, and when the optimum sits on that boundary the power law
 * itself (Λ = 0, α = `alphaPowerLaw`) is returned.
 */
export function fitTruncatedPowerLaw(tail: Float64Array, xmin: number, alphaPowerLaw: number): TailDistributionFit {
  checkTail(tail, xmin);
  inRange('alphaPowerLaw', alphaPowerLaw, 1, Infinity, { minOpen: true, maxOpen: true });
  const n = tail.length;
  const lnXmin = Math.log(xmin);
  const t = tail.map((x) => x / xmin);
  let meanLog = 0;
  let meanT = 0;
  for (let k = 0; k < n; k++) {
    meanLog += Math.log(t[k]);
    meanT += t[k];
  }
  meanLog /= n;
  meanT /= n;
  // −(1/n) Σ ln f(t): per point and unit-free, so the stopping rule means the same for any tail.
  const nll = (alpha: number, u: number): number => {
    if (!(u > 0)) return Infinity;
    return -((1 - alpha) * Math.log(u) - logUpperGamma(1 - alpha, u) - alpha * meanLog - u * meanT);
  };
  const pl = powerLawTail(tail, xmin, alphaPowerLaw);
  const uMean = 1 / meanT; // Λ = 1/mean: the exponential scale
  const starts: [number, number][] = [
    [alphaPowerLaw, 1e-3 * uMean],
    [Math.max(alphaPowerLaw - 1, 0.5), uMean],
  ];
  let best = { point: [alphaPowerLaw, 0] as [number, number], value: -pl.logLikelihood / n - lnXmin };
  for (const start of starts) {
    const opt = nelderMead2(nll, start, [0.2, 0.5 * start[1]]);
    const polished = nelderMead2(nll, opt.point, [0.02, 0.1 * opt.point[1]]);
    if (polished.value < best.value) best = polished;
  }
  if (best.point[1] === 0) return result('truncated_power_law', { alpha: alphaPowerLaw, Lambda: 0 }, pl.logLikelihoods.slice());
  const solved = newton2(
    (alpha, u) => {
      const m = tplMoments(alpha, u);
      return [m.meanLog - meanLog, m.meanT - meanT];
    },
    [best.point[0], Math.log(best.point[1])],
    (a, b) => [a, Math.exp(b)],
  );
  if (solved && nll(solved[0], Math.exp(solved[1])) <= best.value + 1e-12 * (1 + Math.abs(best.value))) {
    best = { point: [solved[0], Math.exp(solved[1])], value: nll(solved[0], Math.exp(solved[1])) };
  }
  const [alpha, u] = best.point;
  const c = (1 - alpha) * Math.log(u) - logUpperGamma(1 - alpha, u) - lnXmin;
  const ll = t.map((tk) => c - alpha * Math.log(tk) - u * tk);
  return result('truncated_power_law', { alpha, Lambda: u / xmin }, ll);
}

// Gauss–Kronrod 15/7 on [−1, 1] (QUADPACK's qk15): nodes x_k ≥ 0, Kronrod weights, and Gauss weights of the
// odd-indexed nodes (index 7 is the centre).
const GK_X = [0.991455371120812639, 0.949107912342758525, 0.864864423359769073, 0.741531185599394440, 0.586087235467691130, 0.405845151377397167, 0.207784955007898468, 0];
const GK_WK = [0.022935322010529225, 0.063092092629978553, 0.104790010322250184, 0.140653259715525919, 0.169004726639267903, 0.190350578064785410, 0.204432940075298892, 0.209482141084727828];
const GK_WG = [0, 0.129484966168869693, 0, 0.279705391489276668, 0, 0.381830050505118945, 0, 0.417959183673469388];

/**
 * E[ln t] and E[t] under the truncated power law ∝ t^(−α) e^(−ut) on t ≥ 1 (u > 0), by adaptive Gauss–Kronrod in
 * y = ln t, where the integrand e^((1−α)y − u·e^y) is log-concave: one peak (at y = ln((1−α)/u) when that is
 * positive, else at 0), a double-exponential decay after it. The integrand is scaled by its peak, and the range
 * ends where it has fallen by e^(−80).
 */
function tplMoments(alpha: number, u: number): { meanLog: number; meanT: number } {
  const phi = (y: number): number => (1 - alpha) * y - u * Math.exp(y);
  const peak = alpha < 1 && (1 - alpha) / u > 1 ? Math.log((1 - alpha) / u) : 0;
  const top = phi(peak);
  let end = peak + 1e-3;
  while (phi(end) > top - 80) end = peak + 2 * (end - peak);
  const panel = (a: number, b: number): { k: [number, number, number]; g: number } => {
    const half = (b - a) / 2;
    const mid = (a + b) / 2;
    const k: [number, number, number] = [0, 0, 0];
    let g = 0;
    for (let i = 0; i < 8; i++) {
      for (const y of i === 7 ? [mid] : [mid - half * GK_X[i], mid + half * GK_X[i]]) {
        const w = Math.exp(phi(y) - top);
        k[0] += GK_WK[i] * w;
        k[1] += GK_WK[i] * w * y;
        k[2] += GK_WK[i] * w * Math.exp(y);
        g += GK_WG[i] * w;
      }
    }
    return { k: [k[0] * half, k[1] * half, k[2] * half], g: g * half };
  };
  const pieces = 16;
  let rough = 0;
  for (let i = 0; i < pieces; i++) rough += panel((end * i) / pieces, (end * (i + 1)) / pieces).k[0];
  const sums: [number, number, number] = [0, 0, 0];
  const add = (a: number, b: number, depth: number): void => {
    const p = panel(a, b);
    // |K15 − G7| estimates the error of G7: when the 7-point rule (exact to degree 13) agrees to 1e-9 of the
    // panel's share, the 15-point one (degree 22) is at rounding level, and the test stays above rounding noise.
    if (depth >= 30 || Math.abs(p.k[0] - p.g) <= (1e-9 * rough * (b - a)) / end) {
      for (let i = 0; i < 3; i++) sums[i] += p.k[i];
      return;
    }
    add(a, (a + b) / 2, depth + 1);
    add((a + b) / 2, b, depth + 1);
  };
  for (let i = 0; i < pieces; i++) add((end * i) / pieces, (end * (i + 1)) / pieces, 0);
  return { meanLog: sums[1] / sums[0], meanT: sums[2] / sums[0] };
}
