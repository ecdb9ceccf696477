import { ParameterError } from '../errors.js';
import { describe, integer } from '../validate.js';

/**
 * The energy of a fully connected Ising spin glass and the quantities built on it. Couplings J are a symmetric
 * N×N row-major Float64Array with zero diagonal; a configuration s is an Int8Array of ±1. The energy per spin is
 *
 *   e(s) = −½ sᵀJs / N = −(1/N) Σ_{i<j} J_ij s_i s_j,
 *
 * the local field on spin i is h_i = Σ_j J_ij s_j, and flipping s_i changes the total energy by 2 s_i h_i, so a
 * configuration is one-flip stable (a local minimum) when s_i h_i ≥ 0 for every i.
 */

/**
 * Checks couplings at a boundary (they are N² values, so this costs what one field computation costs): N×N,
 * finite, symmetric, zero diagonal.
 */
export function checkCouplings(J: unknown, n: number): Float64Array {
  if (!(J instanceof Float64Array) || J.length !== n * n) {
    throw new ParameterError('J', J instanceof Float64Array ? `length ${J.length}` : typeof J, `a Float64Array of N² = ${n * n} couplings`);
  }
  for (let i = 0; i < n; i++) {
    if (J[i * n + i] !== 0) throw new ParameterError(`J[${i}][${i}]`, J[i * n + i], '0 (no self-coupling)');
    for (let j = i + 1; j < n; j++) {
      const a = J[i * n + j];
      if (!Number.isFinite(a)) throw new ParameterError(`J[${i}][${j}]`, a, 'a finite coupling');
      if (a !== J[j * n + i]) throw new ParameterError(`J[${j}][${i}]`, J[j * n + i], `J[${i}][${j}] = ${a} (J is symmetric)`);
    }
  }
  return J;
}

/**
 * Checks the shapes of J (N² values) and of a configuration s (N spins) in O(1): the functions below run inside
 * descents and enumerations, so they leave the N² values to checkCouplings.
 */
export function checkShapes(J: unknown, n: unknown, s: unknown, parameter = 's'): number {
  const size = integer('n', n, 1);
  if (!(J instanceof Float64Array) || J.length !== size * size) {
    throw new ParameterError('J', J instanceof Float64Array ? `length ${J.length}` : describe(J), `a Float64Array of N² = ${size * size} couplings`);
  }
  spins(parameter, s, size);
  return size;
}

function spins(parameter: string, s: unknown, n: number): Int8Array {
  if (!(s instanceof Int8Array) || s.length !== n) {
    throw new ParameterError(parameter, s instanceof Int8Array ? `length ${s.length}` : describe(s), `an Int8Array of N = ${n} spins ±1`);
  }
  return s;
}

/** h = J s. */
export function localFields(J: Float64Array, n: number, s: Int8Array, out?: Float64Array<ArrayBufferLike>): Float64Array<ArrayBufferLike> {
  checkShapes(J, n, s);
  if (out !== undefined && (!(out instanceof Float64Array) || out.length < n)) throw new ParameterError('h', describe(out), `a Float64Array of at least N = ${n} values`);
  const h = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let f = 0;
    for (let j = 0; j < n; j++) f += J[row + j] * s[j];
    h[i] = f;
  }
  return h;
}

/** Energy per spin −½ sᵀJs / N. */
export function energyPerSpin(J: Float64Array, n: number, s: Int8Array): number {
  const h = localFields(J, n, s);
  let e = 0;
  for (let i = 0; i < n; i++) e += s[i] * h[i];
  return -e / (2 * n);
}

/** |s·t| / N: the overlap of two configurations up to the global flip, in [0, 1]. */
export function overlap(s: Int8Array, t: Int8Array): number {
  if (!(s instanceof Int8Array) || s.length === 0) throw new ParameterError('s', describe(s), 'a non-empty Int8Array of spins ±1');
  spins('t', t, s.length);
  let q = 0;
  for (let i = 0; i < s.length; i++) q += s[i] * t[i];
  return Math.abs(q) / s.length;
}

/** The representative of {s, −s} whose last spin is +1 (the convention of exact enumeration). */
export function canonical(s: Int8Array): Int8Array {
  return s[s.length - 1] === 1 ? s : s.map((x) => -x);
}

/** True when no single flip lowers the energy: s_i h_i ≥ 0 for all i. */
export function isOneFlipStable(J: Float64Array, n: number, s: Int8Array): boolean {
  const h = localFields(J, n, s);
  for (let i = 0; i < n; i++) if (s[i] * h[i] < 0) return false;
  return true;
}
