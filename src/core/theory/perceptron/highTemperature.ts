import { checkParams, type CheckedParams } from './params.js';
import { bisect } from '../special/roots.js';
import { emptyDataSolution, perfectSolution, priorEntropy, requireSolution, toState, type Solution } from './state.js';
import { X_HUMP, gapOf, epsGOf, xSech } from './isingCurves.js';
import type { PerceptronParams, PerceptronState } from './types.js';

/**
 * High-temperature limit: β → 0 with λ = α/τ = αβ fixed. The data enter only through their mean, so training
 * and generalization errors coincide, the replicas decouple (q = R²) and
 *   −βf = s(R) − λ ε(R),  ε(R) = p + (1 − 2p) arccos(R)/π,
 * with s(R) = ½ln(1 − R²) (spherical) or the binary entropy of (1 − R)/2 (Ising). Stationarity:
 * spherical R/√(1 − R²) = κ, Ising x·sech x = κ with x = artanh R, κ = λ(1 − 2p)/π.
 */

function noisyError(noise: number, epsG: number): number {
  return noise + (1 - 2 * noise) * epsG;
}

/** The poor (smallest-R) Ising root x of x·sech x = κ, or null beyond the spinodal κ > max x·sech x. */
export function highTemperatureIsingRoot(kappa: number): number | null {
  if (kappa === 0) return 0;
  if (kappa > xSech(X_HUMP)) return null;
  return bisect((x) => xSech(x) - kappa, 0, X_HUMP);
}

/** The requested branch; null when the poor branch is asked for where it does not exist. */
export function highTemperatureSolution(params: CheckedParams): Solution | null {
  const { weights, alpha, tau, noise, branch } = params;
  if (alpha === 0 && branch !== 'perfect') return emptyDataSolution(weights, 0.5);
  const lambda = alpha / tau;
  const kappa = (lambda * (1 - 2 * noise)) / Math.PI;
  const perfect = perfectSolution(-lambda * noise, noise);
  if (weights === 'spherical') {
    const root = Math.sqrt(1 + kappa * kappa);
    const R = kappa / root;
    const oneMinusR = 1 / (root * (root + kappa));
    const epsT = noisyError(noise, Math.atan2(1, kappa) / Math.PI);
    return { R, oneMinusR, q: R * R, epsT, phi: priorEntropy(weights, R, oneMinusR) - lambda * epsT, branch: 'unique', iterations: 0 };
  }
  if (branch === 'perfect') return perfect;
  const x = highTemperatureIsingRoot(kappa);
  if (x === null) {
    if (branch === 'poor') return null;
    return perfect;
  }
  const R = Math.tanh(x);
  const oneMinusR = gapOf(x);
  const epsT = noisyError(noise, epsGOf(x));
  const poor: Solution = { R, oneMinusR, q: R * R, epsT, phi: priorEntropy(weights, R, oneMinusR) - lambda * epsT, branch: 'poor', iterations: 0 };
  if (branch === 'poor') return poor;
  return poor.phi >= perfect.phi ? poor : perfect;
}

/** High-temperature limit of the teacher–student perceptron (requires τ > 0). */
export function perceptronHighTemperature(params: PerceptronParams): PerceptronState {
  const checked = checkParams(params, 'high-temperature');
  return toState(checked, 'high-temperature', requireSolution(checked, highTemperatureSolution(checked)));
}
