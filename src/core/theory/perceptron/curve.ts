import { ParameterError } from '../../errors.js';
import { oneOf, record } from '../../validate.js';
import { annealedSolutionFor } from './annealed.js';
import { highTemperatureSolution } from './highTemperature.js';
import { checkParams, METHODS } from './params.js';
import { predict, replicaPerfect, replicaSolution } from './replica.js';
import type { SaddlePoint } from './saddle.js';
import { toState } from './state.js';
import type { Branch, Method, PerceptronState, Weights } from './types.js';

export interface CurveParams {
  weights: Weights;
  tau: number;
  /** loads, non-decreasing: each solution warm-starts the next */
  alphas: readonly number[];
  noise?: number;
  branch?: Branch;
  method?: Method;
}

/**
 * States along α at fixed τ. The replica solutions follow their branch by continuation (each α starts from the
 * previous solution), which is fast and keeps to the branch. The poor branch stops at its spinodal: with
 * branch 'poor' the result then holds only the loads where it exists (each state carries its alpha).
 */
export function perceptronCurve(params: CurveParams): PerceptronState[] {
  record('params', params);
  const method = oneOf('method', params.method ?? 'replica', METHODS);
  const alphas = params.alphas;
  if (!Array.isArray(alphas)) throw new ParameterError('alphas', alphas, 'an array of loads');
  alphas.forEach((alpha, i) => {
    if (typeof alpha !== 'number' || !Number.isFinite(alpha) || alpha < 0) {
      throw new ParameterError(`alphas[${i}]`, alpha, 'a finite number ≥ 0');
    }
    if (i > 0 && alpha < alphas[i - 1]) throw new ParameterError(`alphas[${i}]`, alpha, `≥ alphas[${i - 1}] = ${alphas[i - 1]}`);
  });
  const states: PerceptronState[] = [];
  const history: { alpha: number; point: SaddlePoint }[] = [];
  let poorAlive = true;
  for (const alpha of alphas) {
    const checked = checkParams({ ...params, alpha }, method);
    if (method !== 'replica') {
      const sol = method === 'annealed' ? annealedSolutionFor(checked) : highTemperatureSolution(checked);
      if (sol) states.push(toState(checked, method, sol));
      continue;
    }
    const ising = checked.weights === 'ising';
    if (ising && !poorAlive && checked.branch !== 'perfect') {
      if (checked.branch === 'equilibrium') states.push(toState(checked, method, replicaPerfect(checked)));
      continue;
    }
    const { solution, point } = replicaSolution(checked, predict(history, alpha));
    if (point) history.push({ alpha, point });
    if (solution) states.push(toState(checked, method, solution));
    if (ising && alpha > 0 && checked.branch !== 'perfect') {
      if (!point) poorAlive = false;
      // Once the teacher state wins it keeps winning (φ_poor − φ_perfect decreases with α), so the poor branch
      // need not be followed to its spinodal, where solving gets slow.
      else if (checked.branch === 'equilibrium' && solution?.branch === 'perfect') poorAlive = false;
    }
  }
  return states;
}
