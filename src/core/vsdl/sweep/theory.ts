import { ConvergenceError, ParameterError } from '../../errors.js';
import { perceptronPhaseLines, perceptronReplica } from '../../theory/index.js';
import type { CellTheory, PhaseLineRecord } from './types.js';
import type { Weights } from '../types.js';

/**
 * Theory beside the simulation. Only the two ways the theory declines are turned into a recorded reason
 * (ConvergenceError: no solution to the stated tolerance; ParameterError: outside the theory's domain, e.g.
 * label noise at τ = 0); anything else is a bug and propagates.
 */

export function cellTheory(weights: Weights, alpha: number, tau: number, noise: number): { theory: CellTheory | null; theory_error: string | null } {
  try {
    const state = perceptronReplica({ weights, alpha, tau, noise, branch: 'equilibrium' });
    return {
      theory: { R: state.R, q: state.q, eps_g: state.eps_g, eps_t: state.eps_t, f: state.f, s: state.s, branch: state.branch },
      theory_error: null,
    };
  } catch (error) {
    return { theory: null, theory_error: declined(error) };
  }
}

/** The Ising phase lines at one temperature (replica theory). */
export function phaseLinesAt(tau: number, noise: number): PhaseLineRecord {
  try {
    return { tau, ...perceptronPhaseLines({ tau, noise, method: 'replica' }), error: null };
  } catch (error) {
    return { tau, alpha_c: null, alpha_spinodal: null, alpha_zero_entropy: null, error: declined(error) };
  }
}

function declined(error: unknown): string {
  if (error instanceof ConvergenceError || error instanceof ParameterError) return error.message;
  throw error;
}
