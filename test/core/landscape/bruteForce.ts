/**
 * Independent references for the landscape tests: plain loops over every configuration, with energies summed
 * pair by pair (another order of operations than the fields the library uses).
 */

/** Energy per spin −(1/N) Σ_{i<j} J_ij s_i s_j. */
export function pairEnergy(J: Float64Array, n: number, s: ArrayLike<number>): number {
  let e = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) e -= J[i * n + j] * s[i] * s[j];
  return e / n;
}

/** Configuration number x: spin i is −1 when bit i is set (x < 2^31). */
export function spinsOf(x: number, n: number): Int8Array {
  const s = new Int8Array(n);
  for (let i = 0; i < n; i++) s[i] = (x >>> i) & 1 ? -1 : 1;
  return s;
}

/** The lowest configuration of all 2^N (last spin +1 by symmetry), and its energy per spin. */
export function bruteGroundState(J: Float64Array, n: number): { energy: number; state: Int8Array } {
  let best: { energy: number; state: Int8Array } = { energy: Infinity, state: new Int8Array(n) };
  for (let x = 0; x < 2 ** (n - 1); x++) {
    const s = spinsOf(x, n);
    const e = pairEnergy(J, n, s);
    if (e < best.energy) best = { energy: e, state: s };
  }
  return best;
}

/** A symmetric matrix with zero diagonal from a list of upper-triangle values. */
export function symmetricFrom(n: number, upper: (i: number, j: number) => number): Float64Array {
  const J = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = upper(i, j);
      J[i * n + j] = v;
      J[j * n + i] = v;
    }
  }
  return J;
}
