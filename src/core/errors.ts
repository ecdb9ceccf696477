/**
 * Longest shown value, in characters: a message stays a readable paragraph whatever was passed, while file paths,
 * flag values and the sentences some refusals carry as their value (a run's estimate) are shown whole.
 */
const MAX_SHOWN = 1000;
/** Entries of a short array that are listed; longer arrays are shown by their length only. */
const MAX_LISTED = 8;

/**
 * The given value as it appears in a ParameterError's message: short, unambiguous, and computed without ever
 * throwing, since the value is by definition one that did not pass a check (an object with a null prototype, a
 * Proxy, a throwing toString). Strings are quoted (so "1" and 1 differ), BigInts carry their n (1n is not the
 * number 1), long strings are cut with an ellipsis and their length, and big arrays are named by type and length
 * rather than listed (a 10⁵-entry Float32Array would otherwise make a 200 kB message).
 */
export function showValue(value: unknown): string {
  try {
    return show(value, true);
  } catch {
    return 'an unprintable value';
  }
}

function show(value: unknown, top: boolean): string {
  switch (typeof value) {
    case 'string':
      return showString(value);
    case 'bigint':
      return cut(`${value.toString()}n`);
    case 'symbol':
      return cut(value.toString());
    case 'function':
      return value.name ? cut(`a function ${value.name}`) : 'a function';
    case 'object':
      return value === null ? 'null' : showObject(value, top);
    default:
      // number, boolean, undefined: String is exact and short (at most 24 characters for a number).
      return String(value);
  }
}

function showString(s: string): string {
  const quoted = JSON.stringify(s);
  if (quoted.length <= MAX_SHOWN) return quoted;
  return `${JSON.stringify(s.slice(0, MAX_SHOWN - 30)).slice(0, -1)}…" (${s.length} characters)`;
}

function showObject(value: object, top: boolean): string {
  if (ArrayBuffer.isView(value)) {
    const name = typeName(value) ?? 'TypedArray';
    return value instanceof DataView ? `${name}(${value.byteLength} bytes)` : `${name}(${(value as unknown as ArrayLike<unknown>).length})`;
  }
  if (value instanceof ArrayBuffer) return `ArrayBuffer(${value.byteLength} bytes)`;
  if (Array.isArray(value)) {
    const n = value.length;
    if (n === 0) return 'an empty array';
    // A short array of plain values is listed (nested arrays and objects only by their kind).
    if (top && n <= MAX_LISTED && value.every((x) => x === null || typeof x !== 'object')) {
      const listed = `[${value.map((x) => show(x, false)).join(', ')}]`;
      if (listed.length <= MAX_SHOWN) return listed;
    }
    return `an array of ${n}`;
  }
  if (!top) return 'an object';
  // A value with its own toString (Date, Error, URL, a class that defines one) says best what it is.
  const toString = (value as { toString?: unknown }).toString;
  if (typeof toString === 'function' && toString !== Object.prototype.toString) {
    const s = String(toString.call(value));
    return cut(s);
  }
  const name = typeName(value);
  if (name === undefined) return 'an object';
  if (name === 'Object') return 'an object';
  return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
}

/** The constructor's name, if the value has an ordinary one. */
function typeName(value: object): string | undefined {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null || typeof proto !== 'object') return undefined;
  const ctor = (proto as { constructor?: unknown }).constructor;
  const name = typeof ctor === 'function' ? ctor.name : undefined;
  return typeof name === 'string' && name !== '' ? name.slice(0, 40) : undefined;
}

function cut(s: string): string {
  return s.length <= MAX_SHOWN ? s : `${s.slice(0, MAX_SHOWN - 1)}…`;
}

/**
 * The one error type for invalid input. It names the parameter, the value that was given and what is allowed,
 * so that every boundary (CLI flags, URL state, file import, worker messages) can report it the same way.
 */
export class ParameterError extends Error {
  readonly parameter: string;
  readonly value: unknown;
  readonly allowed: string;

  constructor(parameter: string, value: unknown, allowed: string, detail?: string) {
    super(`invalid ${parameter}: ${showValue(value)}${detail ? ` (${detail})` : ''}; allowed: ${allowed}`);
    this.name = 'ParameterError';
    this.parameter = parameter;
    this.value = value;
    this.allowed = allowed;
  }
}

/** A numerical method that did not reach its tolerance: it reports that instead of returning a wrong number. */
export class ConvergenceError extends Error {
  constructor(method: string, detail: string) {
    super(`${method} did not converge: ${detail}`);
    this.name = 'ConvergenceError';
  }
}

/** A file or byte stream that cannot be read as what it claims to be. */
export class FormatError extends Error {
  constructor(what: string, detail: string) {
    super(`cannot read ${what}: ${detail}`);
    this.name = 'FormatError';
  }
}
