import { numbers } from '../validate.js';
import { ParameterError } from '../errors.js';
import {
  fitExponential,
  fitLognormal,
  fitStretchedExponential,
  fitTruncatedPowerLaw,
  powerLawTail,
  type AlternativeName,
  type TailDistributionFit,
} from './distributions.js';
import { erfc } from '../theory/special/index.js';
import { chiSquare1Survival } from '../theory/special/erf.js';
import type { PowerLawFit } from './powerLaw/fit.js';
import { preparePowerLawSample } from './powerLaw/data.js';

export interface LikelihoodRatio {
  /** Σ (ln p₁ − ln p₂): positive favours the first distribution (the power law). */
  R: number;
  /** R / √(n·var), Vuong's statistic (what WeightWatcher reports with normalized_ratio). */
  normalizedR: number;
  /** Significance of the sign of R: Vuong's two-sided normal test, or χ²₁ on 2|R| when nested. */
  p: number;
  nested: boolean;
}

/**
 * The `powerlaw` package's loglikelihood_ratio: var is the population variance of the pointwise differences;
 * p = erfc(|R| / √(2n·var)) when not nested, P(χ²₁ > 2|R|) when nested.
 */
export function likelihoodRatio(ll1: Float64Array, ll2: Float64Array, nested: boolean): LikelihoodRatio {
  numbers('ll1', ll1, { finiteOnly: false, minLength: 1 });
  numbers('ll2', ll2, { finiteOnly: false });
  if (ll2.length !== ll1.length) throw new ParameterError('ll2', `length ${ll2.length}`, `the length of ll1 (${ll1.length})`);
  if (typeof nested !== 'boolean') throw new ParameterError('nested', nested, 'true or false');
  const n = ll1.length;
  if (n === 0 || ll2.length !== n) {
    throw new ParameterError('ll2', ll2.length, `an array of the same non-zero length as ll1 (${n})`);
  }
  let R = 0;
  for (let k = 0; k < n; k++) R += ll1[k] - ll2[k];
  const mean = R / n;
  let variance = 0;
  for (let k = 0; k < n; k++) variance += (ll1[k] - ll2[k] - mean) ** 2;
  variance /= n;
  const scale = Math.sqrt(n * variance);
  const normalizedR = scale > 0 ? R / scale : 0;
  let p: number;
  if (nested) p = chiSquare1Survival(2 * Math.abs(R));
  else p = scale > 0 ? erfc(Math.abs(R) / (Math.SQRT2 * scale)) : 1;
  return { R, normalizedR, p, nested };
}

export interface DistributionComparison extends LikelihoodRatio {
  /** The alternative's maximum-likelihood parameters on the tail. */
  parameters: Record<string, number>;
  logLikelihood: number;
}

export type DistributionComparisons = Record<AlternativeName, DistributionComparison> & {
  power_law: { alpha: number; logLikelihood: number; n: number };
};

/**
 * Compares the fitted power law with the exponential, lognormal, stretched exponential (non-nested: Vuong) and
 * truncated power law (nested: χ²₁) on the fitted tail, the eigenvalues in [fit.xmin, fit.xmax].
 * @throws ParameterError when `fit` is not a fit of these eigenvalues (its tail size differs).
 */
export function compareDistributions(eigenvalues: Float64Array | readonly number[], fit: PowerLawFit): DistributionComparisons {
  if (fit === null || typeof fit !== 'object' || !(fit.xmin > 0) || !(fit.alpha > 1) || !(fit.xmax >= fit.xmin)) {
    throw new ParameterError('fit', fit, 'a PowerLawFit with xmin > 0, α > 1 and xmax ≥ xmin');
  }
  const { x } = preparePowerLawSample(eigenvalues, {});
  let first = 0;
  while (first < x.length && x[first] < fit.xmin) first++;
  let end = x.length;
  while (end > first && x[end - 1] > fit.xmax) end--;
  const tail = x.slice(first, end);
  if (tail.length !== fit.n) {
    throw new ParameterError('fit', `n = ${fit.n}`, `a fit of these eigenvalues (their tail has ${tail.length} points)`);
  }
  const pl = powerLawTail(tail, fit.xmin, fit.alpha);
  const compare = (alt: TailDistributionFit, nested: boolean): DistributionComparison => ({
    ...likelihoodRatio(pl.logLikelihoods, alt.logLikelihoods, nested),
    parameters: alt.parameters,
    logLikelihood: alt.logLikelihood,
  });
  return {
    power_law: { alpha: fit.alpha, logLikelihood: pl.logLikelihood, n: tail.length },
    exponential: compare(fitExponential(tail, fit.xmin), false),
    lognormal: compare(fitLognormal(tail, fit.xmin), false),
    stretched_exponential: compare(fitStretchedExponential(tail, fit.xmin), false),
    truncated_power_law: compare(fitTruncatedPowerLaw(tail, fit.xmin, fit.alpha), true),
  };
}
