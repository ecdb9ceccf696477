import { ParameterError } from '../errors.js';
import { finite, inRange, integer, oneOf } from '../validate.js';
import type { Start, TeacherSpec, Weights } from './types.js';

/** Boundary checks shared by the VSDL entry points. */

export const WEIGHTS: readonly Weights[] = ['spherical', 'ising'];

/** Largest N: random indices use exact double arithmetic on uint32 × N (see chain.ts). */
export const MAX_N = 1 << 20;

export function checkWeights(value: unknown, name = 'weights'): Weights {
  return oneOf(name, value, WEIGHTS);
}

export function checkN(value: unknown, weights?: Weights): number {
  // A spherical pair rotation needs two coordinates.
  return integer('n', value, weights === 'spherical' ? 2 : 1, MAX_N);
}

export function checkAlpha(value: unknown, name = 'alpha'): number {
  return inRange(name, value, 0, 1e6, { minOpen: true });
}

export function checkTau(value: unknown, name = 'tau'): number {
  return inRange(name, value, 0, Infinity, { maxOpen: true });
}

export function checkNoise(value: unknown): number {
  return inRange('noise', value, 0, 0.5);
}

export function checkStart(value: unknown, allowMixed: boolean): Start {
  return oneOf('start', value, allowMixed ? (['teacher', 'random', 'mixed'] as const) : (['teacher', 'random'] as const));
}

export function checkSweeps(name: string, value: unknown, min = 0): number {
  return integer(name, value, min, 1e9);
}

export function checkTeacherSpec(value: unknown, n: number): TeacherSpec {
  if (value === 'spherical' || value === 'ising') return value;
  if (value instanceof Float64Array) {
    if (value.length !== n) throw new ParameterError('teacher', `Float64Array(${value.length})`, `a Float64Array of length n = ${n}`);
    let norm = 0;
    for (let i = 0; i < n; i++) {
      finite(`teacher[${i}]`, value[i]);
      norm += value[i]! * value[i]!;
    }
    if (!(norm > 0) || !Number.isFinite(norm)) throw new ParameterError('teacher', 'a zero vector', 'a non-zero finite vector');
    return value;
  }
  throw new ParameterError('teacher', value, "'spherical', 'ising' or a Float64Array of length n");
}

/** P = round(αN), at least one example. */
export function examplesFor(n: number, alpha: number): number {
  integer('n', n, 1);
  finite('alpha', alpha);
  return Math.max(1, Math.round(alpha * n));
}

/**
 * The exact text of a float used in stream names: JavaScript's shortest round-trip representation, so that
 * 0.5, 1/2 and 0.50 name the same stream and two different doubles never do.
 */
export function numberKey(x: number): string {
  return Object.is(x, -0) ? '0' : String(x);
}
