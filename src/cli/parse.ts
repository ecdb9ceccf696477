import { ParameterError } from '../core/errors.js';
// The module itself, not the random index: every command parses, few draw, and the generators' tables cost start-up.
import { parseSeed, type Seed } from '../core/random/seed.js';

/**
 * Text → value conversions for flags, one rule for each kind of value (README, "Flag values"):
 * - spaces around a value (and around each item of a comma list) are ignored;
 * - numbers are decimal, optionally with a sign, a fraction and an exponent: '2', '-0.5', '1e-3';
 * - integers (counts and sizes) are plain decimal digits without sign, leading zeros, point or exponent;
 * - seeds are such integers below 2^53, or text that does not read as a number ('run-7').
 * '', '0x10', '1,', 'abc' and '5.0' for an integer are errors, never 0, NaN or a guess.
 */

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^(0|[1-9]\d*)$/;

export function parseNumber(flag: string, text: string | undefined, allowed = 'a number'): number {
  const trimmed = text?.trim();
  if (trimmed === undefined || !NUMBER.test(trimmed)) throw new ParameterError(`--${flag}`, text ?? 'missing', allowed);
  const value = Number(trimmed);
  if (!Number.isFinite(value)) throw new ParameterError(`--${flag}`, text, allowed, 'beyond the range of float64');
  return value;
}

/** An integer in [min, max], written as decimal digits. */
export function parseInteger(flag: string, text: string | undefined, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const allowed = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`;
  const trimmed = text?.trim();
  if (trimmed === undefined || !INTEGER.test(trimmed)) {
    const why = trimmed !== undefined && NUMBER.test(trimmed) ? 'integers are written as plain digits: no sign, leading zero, point or exponent' : undefined;
    throw new ParameterError(`--${flag}`, text ?? 'missing', allowed, why);
  }
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new ParameterError(`--${flag}`, text, allowed);
  return value;
}

const SEED_RULE = 'an integer 0 ≤ s < 2^53 in plain digits (no sign, leading zero, point or exponent), or text that does not read as a number';

/**
 * A seed: '42' is the integer 42; 'run-7' is a string seed. Text that reads as a number but is not written as a
 * plain integer (' 01', '1.0', '+1', '1e0', '0x1', '2^53' and beyond) is refused: each would otherwise name a
 * different stream from the integer it looks like.
 */
export function parseSeedFlag(flag: string, text: string | boolean | undefined): Seed {
  if (typeof text !== 'string' || text.trim() === '') throw new ParameterError(`--${flag}`, text ?? 'missing', SEED_RULE);
  const trimmed = text.trim();
  if (INTEGER.test(trimmed)) {
    if (!Number.isSafeInteger(Number(trimmed))) throw new ParameterError(`--${flag}`, text, SEED_RULE, 'at least 2^53');
    return Number(trimmed);
  }
  if (NUMBER.test(trimmed) || !Number.isNaN(Number(trimmed))) {
    throw new ParameterError(`--${flag}`, text, SEED_RULE, 'reads as a number but is not a plain integer');
  }
  try {
    return parseSeed(trimmed);
  } catch (error) {
    throw error instanceof ParameterError ? new ParameterError(`--${flag}`, text, error.allowed) : error;
  }
}

/** Comma-separated numbers; at most maxItems of them (a bound on the work they request). */
export function parseList(flag: string, text: string | undefined, allowed = 'a comma-separated list of numbers', maxItems = MAX_LIST_ITEMS): number[] {
  if (text === undefined || text.trim() === '') throw new ParameterError(`--${flag}`, text ?? 'missing', allowed);
  const parts = text.split(',');
  if (parts.length > maxItems) throw new ParameterError(`--${flag}`, `${parts.length} values`, `at most ${maxItems} values`);
  return parts.map((part) => parseNumber(flag, part, allowed));
}

/** The most values one list flag takes (--at, --quantile, --spikes, axes given as lists). */
export const MAX_LIST_ITEMS = 10_000;

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
  const allowed = `start:stop:count (e.g. 0.5:3:11), a comma-separated list, or one number; at most ${MAX_LIST_ITEMS} values`;
  if (text === undefined || text.trim() === '') throw new ParameterError(`--${flag}`, text ?? 'missing', allowed);
  if (!text.includes(':')) return parseList(flag, text, allowed);
  const parts = text.split(':');
  if (parts.length !== 3) throw new ParameterError(`--${flag}`, text, allowed);
  const start = parseNumber(flag, parts[0], allowed);
  const stop = parseNumber(flag, parts[1], allowed);
  const count = parseInteger(flag, parts[2], 1, MAX_LIST_ITEMS);
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
 * An async call (f returns a promise) has its rejection renamed the same way: an async function's checks reject
 * rather than throw.
 */
export function withFlagNames<T>(flags: Record<string, string>, f: () => T): T {
  let result: T;
  try {
    result = f();
  } catch (error) {
    throw flagNamed(flags, error);
  }
  if (result instanceof Promise) {
    return result.catch((error: unknown) => {
      throw flagNamed(flags, error);
    }) as T;
  }
  return result;
}

/** The error with its parameter renamed to the flag that set it; any other error as it is. */
function flagNamed(flags: Record<string, string>, error: unknown): unknown {
  if (!(error instanceof ParameterError) || error.parameter.startsWith('--')) return error;
  const base = error.parameter.replace(/\[\d+\]$/, '');
  const flag = Object.hasOwn(flags, base) ? flags[base] : undefined;
  if (!flag) return error;
  const renamed = new ParameterError(flag, error.value, error.allowed);
  renamed.message = error.message.replace(`invalid ${error.parameter}:`, `invalid ${flag}${base === error.parameter ? '' : ` (${error.parameter})`}:`);
  return renamed;
}
