import { ParameterError } from '../../errors.js';
import { finite, inRange, oneOf } from '../../validate.js';
import type { Branch, Method, PerceptronParams, Weights } from './types.js';

export interface CheckedParams {
  weights: Weights;
  alpha: number;
  tau: number;
  noise: number;
  branch: Branch;
}

export const WEIGHTS: readonly Weights[] = ['ising', 'spherical'];
export const BRANCHES: readonly Branch[] = ['poor', 'perfect', 'equilibrium'];
export const METHODS: readonly Method[] = ['replica', 'annealed', 'high-temperature'];

export function checkWeights(weights: unknown): Weights {
  return oneOf('weights', weights, WEIGHTS);
}

export function checkTau(tau: unknown, method: Method): number {
  if (method === 'high-temperature') return inRange('tau', tau, 0, Infinity, { minOpen: true, maxOpen: true });
  return inRange('tau', tau, 0, Infinity, { maxOpen: true });
}

/** Label noise in [0, 0.5]; refused at τ = 0, where the version space of noisy labels is empty for large α. */
export function checkNoise(noise: unknown, tau: number): number {
  const p = inRange('noise', noise ?? 0, 0, 0.5);
  if (tau === 0 && p > 0) {
    throw new ParameterError(
      'noise',
      p,
      '0 when tau = 0',
      'with flipped labels no student is error-free beyond a finite load; use tau > 0',
    );
  }
  return p;
}

export function checkBranch(branch: unknown, weights: Weights): Branch {
  const b = oneOf('branch', branch ?? 'equilibrium', BRANCHES);
  if (weights === 'spherical' && b !== 'equilibrium') {
    throw new ParameterError('branch', b, "'equilibrium' for spherical students", 'a spherical student has one branch');
  }
  return b;
}

export function checkParams(params: PerceptronParams, method: Method): CheckedParams {
  if (typeof params !== 'object' || params === null) throw new ParameterError('params', params, 'an object');
  const weights = checkWeights(params.weights);
  const alpha = inRange('alpha', finite('alpha', params.alpha), 0, Infinity, { maxOpen: true });
  const tau = checkTau(params.tau, method);
  const noise = checkNoise(params.noise, tau);
  const branch = checkBranch(params.branch, weights);
  return { weights, alpha, tau, noise, branch };
}
