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

export function boolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ParameterError(name, value, 'true or false');
  return value;
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

/** An options object (or a parameter object): not null, not an array, not a primitive. */
export function record<T extends object>(name: string, value: unknown, allowed = 'an object'): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || ArrayBuffer.isView(value)) throw new ParameterError(name, value, allowed);
  return value as T;
}

/** An optional options object: undefined becomes {}. */
export function options<T extends object>(name: string, value: unknown): T {
  return value === undefined ? ({} as T) : record<T>(name, value);
}

/** A callback such as onProgress. */
export function callback<F extends (...args: never[]) => unknown>(name: string, value: unknown): F {
  if (typeof value !== 'function') throw new ParameterError(name, typeof value, 'a function');
  return value as F;
}

/**
 * An optional abort signal: undefined, or an object whose `aborted` is a boolean (an AbortSignal, or the
 * AbortSignalLike the runners poll); `listens` also asks for addEventListener, for runners that wait on it.
 * Anything else would be read as "never aborted", and a cancel button would silently do nothing.
 */
export function abortSignal<S>(name: string, value: unknown, { listens = false } = {}): S | undefined {
  if (value === undefined) return undefined;
  const signal = value as { aborted?: unknown; addEventListener?: unknown } | null;
  if (signal === null || typeof signal !== 'object' || typeof signal.aborted !== 'boolean' || (listens && typeof signal.addEventListener !== 'function')) {
    throw new ParameterError(name, describe(value), listens ? 'an AbortSignal' : 'an AbortSignal (or an object with a boolean `aborted`)');
  }
  return value as S;
}

/** An array (or typed array) of numbers, e.g. eigenvalues; finite unless allowed otherwise. */
export function numbers(name: string, value: unknown, { finiteOnly = true, minLength = 0 } = {}): ArrayLike<number> {
  const isArray = Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array));
  if (!isArray) throw new ParameterError(name, describe(value), 'an array of numbers');
  const list = value as ArrayLike<unknown>;
  if (list.length < minLength) throw new ParameterError(name, `${list.length} values`, `at least ${minLength} values`);
  for (let i = 0; i < list.length; i++) {
    const x = list[i];
    if (typeof x !== 'number' || (finiteOnly && !Number.isFinite(x))) throw new ParameterError(`${name}[${i}]`, x, finiteOnly ? 'a finite number' : 'a number');
  }
  return list as ArrayLike<number>;
}

/** A short description of a value for messages about its type. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? 'an object' : typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A Float64Array (eigenvalues, a teacher vector, a state), optionally of a given length. */
export function float64Array(name: string, value: unknown, { length, minLength = 0 }: { length?: number; minLength?: number } = {}): Float64Array {
  if (!(value instanceof Float64Array)) throw new ParameterError(name, describe(value), 'a Float64Array');
  if (length !== undefined && value.length !== length) throw new ParameterError(name, `length ${value.length}`, `length ${length}`);
  if (value.length < minLength) throw new ParameterError(name, `length ${value.length}`, `length ≥ ${minLength}`);
  return value;
}

/** A plain array (of records, rows, layers). */
export function list<T>(name: string, value: unknown, allowed = 'an array'): readonly T[] {
  if (!Array.isArray(value)) throw new ParameterError(name, describe(value), allowed);
  return value as readonly T[];
}

/** A string. */
export function text(name: string, value: unknown, allowed = 'a string'): string {
  if (typeof value !== 'string') throw new ParameterError(name, describe(value), allowed);
  return value;
}

/** A random stream (anything with nextUint32, as the samplers use). */
export function randomStream<T>(name: string, value: unknown): T {
  if (value === null || typeof value !== 'object' || typeof (value as { nextUint32?: unknown }).nextUint32 !== 'function') {
    throw new ParameterError(name, describe(value), 'a random stream (createStream)');
  }
  return value as T;
}
