import { ConvergenceError, ParameterError } from '../../errors.js';
import { oneOf } from '../../validate.js';
import { temperature } from './energetic.js';
import { X_HUMP, epsGOf, gapOf, xSech } from './isingCurves.js';
import { METHODS, checkNoise, checkTau } from './params.js';
import { predict, replicaProblem, solveBranch } from './replica.js';
import { goldenMinimum } from '../special/minimize.js';
import { bisect } from '../special/roots.js';
import { solveSaddle, type SaddlePoint } from './saddle.js';
import { priorEntropy } from './state.js';
import type { Method } from './types.js';

export interface PhaseLineParams {
  tau: number;
  noise?: number;
  /** default 'replica' */
  method?: Method;
}

/** Loads on the Ising phase diagram at one temperature; null where the line does not exist at that τ. */
export interface PhaseLines {
  /** first-order transition: poor and perfect free energies are equal */
  alpha_c: number | null;
  /** end of the poor branch (the perfect branch exists at every α) */
  alpha_spinodal: number | null;
  /** where the poor branch's entropy reaches 0 (beyond it RS is unphysical for Ising weights) */
  alpha_zero_entropy: number | null;
}

const ALPHA_MAX = 1e4;

/** Poor-branch quantities that decide the lines, as functions of one parameter along the branch. */
interface BranchSample {
  /** where along the branch: α for the replica theory, x = artanh R for the closed forms */
  at: number;
  /** φ_poor − φ_perfect (> 0: poor branch is the equilibrium) */
  gap: number;
  entropy: number;
}

/** A root of a quantity sampled along the branch: scan for the first sign change, then bisect. */
function firstRoot(
  samples: BranchSample[],
  key: 'gap' | 'entropy',
  refine: (lo: number, hi: number) => number,
): number | null {
  for (let i = 1; i < samples.length; i++) {
    if (samples[i - 1][key] > 0 && samples[i][key] <= 0) return refine(samples[i - 1].at, samples[i].at);
  }
  return null;
}

function closedFormLines(tau: number, noise: number, method: 'annealed' | 'high-temperature'): PhaseLines {
  if (noise === 0.5) return { alpha_c: null, alpha_spinodal: null, alpha_zero_entropy: null };
  const temp = temperature(tau);
  // Along the poor branch, parametrized by x = artanh R, the load is explicit (the stationarity condition solved
  // for α) and rises to the spinodal at its maximum.
  const eps = (x: number): number => noise + (1 - 2 * noise) * epsGOf(x);
  const alphaOf =
    method === 'high-temperature'
      ? (x: number): number => (tau * Math.PI * xSech(x)) / (1 - 2 * noise)
      : (x: number): number => (Math.PI * (1 - temp.gamma * eps(x)) * xSech(x)) / (temp.gamma * (1 - 2 * noise));
  const xPeak = method === 'high-temperature' ? X_HUMP : goldenMinimum((x) => -alphaOf(x), 0, 10, 1e-12);
  const sample = (x: number): BranchSample => {
    const alpha = alphaOf(x);
    const s0 = priorEntropy('ising', Math.tanh(x), gapOf(x));
    if (method === 'high-temperature') {
      const lambda = alpha / tau;
      return { at: x, gap: s0 - lambda * (eps(x) - noise), entropy: s0 };
    }
    const phi = s0 + alpha * Math.log1p(-temp.gamma * eps(x));
    const phiPerfect = alpha * Math.log1p(-temp.gamma * noise);
    const epsT = temp.beta === Infinity ? 0 : (Math.exp(-temp.beta) * eps(x)) / (1 - temp.gamma * eps(x));
    const entropy = temp.beta === Infinity ? phi : phi + temp.beta * alpha * epsT;
    return { at: x, gap: phi - phiPerfect, entropy };
  };
  const samples: BranchSample[] = [];
  for (let i = 1; i <= 400; i++) samples.push(sample((xPeak * i) / 400));
  const root = (key: 'gap' | 'entropy') => (lo: number, hi: number) => alphaOf(bisect((x) => sample(x)[key], lo, hi));
  return {
    alpha_c: firstRoot(samples, 'gap', root('gap')),
    alpha_spinodal: alphaOf(xPeak),
    alpha_zero_entropy: firstRoot(samples, 'entropy', root('entropy')),
  };
}

function replicaLines(tau: number, noise: number): PhaseLines {
  const problemAt = (alpha: number) => replicaProblem({ weights: 'ising', alpha, tau, noise, branch: 'poor' });
  const toSample = (alpha: number, point: SaddlePoint): BranchSample => {
    const phiPerfect = tau === 0 ? 0 : (-alpha * noise) / tau;
    const entropy = tau === 0 ? point.phi : point.phi + (alpha * point.epsT) / tau;
    return { at: alpha, gap: point.phi - phiPerfect, entropy };
  };
  const points: SaddlePoint[] = [];
  const history: { alpha: number; point: SaddlePoint }[] = [];
  const samples: BranchSample[] = [];
  let alpha = 0;
  let spinodal: number | null = null;
  for (;;) {
    const next = alpha + 0.04 * (1 + tau) + 0.05 * alpha;
    if (next > ALPHA_MAX) break;
    const point = solveBranch(problemAt(next), predict(history, next));
    if (!point) {
      const end = locateSpinodal(alpha, next, points[points.length - 1], problemAt);
      spinodal = end.alpha;
      // The last solution found below the fold closes the scan: a line between the last regular sample and the
      // spinodal (the zero-entropy load just below it, at τ ≈ 0.3) lies in that interval and would be missed.
      if (end.last && end.last.alpha > alpha) {
        points.push(end.last.point);
        samples.push(toSample(end.last.alpha, end.last.point));
      }
      break;
    }
    points.push(point);
    history.push({ alpha: next, point });
    samples.push(toSample(next, point));
    alpha = next;
  }
  // Refine a root between two samples, warm-starting every solve from the latest solution (bisection closes in on
  // the root, so that solution stays near; near the fold a start from the far end of the interval can fail).
  const refine = (key: 'gap' | 'entropy') => (lo: number, hi: number) => {
    let from = points[samples.findIndex((s) => s.at === lo)];
    return bisect(
      (a) => {
        const point = solveBranch(problemAt(a), { u: from.u, jacobian: from.jacobian });
        if (!point) throw new ConvergenceError('phase lines', `poor branch lost at alpha = ${a} below the spinodal`);
        from = point;
        return toSample(a, point)[key];
      },
      lo,
      hi,
      1e-10,
    );
  };
  return {
    alpha_c: firstRoot(samples, 'gap', refine('gap')),
    alpha_spinodal: spinodal,
    alpha_zero_entropy: firstRoot(samples, 'entropy', refine('entropy')),
  };
}

/**
 * The poor branch exists at `lo` and not at `hi`: bisect on existence, testing with a short Newton solve warm-
 * started from the last solution (near the fold the iteration slows down, Newton does not). Returns the spinodal
 * and the solution found closest below it.
 */
function locateSpinodal(
  lo: number,
  hi: number,
  last: SaddlePoint | undefined,
  problemAt: (alpha: number) => ReturnType<typeof replicaProblem>,
): { alpha: number; last: { alpha: number; point: SaddlePoint } | null } {
  let anchor = last;
  let closest: { alpha: number; point: SaddlePoint } | null = null;
  const alpha = bisect(
    (a) => {
      let point: SaddlePoint | null = null;
      try {
        point = anchor
          ? solveSaddle(problemAt(a), { start: anchor.u, jacobian: anchor.jacobian, maxNewtonIterations: 30, skipStability: true })
          : null;
      } catch (error) {
        if (!(error instanceof ConvergenceError)) throw error;
      }
      if (point) {
        anchor = point;
        if (!closest || a > closest.alpha) closest = { alpha: a, point };
      }
      return point ? 1 : -1;
    },
    lo,
    hi,
    1e-9,
  );
  return { alpha, last: closest };
}

/**
 * Phase lines of the Ising perceptron at temperature τ: the first-order transition to perfect generalization
 * (alpha_c), the end of the poor branch (alpha_spinodal) and the poor branch's zero-entropy load.
 */
export function perceptronPhaseLines(params: PhaseLineParams): PhaseLines {
  if (typeof params !== 'object' || params === null) throw new ParameterError('params', params, 'an object');
  const method = oneOf('method', params.method ?? 'replica', METHODS);
  const tau = checkTau(params.tau, method);
  const noise = checkNoise(params.noise, tau);
  if (method === 'replica') return replicaLines(tau, noise);
  return closedFormLines(tau, noise, method);
}
