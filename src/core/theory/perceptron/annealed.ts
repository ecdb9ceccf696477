import { temperature, type Temperature } from './energetic.js';
import { X_HUMP, epsGOf, gapOf, xSech } from './isingCurves.js';
import { checkParams, type CheckedParams } from './params.js';
import { bisect } from '../special/roots.js';
import { emptyDataSolution, emptyDataTrainingError, perfectSolution, priorEntropy, requireSolution, toState, type Solution } from './state.js';
import type { PerceptronParams, PerceptronState } from './types.js';

/**
 * Annealed approximation: the disorder average of Z instead of ln Z,
 *   −βf = s(R) + α ln(1 − γ ε(R)),  γ = 1 − e^(−β),  ε(R) = p + (1 − 2p) arccos(R)/π,
 * exact to first order in β and at α → 0, wrong at low τ where the typical data set differs from the average
 * one. q = R² (the average over data does not couple the replicas). ε_t = e^(−β)ε/(1 − γε).
 * Stationarity (κ(ε) = αγ(1 − 2p)/(π(1 − γε))): spherical cot θ = κ with θ = arccos R (one root);
 * Ising x·sech x = κ with x = artanh R, whose smallest root is the poor branch.
 */

function noisyError(noise: number, epsG: number): number {
  return noise + (1 - 2 * noise) * epsG;
}

function kappaOf(alpha: number, temp: Temperature, noise: number, eps: number): number {
  return (alpha * temp.gamma * (1 - 2 * noise)) / (Math.PI * (1 - temp.gamma * eps));
}

function annealedSolution(
  alpha: number,
  temp: Temperature,
  noise: number,
  R: number,
  oneMinusR: number,
  epsG: number,
  weights: 'ising' | 'spherical',
  branch: Solution['branch'],
): Solution {
  const eps = noisyError(noise, epsG);
  const phi = priorEntropy(weights, R, oneMinusR) + alpha * Math.log1p(-temp.gamma * eps);
  const epsT = temp.beta === Infinity ? 0 : (Math.exp(-temp.beta) * eps) / (1 - temp.gamma * eps);
  return { R, oneMinusR, q: R * R, epsT, phi, branch, iterations: 0 };
}

/** Smallest root of x·sech x = κ(x) for the Ising annealed theory, or null when there is none (spinodal). */
export function annealedIsingRoot(alpha: number, temp: Temperature, noise: number): number | null {
  const h = (x: number): number => xSech(x) - kappaOf(alpha, temp, noise, noisyError(noise, epsGOf(x)));
  const kappaFloor = kappaOf(alpha, temp, noise, noise); // κ at R = 1, its smallest value
  if (kappaFloor === 0) return 0;
  const step = 0.005;
  let prev = 0;
  for (let x = step; ; x += step) {
    if (h(x) > 0) return bisect(h, prev, x);
    if (x > X_HUMP && xSech(x) < kappaFloor) return null;
    prev = x;
  }
}

export function annealedSolutionFor(params: CheckedParams): Solution | null {
  const { weights, alpha, tau, noise, branch } = params;
  if (alpha === 0 && branch !== 'perfect') return emptyDataSolution(weights, emptyDataTrainingError(tau));
  const temp = temperature(tau);
  if (weights === 'spherical') {
    // cot θ − κ(θ) decreases from +∞ to −κ(π/2): one root.
    const g = (theta: number): number =>
      1 / Math.tan(theta) - kappaOf(alpha, temp, noise, noisyError(noise, theta / Math.PI));
    const theta = noise === 0.5 ? Math.PI / 2 : bisect(g, 0, Math.PI / 2);
    const R = Math.cos(theta);
    const oneMinusR = 2 * Math.sin(theta / 2) ** 2;
    return annealedSolution(alpha, temp, noise, R, oneMinusR, theta / Math.PI, weights, 'unique');
  }
  const perfectEps = noise;
  const perfect = perfectSolution(
    alpha * Math.log1p(-temp.gamma * perfectEps),
    temp.beta === Infinity ? 0 : (Math.exp(-temp.beta) * perfectEps) / (1 - temp.gamma * perfectEps),
  );
  if (branch === 'perfect') return perfect;
  const x = annealedIsingRoot(alpha, temp, noise);
  if (x === null) return branch === 'poor' ? null : perfect;
  const poor = annealedSolution(alpha, temp, noise, Math.tanh(x), gapOf(x), epsGOf(x), weights, 'poor');
  if (branch === 'poor') return poor;
  return poor.phi >= perfect.phi ? poor : perfect;
}

/** Annealed approximation to the teacher–student perceptron. */
export function perceptronAnnealed(params: PerceptronParams): PerceptronState {
  const checked = checkParams(params, 'annealed');
  return toState(checked, 'annealed', requireSolution(checked, annealedSolutionFor(checked)));
}
