import { ParameterError } from '../core/errors.js';

/** Strict text → value conversions for flags: '', '0x10', '1,' and 'abc' are errors, not 0 or NaN. */

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumber(flag: string, text: string | undefined, allowed = 'a number'): number {
  if (text === undefined || !NUMBER.test(text.trim())) throw new ParameterError(`--${flag}`, text ?? 'missing', allowed);
  return Number(text);
}

export function parseInteger(flag: string, text: string | undefined, min = 1): number {
  const allowed = `an integer ≥ ${min}`;
  const x = parseNumber(flag, text, allowed);
  if (!Number.isSafeInteger(x) || x < min) throw new ParameterError(`--${flag}`, text, allowed);
  return x;
}

export function parseList(flag: string, text: string | undefined, allowed = 'a comma-separated list of numbers'): number[] {
  if (text === undefined || text.trim() === '') throw new ParameterError(`--${flag}`, text ?? 'missing', allowed);
  return text.split(',').map((part) => parseNumber(flag, part, allowed));
}

export function required(flag: string, value: string | boolean | undefined, allowed: string): string {
  if (typeof value !== 'string' || value === '') throw new ParameterError(`--${flag}`, value ?? 'missing', allowed);
  return value;
}

/** Optional string flag as a number, or the fallback when absent. */
export function optionalNumber(flag: string, value: string | boolean | undefined, fallback?: number): number | undefined {
  return value === undefined ? fallback : parseNumber(flag, String(value));
}

/**
 * A grid axis: 'start:stop:count' (count evenly spaced values, both ends included), a comma list, or one number.
 */
export function parseAxis(flag: string, text: string | undefined): number[] {
  const allowed = "start:stop:count (e.g. 0.5:3:11), a comma-separated list, or one number";
  if (text === undefined || text.trim() === '') throw new ParameterError(`--${flag}`, text ?? 'missing', allowed);
  if (!text.includes(':')) return parseList(flag, text, allowed);
  const parts = text.split(':');
  if (parts.length !== 3) throw new ParameterError(`--${flag}`, text, allowed);
  const start = parseNumber(flag, parts[0], allowed);
  const stop = parseNumber(flag, parts[1], allowed);
  const count = parseNumber(flag, parts[2], allowed);
  if (!Number.isInteger(count) || count < 1 || count > 10_000) {
    throw new ParameterError(`--${flag}`, text, 'a count that is an integer in [1, 10000]');
  }
  if (count === 1) {
    if (start !== stop) throw new ParameterError(`--${flag}`, text, 'start = stop when count is 1');
    return [start];
  }
  // start + k·step accumulates no error across the axis, and the last value is exactly stop.
  return Array.from({ length: count }, (_, k) => (k === count - 1 ? stop : start + ((stop - start) * k) / (count - 1)));
}

/** A flag that takes one of a fixed set of words; the fallback when absent. */
export function parseChoice<T extends string>(flag: string, value: string | boolean | undefined, options: readonly T[], fallback?: T): T | undefined {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !options.includes(value as T)) throw new ParameterError(`--${flag}`, value, options.join(' or '));
  return value as T;
}

/**
 * Runs a core call and renames the parameters of its ParameterError to the flags that set them (`flags` maps
 * core names, e.g. 'schedule.measurementSweeps', to flags), so that every message names what the user typed.
 */
export function withFlagNames<T>(flags: Record<string, string>, f: () => T): T {
  try {
    return f();
  } catch (error) {
    if (!(error instanceof ParameterError) || error.parameter.startsWith('--')) throw error;
    const base = error.parameter.replace(/\[\d+\]$/, '');
    const flag = flags[base];
    if (!flag) throw error;
    const renamed = new ParameterError(flag, error.value, error.allowed);
    renamed.message = error.message.replace(`invalid ${error.parameter}:`, `invalid ${flag}${base === error.parameter ? '' : ` (${error.parameter})`}:`);
    throw renamed;
  }
}
