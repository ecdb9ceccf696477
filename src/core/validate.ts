import { ParameterError } from './errors.js';

/** Checks used at the boundaries. Each returns the value so that calls compose: `const n = integer('n', x, 1)`. */

export function finite(name: string, value: unknown, allowed = 'a finite number'): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ParameterError(name, value, allowed);
  return value;
}

export function inRange(
  name: string,
  value: unknown,
  min: number,
  max: number,
  { minOpen = false, maxOpen = false } = {},
): number {
  const lo = `${minOpen ? '(' : '['}${min}`;
  const hi = `${max}${maxOpen ? ')' : ']'}`;
  const allowed = `a number in ${lo}, ${hi}`;
  const x = finite(name, value, allowed);
  if (x < min || x > max || (minOpen && x === min) || (maxOpen && x === max)) {
    throw new ParameterError(name, value, allowed);
  }
  return x;
}

export function positive(name: string, value: unknown): number {
  return inRange(name, value, 0, Infinity, { minOpen: true, maxOpen: true });
}

export function integer(name: string, value: unknown, min = -Infinity, max = Infinity): number {
  const allowed =
    max === Infinity ? `an integer ≥ ${min}` : min === -Infinity ? `an integer ≤ ${max}` : `an integer in [${min}, ${max}]`;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new ParameterError(name, value, allowed);
  }
  return value;
}

export function oneOf<T extends string | number>(name: string, value: unknown, options: readonly T[]): T {
  if (!options.includes(value as T)) throw new ParameterError(name, value, `one of ${options.join(', ')}`);
  return value as T;
}
