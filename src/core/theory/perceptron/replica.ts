import { ConvergenceError } from '../../errors.js';
import { annealedSolutionFor } from './annealed.js';
import { temperature } from './energetic.js';
import { checkParams, type CheckedParams } from './params.js';
import { solveSaddle, type SaddlePoint, type SaddleProblem, type Unknowns } from './saddle.js';
import { emptyDataSolution, emptyDataTrainingError, perfectSolution, requireSolution, toState, type Solution } from './state.js';
import type { PerceptronParams, PerceptronState } from './types.js';

/**
 * Quenched replica-symmetric theory: −βf = extr_{q,R} [G_S + α G_E] (see saddle.ts, energetic.ts and
 * entropic.ts). Spherical students have one solution. Ising students have the poor solution (R < 1), found by
 * iterating from small R and followed in α by continuation, and the perfect one, R = q = 1 exactly: near R = 1
 * the conjugates grow like 1/√(1 − q), which drives 1 − R down like exp(−c/√(1 − q)), so no solution with
 * R < 1 sits next to it and the teacher state is an isolated solution at every τ and p < 1/2, with s = 0 and
 * ε_t = p (f = αp).
 */

export function replicaProblem(params: CheckedParams): SaddleProblem {
  return { weights: params.weights, alpha: params.alpha, temp: temperature(params.tau), noise: params.noise };
}

/** −βf and ε_t of the Ising teacher state. */
export function replicaPerfect(params: CheckedParams): Solution {
  const { alpha, tau, noise } = params;
  return perfectSolution(tau === 0 ? 0 : (-alpha * noise) / tau, noise);
}

/** Where to start a continuation step: a predicted u and a Jacobian estimate. */
export interface WarmStart {
  u: Unknowns;
  jacobian?: readonly number[];
}

/** Polynomial extrapolation in α through the last (up to three) solutions of a branch. */
export function predict(history: readonly { alpha: number; point: SaddlePoint }[], alpha: number): WarmStart | undefined {
  const n = history.length;
  if (n === 0) return undefined;
  const last = history[n - 1];
  const nodes = history.slice(Math.max(0, n - 3));
  const u: [number, number] = [0, 0];
  for (let i = 0; i < nodes.length; i++) {
    // Lagrange basis polynomial of node i at α
    let weight = 1;
    for (let j = 0; j < nodes.length; j++) {
      if (j !== i) weight *= (alpha - nodes[j].alpha) / (nodes[i].alpha - nodes[j].alpha);
    }
    u[0] += weight * nodes[i].point.u[0];
    u[1] += weight * nodes[i].point.u[1];
  }
  const ok = u[0] < 0 && u[1] <= 0 && Number.isFinite(u[0]) && Number.isFinite(u[1]);
  return { u: ok ? u : last.point.u, jacobian: last.point.jacobian };
}

/**
 * The poor (Ising) or unique (spherical) solution, warm-started when `warm` is given. An Ising warm start
 * that lands on an unstable solution, or fails, is retried from cold. Returns null where the Ising poor branch
 * does not exist (beyond its spinodal).
 */
export function solveBranch(problem: SaddleProblem, warm?: WarmStart): SaddlePoint | null {
  const skipStability = problem.weights === 'spherical';
  if (warm) {
    try {
      const point = solveSaddle(problem, { start: warm.u, jacobian: warm.jacobian, skipStability });
      if (point && (problem.weights === 'spherical' || point.maxEigenvalue < 1)) return point;
    } catch (error) {
      if (!(error instanceof ConvergenceError)) throw error;
    }
  }
  return solveSaddle(problem, { skipStability, guess: problem.weights === 'spherical' ? annealedGuess(problem) : undefined });
}

/**
 * A spherical cold start near the answer: the annealed overlap R with q = R (its τ = 0 value). Only for the
 * spherical student, whose solution is unique; an Ising start must come from small R to land on the poor branch.
 */
function annealedGuess(problem: SaddleProblem): Unknowns | undefined {
  const tau = problem.temp.beta === Infinity ? 0 : 1 / problem.temp.beta;
  const sol = annealedSolutionFor({ weights: 'spherical', alpha: problem.alpha, tau, noise: problem.noise, branch: 'equilibrium' });
  if (!sol || !(sol.R > 0) || !(sol.oneMinusR > 0)) return undefined;
  const gap = Math.log(sol.oneMinusR); // 1 − q = 1 − ρ² = 1 − R
  return [gap, gap];
}

export function saddleSolution(point: SaddlePoint, weights: CheckedParams['weights']): Solution {
  return {
    R: point.R,
    oneMinusR: point.oneMinusR,
    q: point.q,
    epsT: point.epsT,
    phi: point.phi,
    branch: weights === 'spherical' ? 'unique' : 'poor',
    iterations: point.iterations,
  };
}

/** The requested branch (null: the poor branch does not exist) and the saddle point for continuation. */
export function replicaSolution(
  params: CheckedParams,
  warm?: WarmStart,
): { solution: Solution | null; point: SaddlePoint | null } {
  const { weights, alpha, branch } = params;
  if (alpha === 0 && branch !== 'perfect') return { solution: emptyDataSolution(weights, emptyDataTrainingError(params.tau)), point: null };
  if (weights === 'ising' && branch === 'perfect') return { solution: replicaPerfect(params), point: null };
  const point = solveBranch(replicaProblem(params), warm);
  if (weights === 'spherical') {
    if (!point) throw new ConvergenceError('replica-symmetric saddle point', 'spherical iteration left the domain');
    return { solution: saddleSolution(point, weights), point };
  }
  const poor = point ? saddleSolution(point, weights) : null;
  if (branch === 'poor') return { solution: poor, point };
  const perfect = replicaPerfect(params);
  return { solution: poor && poor.phi >= perfect.phi ? poor : perfect, point };
}

/** Quenched replica-symmetric theory of the teacher–student perceptron. */
export function perceptronReplica(params: PerceptronParams): PerceptronState {
  const checked = checkParams(params, 'replica');
  return toState(checked, 'replica', requireSolution(checked, replicaSolution(checked).solution));
}
