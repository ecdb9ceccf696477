/** Student prior: spherical (|J|² = N) or Ising (J ∈ {±1}^N, learning an Ising teacher). */
export type Weights = 'ising' | 'spherical';
/** Which solution to return: the poor (R < 1) or perfect (R = 1, Ising only) branch, or the one of lower f. */
export type Branch = 'poor' | 'perfect' | 'equilibrium';
export type Method = 'replica' | 'annealed' | 'high-temperature';

export interface PerceptronParams {
  weights: Weights;
  /** load: examples per weight, P/N ≥ 0 */
  alpha: number;
  /** temperature τ = 1/β ≥ 0 (τ = 0: Gibbs learning, uniform over the zero-error students) */
  tau: number;
  /** probability p ∈ [0, 0.5] that a teacher label is flipped; default 0 */
  noise?: number;
  /** default 'equilibrium' */
  branch?: Branch;
}

/**
 * One solution of the teacher–student perceptron. Extensive quantities are per weight (divided by N) and in
 * energy units (one unit per training error): f = e − τ s with e = α ε_t.
 */
export interface PerceptronState {
  /** teacher–student overlap J·T/N */
  R: number;
  /** overlap J¹·J²/N of two students trained on the same data */
  q: number;
  /** generalization error arccos(R)/π against the teacher's clean labels */
  eps_g: number;
  /** error against noisy labels, p + (1 − 2p) ε_g */
  eps_g_noisy: number;
  /** training error per example */
  eps_t: number;
  /** free energy per weight, f = α ε_t − τ s (0 at τ = 0) */
  f: number;
  /** entropy per weight: ln(#students)/N for Ising; relative to the uniform measure on the sphere (≤ 0) for spherical */
  s: number;
  branch: 'poor' | 'perfect' | 'unique';
  method: Method;
  /** solver iterations (0 for closed forms) */
  iterations: number;
  weights: Weights;
  alpha: number;
  tau: number;
  noise: number;
}
