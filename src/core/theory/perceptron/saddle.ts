import { ConvergenceError } from '../../errors.js';
import { energeticTerms, type EnergeticTerms, type Overlaps, type Temperature } from './energetic.js';
import { isingEntropic, sphericalEntropic, type EntropicResult, type Weights } from './entropic.js';

/**
 * Solves the replica-symmetric saddle point −βf = extr_{q,R} [G_S(q, R) + α G_E(q, R)] as a fixed point of
 * (q, R) → (q̂, R̂) → (q, R). The unknowns are u = (ln(1 − q), ln(1 − ρ²)) with ρ = R/√q: every real u with
 * u₁ < 0, u₂ ≤ 0 is a valid pair (q ≥ R²), and the logarithms keep full precision as q → 1 or ρ → 1.
 * Plain iteration (which settles on stable solutions) gets close; Newton's method on the residual, with a
 * Jacobian from finite differences kept current by Broyden updates, and backtracking, finishes the job.
 */

export interface SaddleProblem {
  weights: Weights;
  alpha: number;
  temp: Temperature;
  noise: number;
}

export type Unknowns = readonly [number, number];

export interface SaddlePoint {
  /** the solution in the solver's coordinates; pass it back as a warm start */
  u: Unknowns;
  q: number;
  oneMinusQ: number;
  R: number;
  oneMinusR: number;
  qHat: number;
  RHat: number;
  GS: number;
  GE: number;
  /** −βf = G_S + α G_E */
  phi: number;
  epsT: number;
  iterations: number;
  /** largest real part of the eigenvalues of the map's Jacobian (< 1: a stable solution of the iteration) */
  maxEigenvalue: number;
  /** the map's Jacobian at the solution (finite differences, or Broyden's estimate with skipStability) */
  jacobian: number[];
}

interface MapOutput {
  next: [number, number];
  energetic: EnergeticTerms;
  entropic: EntropicResult;
  qHat: number;
  RHat: number;
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const TOLERANCE = 1e-10;
/** An Ising iterate with 1 − R below this has left every solution with R < 1 (the argument is in replica.ts). */
const ESCAPE_GAP = 1e-7;

export function overlapsFrom(u: Unknowns): Overlaps {
  const oneMinusQ = Math.exp(u[0]);
  const oneMinusRho2 = Math.exp(u[1]);
  return { q: -Math.expm1(u[0]), oneMinusQ, rho: Math.sqrt(-Math.expm1(u[1])), oneMinusRho2 };
}

function mapOnce(problem: SaddleProblem, u: Unknowns): MapOutput {
  const overlaps = overlapsFrom(u);
  const energetic = energeticTerms(overlaps, problem.temp, problem.noise);
  const qHat = (problem.alpha * energetic.Sq) / overlaps.oneMinusQ;
  const RHat = (problem.alpha * (1 - 2 * problem.noise) * SQRT_2_OVER_PI * energetic.K) / Math.sqrt(overlaps.oneMinusQ);
  const entropic = problem.weights === 'ising' ? isingEntropic(qHat, RHat) : sphericalEntropic(qHat, RHat);
  return { next: [Math.log(entropic.oneMinusQ), Math.log(entropic.oneMinusRho2)], energetic, entropic, qHat, RHat };
}

function residualNorm(out: MapOutput, u: Unknowns): number {
  let worst = 0;
  for (let i = 0; i < 2; i++) {
    const r = Math.abs(out.next[i] - u[i]);
    worst = Math.max(worst, r === 0 ? 0 : r / Math.max(Math.abs(u[i]), 1e-14));
  }
  return Number.isNaN(worst) ? Infinity : worst;
}

function valid(u: Unknowns): boolean {
  return u[0] < 0 && u[1] <= 0 && Number.isFinite(u[0]) && Number.isFinite(u[1]);
}

function escaped(problem: SaddleProblem, out: MapOutput): boolean {
  return problem.weights === 'ising' && !(out.entropic.oneMinusR > ESCAPE_GAP);
}

/** Jacobian of the map u → next by one-sided differences towards smaller u (which stays valid). */
function mapJacobian(problem: SaddleProblem, u: Unknowns, at: MapOutput): number[] {
  const J = [0, 0, 0, 0];
  for (let j = 0; j < 2; j++) {
    const h = -1e-6 * Math.max(Math.abs(u[j]), 1e-10);
    const shifted: [number, number] = [u[0], u[1]];
    shifted[j] += h;
    const out = mapOnce(problem, shifted);
    for (let i = 0; i < 2; i++) J[2 * i + j] = (out.next[i] - at.next[i]) / h;
  }
  return J;
}

function largestEigenvalue(J: number[]): number {
  const tr = J[0] + J[3];
  const det = J[0] * J[3] - J[1] * J[2];
  const disc = 0.25 * tr * tr - det;
  return disc >= 0 ? 0.5 * tr + Math.sqrt(disc) : 0.5 * tr;
}

function finish(
  problem: SaddleProblem,
  u: Unknowns,
  out: MapOutput,
  iterations: number,
  maxEigenvalue: number,
  jacobian: number[],
): SaddlePoint {
  const { entropic, energetic } = out;
  return {
    u,
    q: entropic.q,
    oneMinusQ: entropic.oneMinusQ,
    R: entropic.R,
    oneMinusR: entropic.oneMinusR,
    qHat: out.qHat,
    RHat: out.RHat,
    GS: entropic.GS,
    GE: energetic.GE,
    phi: entropic.GS + problem.alpha * energetic.GE,
    epsT: energetic.epsT,
    iterations,
    maxEigenvalue,
    jacobian,
  };
}

export interface SolveOptions {
  /** a previous solution's u (continuation); without it the solver starts from the small-α response */
  start?: Unknowns;
  /** an estimate of the map's Jacobian at the start (e.g. the previous solution's), updated by Broyden's rule */
  jacobian?: readonly number[];
  /** where a cold start begins (default: the small-α response, from which plain iteration finds the smallest-R stable solution) */
  guess?: Unknowns;
  /** plain iterations before Newton when starting cold */
  maxPlainIterations?: number;
  /** Newton iterations before giving up */
  maxNewtonIterations?: number;
  /**
   * skip the final finite-difference Jacobian: maxEigenvalue then comes from the Broyden estimate (by default
   * it is recomputed by finite differences when that estimate exceeds 0.8, where a wrong answer matters)
   */
  skipStability?: boolean;
}

/**
 * Newton's method on r(u) = T(u) − u from `u`, with a Jacobian estimate kept current by Broyden updates and
 * refreshed by finite differences when a step fails. Returns null if it cannot make progress.
 */
function newton(
  problem: SaddleProblem,
  u0: Unknowns,
  out0: MapOutput,
  jacobian: readonly number[] | undefined,
  maxIterations: number,
): { u: Unknowns; out: MapOutput; J: number[]; iterations: number } | null {
  let u = u0;
  let out = out0;
  let J = jacobian ? jacobian.slice() : mapJacobian(problem, u, out);
  let fresh = !jacobian;
  for (let iterations = 0; iterations < maxIterations; iterations++) {
    const norm = residualNorm(out, u);
    if (norm < TOLERANCE) return { u, out, J, iterations };
    if (escaped(problem, out)) return null;
    const r0 = out.next[0] - u[0];
    const r1 = out.next[1] - u[1];
    const a = J[0] - 1;
    const b = J[1];
    const c = J[2];
    const d = J[3] - 1;
    const det = a * d - b * c;
    let accepted = false;
    if (det !== 0 && Number.isFinite(det)) {
      let d0 = (-d * r0 + b * r1) / det;
      let d1 = (c * r0 - a * r1) / det;
      const shrink = Math.min(1, 2 / Math.max(Math.abs(d0), Math.abs(d1))); // at most a factor e² per step
      d0 *= shrink;
      d1 *= shrink;
      for (let step = 1; step > 1 / 16; step /= 2) {
        let n0 = u[0] + step * d0;
        let n1 = u[1] + step * d1;
        if (n0 >= 0) n0 = 0.5 * u[0];
        if (n1 > 0) n1 = 0.5 * u[1];
        const trial: Unknowns = [n0, n1];
        if (!valid(trial)) continue;
        const trialOut = mapOnce(problem, trial);
        if (residualNorm(trialOut, trial) < norm) {
          // Broyden: J += (Δnext − J Δu) Δuᵀ / |Δu|² (the identity in r = T − u cancels).
          const du0 = trial[0] - u[0];
          const du1 = trial[1] - u[1];
          const len2 = du0 * du0 + du1 * du1;
          if (len2 > 0) {
            const e0 = trialOut.next[0] - out.next[0] - (J[0] * du0 + J[1] * du1);
            const e1 = trialOut.next[1] - out.next[1] - (J[2] * du0 + J[3] * du1);
            J = [J[0] + (e0 * du0) / len2, J[1] + (e0 * du1) / len2, J[2] + (e1 * du0) / len2, J[3] + (e1 * du1) / len2];
          }
          u = trial;
          out = trialOut;
          accepted = true;
          fresh = false;
          break;
        }
      }
    }
    if (!accepted) {
      if (!fresh) {
        J = mapJacobian(problem, u, out);
        fresh = true;
        continue;
      }
      return null;
    }
  }
  return residualNorm(out, u) < TOLERANCE ? { u, out, J, iterations: maxIterations } : null;
}

/**
 * Returns the solution reached from `start`, or from a cold start by plain iteration (which settles on the
 * stable solution with the smallest R, switching to Newton once close), or null when an Ising iteration runs
 * off to R = 1 (no poor solution there). Throws ConvergenceError when nothing reaches the tolerance.
 */
export function solveSaddle(
  problem: SaddleProblem,
  { start, jacobian, guess, maxPlainIterations = 4000, maxNewtonIterations = 40, skipStability = false }: SolveOptions = {},
): SaddlePoint | null {
  let iterations = 0;
  const done = (result: { u: Unknowns; out: MapOutput; J: number[]; iterations: number }): SaddlePoint => {
    let J = result.J;
    if (!skipStability && largestEigenvalue(J) > 0.8) J = mapJacobian(problem, result.u, result.out);
    return finish(problem, result.u, result.out, iterations + result.iterations, largestEigenvalue(J), J);
  };
  if (start && valid(start)) {
    const out = mapOnce(problem, start);
    if (escaped(problem, out)) return null;
    const result = newton(problem, start, out, jacobian, maxNewtonIterations);
    if (result) return done(result);
    throw new ConvergenceError('replica-symmetric saddle point', `Newton's method failed from the warm start (α = ${problem.alpha}, β = ${problem.temp.beta})`);
  }
  let u: Unknowns = guess && valid(guess) ? guess : [Math.log1p(-1e-6), Math.log(0.5)];
  let out = mapOnce(problem, u);
  // Plain iteration towards a stable solution; Newton takes over whenever the residual is small, and plain
  // iteration resumes if Newton fails (as it does near a spinodal, where the iteration only slowly finds out
  // that no solution is left).
  let threshold = 1e-2;
  for (; iterations < maxPlainIterations; iterations++) {
    if (escaped(problem, out)) return null;
    const norm = residualNorm(out, u);
    if (norm < threshold) {
      const result = newton(problem, u, out, undefined, maxNewtonIterations);
      if (result) return done(result);
      threshold *= 0.1;
    }
    u = out.next;
    out = mapOnce(problem, u);
  }
  throw new ConvergenceError(
    'replica-symmetric saddle point',
    `residual ${residualNorm(out, u).toExponential(2)} after ${iterations} plain iterations (α = ${problem.alpha}, β = ${problem.temp.beta})`,
  );
}
