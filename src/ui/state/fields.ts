/**
 * Field specifications: one per control. Each knows its default, how to read itself from URL text and how to write
 * itself back, so that parsing, validation and serialization are driven by one table per lab.
 */
import { parseSeed, type Seed } from '../../core/random/index.js';

export type FieldValue = number | string | boolean | number[];

interface BaseField<T extends FieldValue> {
  kind: string;
  label: string;
  default: T;
  /** Why a text is rejected, or the parsed value. */
  parse(text: string): { ok: true; value: T } | { ok: false; why: string };
  format(value: T): string;
}

export interface NumberField extends BaseField<number> {
  kind: 'number';
  min: number;
  max: number;
  step: number;
  integer: boolean;
}
export interface EnumField extends BaseField<string> {
  kind: 'enum';
  options: readonly string[];
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

export function numberField(label: string, def: number, min: number, max: number, opts: { step?: number; integer?: boolean } = {}): NumberField {
  const integer = opts.integer ?? false;
  return {
    kind: 'number',
    label,
    default: def,
    min,
    max,
    step: opts.step ?? (integer ? 1 : (max - min) / 100),
    integer,
    parse(text) {
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) return { ok: false, why: 'not a number' };
      if (integer && !Number.isInteger(value)) return { ok: false, why: 'not an integer' };
      if (value < min || value > max) return { ok: false, why: `outside [${min}, ${max}]` };
      return { ok: true, value };
    },
    format: shortest,
  };
}

export function enumField(label: string, options: readonly string[], def: string): EnumField {
  return {
    kind: 'enum',
    label,
    default: def,
    options,
    parse: (text) => (options.includes(text) ? { ok: true, value: text } : { ok: false, why: `not one of ${options.join(', ')}` }),
    format: (value) => value,
  };
}

export function seedField(label: string, def: string): SeedField {
  return {
    kind: 'seed',
    label,
    default: def,
    parse(text) {
      try {
        return { ok: true, value: String(parseSeed(text)) };
      } catch (error) {
        return { ok: false, why: (error as Error).message };
      }
    },
    format: (value) => value,
  };
}

export function listField(label: string, def: number[], min: number, max: number, maxLength: number): ListField {
  return {
    kind: 'list',
    label,
    default: def,
    min,
    max,
    maxLength,
    parse(text) {
      if (text.trim() === '') return { ok: true, value: [] };
      const parts = text.split(',');
      if (parts.length > maxLength) return { ok: false, why: `more than ${maxLength} values` };
      const values = parts.map((p) => Number(p));
      if (values.some((v, i) => parts[i].trim() === '' || !Number.isFinite(v))) return { ok: false, why: 'not a comma-separated list of numbers' };
      if (values.some((v) => v < min || v > max)) return { ok: false, why: `a value outside [${min}, ${max}]` };
      return { ok: true, value: values };
    },
    format: (value) => value.map(shortest).join(','),
  };
}

export function boolField(label: string, def: boolean): BoolField {
  return {
    kind: 'bool',
    label,
    default: def,
    parse: (text) => (text === '1' || text === 'true' ? { ok: true, value: true } : text === '0' || text === 'false' ? { ok: true, value: false } : { ok: false, why: 'not 0 or 1' }),
    format: (value) => (value ? '1' : '0'),
  };
}

/** The seed as the core takes it (integers stay integers, so '42' and 42 are the same stream). */
export function seedValue(text: string): Seed {
  return parseSeed(text);
}
