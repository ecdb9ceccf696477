import { createStream, fillNormal, type RandomStream } from '../../../src/core/random/index.js';

/** Seeded samples for the fitter tests, drawn by inversion from the project's streams. */

export function stream(...path: (string | number)[]): RandomStream {
  return createStream('fit-tests', ...path);
}

/** Pareto (continuous power law): density ∝ x^(−α) on [xmin, ∞). */
export function pareto(s: RandomStream, n: number, alpha: number, xmin = 1): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = xmin * s.nextOpenFloat() ** (-1 / (alpha - 1));
  return out;
}

export function lognormal(s: RandomStream, n: number, mu: number, sigma: number): Float64Array {
  const out = fillNormal(s, new Float64Array(n), mu, sigma);
  for (let k = 0; k < n; k++) out[k] = Math.exp(out[k]);
  return out;
}

/** Exponential with rate λ shifted to start at xmin. */
export function exponential(s: RandomStream, n: number, lambda: number, xmin = 0): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = xmin - Math.log(s.nextOpenFloat()) / lambda;
  return out;
}

/** Stretched exponential (Weibull) truncated at xmin, powerlaw's parameters: S(x) = exp(−Λ(x^β − xmin^β)). */
export function stretchedExponential(s: RandomStream, n: number, lambda: number, beta: number, xmin: number): Float64Array {
  const out = new Float64Array(n);
  const base = xmin ** beta;
  for (let k = 0; k < n; k++) out[k] = (base - Math.log(s.nextOpenFloat()) / lambda) ** (1 / beta);
  return out;
}

/** Truncated power law x^(−α) e^(−Λx) on [xmin, ∞), by rejection from the Pareto (α > 1). */
export function truncatedPowerLaw(s: RandomStream, n: number, alpha: number, lambda: number, xmin: number): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < n; ) {
    const x = xmin * s.nextOpenFloat() ** (-1 / (alpha - 1));
    if (s.nextFloat() < Math.exp(-lambda * (x - xmin))) out[k++] = x;
  }
  return out;
}

/** The deterministic reference sample of docs/theory.md: x_i = (1 − (i − ½)/n)^(−1/(α−1)). */
export function quantilePowerLaw(n: number, alpha: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 1; i <= n; i++) out[i - 1] = (1 - (i - 0.5) / n) ** (-1 / (alpha - 1));
  return out;
}
