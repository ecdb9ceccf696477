import type { Problem } from '../../../src/core/vsdl/index.js';

/** Exact enumeration of the Ising student's states for tiny N: E and R = J·T/N of every J ∈ {±1}^N. */
export interface IsingStates {
  energy: Int32Array;
  /** J·T as an integer-valued count for an Ising teacher (R·N). */
  dot: Float64Array;
}

export function enumerateIsing(problem: Problem): IsingStates {
  const { n, p, xi, labels, teacher } = problem;
  const count = 1 << n;
  const energy = new Int32Array(count);
  const dot = new Float64Array(count);
  for (let s = 0; s < count; s++) {
    let e = 0;
    for (let mu = 0; mu < p; mu++) {
      let h = 0;
      for (let i = 0; i < n; i++) h += ((s >> i) & 1 ? 1 : -1) * xi[mu * n + i]!;
      if (labels[mu]! * h <= 0) e++;
    }
    let d = 0;
    for (let i = 0; i < n; i++) d += ((s >> i) & 1 ? 1 : -1) * teacher[i]!;
    energy[s] = e;
    dot[s] = d;
  }
  return { energy, dot };
}

/** Gibbs probabilities of the states at temperature τ. */
export function gibbsWeights(states: IsingStates, tau: number): Float64Array {
  const w = Float64Array.from(states.energy, (e) => Math.exp(-e / tau));
  const z = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / z);
}

/** Pearson chi-square of observed counts against expected probabilities, pooling bins with expectation < 5. */
export function chiSquare(observed: ArrayLike<number>, expected: ArrayLike<number>): { chi2: number; dof: number } {
  const total = Array.from(observed).reduce((a, b) => a + b, 0);
  let chi2 = 0;
  let bins = 0;
  let pooledObserved = 0;
  let pooledExpected = 0;
  for (let k = 0; k < observed.length; k++) {
    const e = expected[k]! * total;
    if (e < 5) {
      pooledObserved += observed[k]!;
      pooledExpected += e;
      continue;
    }
    chi2 += (observed[k]! - e) ** 2 / e;
    bins++;
  }
  if (pooledExpected > 0) {
    chi2 += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
    bins++;
  }
  return { chi2, dof: bins - 1 };
}

/**
 * Upper quantile of chi-square with `dof` degrees of freedom at tail probability 1e−3, by the Wilson–Hilferty
 * approximation (accurate to ~1 % for dof ≥ 3).
 */
export function chiSquareQuantile999(dof: number): number {
  const z = 3.090232306; // Φ^−1(0.999)
  const a = 2 / (9 * dof);
  return dof * (1 - a + z * Math.sqrt(a)) ** 3;
}
