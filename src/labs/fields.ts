/**
 * Field specifications: one per control. Each knows its default and limits, how to check a value, how to read one
 * from text (a URL, an input box) and how to write it back. Reading text ends in the same check, so the page's
 * controls, its URL parser and the worker's request check all accept exactly the same values.
 */
import { ParameterError } from '../core/errors.js';
import { parseSeed } from '../core/random/index.js';

export type FieldValue = number | string | boolean | number[];

/** A value that passed a field's check, or why it did not. */
export type Checked<T> = { ok: true; value: T } | { ok: false; why: string };

interface BaseField<T extends FieldValue> {
  kind: string;
  label: string;
  default: T;
  /** What the field allows, in words (for error messages). */
  allowed: string;
  /** Checks a value of unknown type: the field's value, or why it is refused. */
  check(value: unknown): Checked<T>;
  /** Reads a value from text (ending in `check`). */
  parse(text: string): Checked<T>;
  format(value: T): string;
}

export interface NumberField extends BaseField<number> {
  kind: 'number';
  min: number;
  max: number;
  step: number;
  integer: boolean;
}
/** One of a fixed list of words; `O` is the union of the options, so lab values carry it as their type. */
export interface EnumField<O extends string = string> extends BaseField<O> {
  kind: 'enum';
  options: readonly O[];
}
export interface SeedField extends BaseField<string> {
  kind: 'seed';
}
export interface ListField extends BaseField<number[]> {
  kind: 'list';
  min: number;
  max: number;
  maxLength: number;
}
export interface BoolField extends BaseField<boolean> {
  kind: 'bool';
}

export type Field = NumberField | EnumField | SeedField | ListField | BoolField;

const shortest = (x: number): string => String(Number(x.toPrecision(12)));
/** A decimal number as people write it (1500, 2.5, .5, 1e-3): Number() alone also reads 0x10, 0b11 and 1_0 oddly. */
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

export function numberField(label: string, def: number, min: number, max: number, opts: { step?: number; integer?: boolean } = {}): NumberField {
  const integer = opts.integer ?? false;
  const check = (value: unknown): Checked<number> => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, why: 'not a number' };
    if (integer && !Number.isInteger(value)) return { ok: false, why: 'not an integer' };
    if (value < min || value > max) return { ok: false, why: `outside [${min}, ${max}]` };
    return { ok: true, value };
  };
  return {
    kind: 'number',
    label,
    default: def,
    allowed: `${integer ? 'an integer' : 'a number'} in [${min}, ${max}]`,
    min,
    max,
    step: opts.step ?? (integer ? 1 : (max - min) / 100),
    integer,
    check,
    parse: (text) => (DECIMAL.test(text) ? check(Number(text)) : { ok: false, why: 'not a decimal number' }),
    format: shortest,
  };
}

export function enumField<const O extends string>(label: string, options: readonly O[], def: NoInfer<O>): EnumField<O> {
  const isOption = (value: unknown): value is O => typeof value === 'string' && (options as readonly string[]).includes(value);
  const check = (value: unknown): Checked<O> => (isOption(value) ? { ok: true, value } : { ok: false, why: `not one of ${options.join(', ')}` });
  return { kind: 'enum', label, default: def, allowed: `one of ${options.join(', ')}`, options, check, parse: check, format: (value) => value };
}

export function seedField(label: string, def: string): SeedField {
  const check = (value: unknown): Checked<string> => {
    if (typeof value !== 'string') return { ok: false, why: 'not a seed written as text' };
    // Spaces alone would be a seed no one can see (the status line and links would show nothing).
    if (value !== '' && value.trim() === '') return { ok: false, why: 'not a seed: only spaces' };
    try {
      return { ok: true, value: String(parseSeed(value)) };
    } catch (error) {
      // The rule, not the parser's whole message: that repeats the value, which the notice shows already.
      return { ok: false, why: error instanceof ParameterError ? `not a seed (${error.allowed})` : 'not a seed' };
    }
  };
  return { kind: 'seed', label, default: def, allowed: 'a seed: an integer ≥ 0 or a string of at most 256 characters', check, parse: check, format: (value) => value };
}

export function listField(label: string, def: number[], min: number, max: number, maxLength: number, opts: { integer?: boolean; minLength?: number } = {}): ListField {
  const integer = opts.integer ?? false;
  const minLength = opts.minLength ?? 0;
  const check = (value: unknown): Checked<number[]> => {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) return { ok: false, why: 'not a list of numbers' };
    if (value.length > maxLength) return { ok: false, why: `more than ${maxLength} values` };
    if (value.length < minLength) return { ok: false, why: value.length === 0 ? 'an empty list' : `fewer than ${minLength} values` };
    if (integer && !value.every(Number.isInteger)) return { ok: false, why: 'a value that is not an integer' };
    if (value.some((v) => v < min || v > max)) return { ok: false, why: `a value outside [${min}, ${max}]` };
    return { ok: true, value: [...value] };
  };
  return {
    kind: 'list',
    label,
    default: def,
    allowed: `${minLength > 0 ? `${minLength} to ${maxLength}` : `up to ${maxLength}`} ${integer ? 'integers' : 'numbers'} in [${min}, ${max}]`,
    min,
    max,
    maxLength,
    check,
    parse(text) {
      if (text.trim() === '') return check([]);
      const parts = text.split(',');
      if (parts.length > maxLength) return { ok: false, why: `more than ${maxLength} values` };
      if (parts.some((p) => !DECIMAL.test(p) || !Number.isFinite(Number(p)))) return { ok: false, why: 'not a comma-separated list of decimal numbers' };
      return check(parts.map(Number));
    },
    format: (value) => value.map(shortest).join(','),
  };
}

export function boolField(label: string, def: boolean): BoolField {
  const check = (value: unknown): Checked<boolean> => (typeof value === 'boolean' ? { ok: true, value } : { ok: false, why: 'not true or false' });
  return {
    kind: 'bool',
    label,
    default: def,
    allowed: '0 or 1 (false or true)',
    check,
    parse: (text) => (text === '1' || text === 'true' ? check(true) : text === '0' || text === 'false' ? check(false) : { ok: false, why: 'not 0 or 1' }),
    format: (value) => (value ? '1' : '0'),
  };
}

/** The text of `value` in `field`'s own format, or null when the field refuses the value. */
export function formatValue(field: Field, value: unknown): string | null {
  return textOf<FieldValue>(field, value);
}

function textOf<T extends FieldValue>(field: BaseField<T>, value: unknown): string | null {
  const checked = field.check(value);
  return checked.ok ? field.format(checked.value) : null;
}
