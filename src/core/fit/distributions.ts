import { ParameterError } from '../errors.js';
import { inRange, positive } from '../validate.js';
import { gridGoldenMinimum, nelderMead2 } from '../theory/special/minimize.js';
import { logErfc } from '../theory/special/erf.js';
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
 * Lognormal truncated at xmin. The truncated normal of y = ln x is an exponential family, so the negative
 * log-likelihood is convex in its natural parameters: Nelder–Mead runs on u = μ_y·s/σ², v = s²/σ² (y centred,
 * s = sd of y, so the start is (0, 1)). On power-law data the optimum runs off to σ → ∞ (the power law is the
 * lognormal's limit); σ is capped at 100 s, where the two are indistinguishable over the sample's range.
 */
export function fitLognormal(tail: Float64Array, xmin: number): TailDistributionFit {
  checkTail(tail, xmin);
  const n = tail.length;
  let mean = 0;
  let sumLog = 0;
  for (let k = 0; k < n; k++) sumLog += Math.log(tail[k]);
  mean = sumLog / n;
  let squares = 0;
  for (let k = 0; k < n; k++) squares += (Math.log(tail[k]) - mean) ** 2;
  if (!(squares > 0)) throw new ParameterError('tail', 'all values equal', 'at least 2 distinct values');
  const sd = Math.sqrt(squares / n);
  const cut = Math.log(xmin) - mean;
  const minV = 1e-4;
  const params = (u: number, v: number): [number, number] => {
    const w = Math.max(v, minV);
    return [mean + (u * sd) / w, sd / Math.sqrt(w)];
  };
  // −Σ ln f from the sufficient statistics: Σ(ln x − μ)² = Σ(ln x − m)² + n(m − μ)².
  const nll = (u: number, v: number): number => {
    const [mu, sigma] = params(u, v);
    const lnTail = logErfc((cut + mean - mu) / (sigma * Math.SQRT2)) - Math.LN2;
    const quad = (squares + n * (mean - mu) ** 2) / (2 * sigma * sigma);
    return sumLog + n * (Math.log(sigma) + HALF_LN_2PI) + quad + n * lnTail;
  };
  let opt = nelderMead2(nll, [0, 1], [0.5, 0.5]);
  opt = nelderMead2(nll, opt.point, [0.05, 0.05 * opt.point[1]]);
  const [mu, sigma] = params(opt.point[0], opt.point[1]);
  const lnSigma = Math.log(sigma);
  const lnTail = logErfc((Math.log(xmin) - mu) / (sigma * Math.SQRT2)) - Math.LN2;
  const ll = tail.map((x) => {
    const z = (Math.log(x) - mu) / sigma;
    return -Math.log(x) - lnSigma - HALF_LN_2PI - 0.5 * z * z - lnTail;
  });
  return result('lognormal', { mu, sigma }, ll);
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
 * Truncated power law x^(−α) e^(−Λx). The log-likelihood is concave in (α, Λ) (an exponential family in
 * ln x and x), so Nelder–Mead on (α, Λ·xmin) finds the global maximum; Λ → 0 is the power law, and when the
 * optimum sits on that boundary the power law itself (Λ = 0, α = `alphaPowerLaw`) is returned.
 */
export function fitTruncatedPowerLaw(tail: Float64Array, xmin: number, alphaPowerLaw: number): TailDistributionFit {
  checkTail(tail, xmin);
  inRange('alphaPowerLaw', alphaPowerLaw, 1, Infinity, { minOpen: true, maxOpen: true });
  const n = tail.length;
  let sumLog = 0;
  let sumX = 0;
  for (let k = 0; k < n; k++) {
    sumLog += Math.log(tail[k]);
    sumX += tail[k];
  }
  const nll = (alpha: number, u: number): number => {
    if (!(u > 0)) return Infinity;
    const lambda = u / xmin;
    return -(n * (1 - alpha) * Math.log(lambda) - n * logUpperGamma(1 - alpha, u) - alpha * sumLog - lambda * sumX);
  };
  const pl = powerLawTail(tail, xmin, alphaPowerLaw);
  const uMean = xmin / (sumX / n); // Λ = 1/mean: the exponential scale
  const starts: [number, number][] = [
    [alphaPowerLaw, 1e-3 * uMean],
    [Math.max(alphaPowerLaw - 1, 0.5), uMean],
  ];
  let best = { point: [alphaPowerLaw, 0] as [number, number], value: -pl.logLikelihood };
  for (const start of starts) {
    const opt = nelderMead2(nll, start, [0.2, 0.5 * start[1]]);
    const polished = nelderMead2(nll, opt.point, [0.02, 0.1 * opt.point[1]]);
    if (polished.value < best.value) best = polished;
  }
  const [alpha, u] = best.point;
  if (u === 0) return result('truncated_power_law', { alpha, Lambda: 0 }, pl.logLikelihoods.slice());
  const lambda = u / xmin;
  const c = (1 - alpha) * Math.log(lambda) - logUpperGamma(1 - alpha, u);
  const ll = tail.map((x) => c - alpha * Math.log(x) - lambda * x);
  return result('truncated_power_law', { alpha, Lambda: lambda }, ll);
}
