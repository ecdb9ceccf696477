import { ParameterError } from '../../errors.js';
import type { CheckedParams } from './params.js';
import type { Method, PerceptronState, Weights } from './types.js';

/** What each method computes; the rest of a PerceptronState follows from it. */
export interface Solution {
  R: number;
  /** 1 − R, passed separately because it is small and must keep its precision */
  oneMinusR: number;
  q: number;
  epsT: number;
  /** −βf; at τ = 0 the entropy (the log-volume of the version space) */
  phi: number;
  branch: 'poor' | 'perfect' | 'unique';
  iterations: number;
}

/** arccos(R)/π, from 1 − R when R is near 1 (where arccos loses its precision). */
export function generalizationError(R: number, oneMinusR: number): number {
  if (R < 0.5) return Math.acos(R) / Math.PI;
  return (2 * Math.asin(Math.sqrt(Math.max(0, oneMinusR) / 2))) / Math.PI;
}

/** Entropy per weight of students at overlap R with the teacher and no data: the α = 0 state count. */
export function priorEntropy(weights: Weights, R: number, oneMinusR: number): number {
  if (weights === 'spherical') return 0.5 * Math.log(oneMinusR * (1 + R));
  const x = oneMinusR / 2; // fraction of weights that differ from the teacher's
  if (x <= 0) return 0;
  return -x * Math.log(x) - (1 - x) * Math.log1p(-x);
}

export function toState(params: CheckedParams, method: Method, sol: Solution): PerceptronState {
  const { alpha, tau, noise, weights } = params;
  const epsG = generalizationError(sol.R, sol.oneMinusR);
  // f = e − τ s with e = α ε_t and −βf = φ; at τ = 0, e = 0 and s = φ.
  const f = tau === 0 ? 0 : -tau * sol.phi;
  const s = tau === 0 ? sol.phi : sol.phi + (alpha * sol.epsT) / tau;
  return {
    R: sol.R,
    q: sol.q,
    eps_g: epsG,
    eps_g_noisy: noise + (1 - 2 * noise) * epsG,
    eps_t: sol.epsT,
    f,
    s,
    branch: sol.branch,
    method,
    iterations: sol.iterations,
    weights,
    alpha,
    tau,
    noise,
  };
}

/**
 * The training error of the α = 0 state as the limit α → 0⁺ of the Gibbs students at temperature τ: their
 * overlap with the teacher vanishes, so each example's label is a fair coin to them, and its weight e^(−β·error)
 * leaves it misclassified with probability 1/(1 + e^β): 0 at τ = 0 (the version space), ½ as τ → ∞.
 */
export function emptyDataTrainingError(tau: number): number {
  return 1 / (1 + Math.exp(1 / tau));
}

/**
 * The α = 0 state: students uniform over their prior, with the training error of the method's α → 0⁺ limit
 * (emptyDataTrainingError, or ½ in the high-temperature limit, where training and generalization errors agree).
 */
export function emptyDataSolution(weights: Weights, epsT: number): Solution {
  return {
    R: 0,
    oneMinusR: 1,
    q: 0,
    epsT,
    phi: priorEntropy(weights, 0, 1),
    branch: weights === 'spherical' ? 'unique' : 'poor',
    iterations: 0,
  };
}

/**
 * The Ising teacher state (R = q = 1): no entropy, and the training error of the teacher, which is the fraction
 * p of flipped labels; each method supplies its own −βf and ε_t for it.
 */
export function perfectSolution(phi: number, epsT: number): Solution {
  return { R: 1, oneMinusR: 0, q: 1, epsT, phi, branch: 'perfect', iterations: 0 };
}

/** A null solution means that the poor branch was asked for beyond its spinodal. */
export function requireSolution(params: CheckedParams, sol: Solution | null): Solution {
  if (sol) return sol;
  throw new ParameterError(
    'branch',
    params.branch,
    "'perfect' or 'equilibrium' at this (alpha, tau, noise)",
    `the poor branch ends at its spinodal below alpha = ${params.alpha} (tau = ${params.tau}, noise = ${params.noise})`,
  );
}
