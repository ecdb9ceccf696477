/**
 * Checks a lab's values at a boundary that does not go through the URL (worker messages): every field present,
 * of the right type and inside its range. Throws ParameterError naming the field.
 */
import { ParameterError } from '../../core/errors.js';
import type { Field } from './fields.js';
import { LAB_FIELDS, type AnyLabValues, type LabId } from './labs.js';

export function checkLabValues(lab: LabId, values: unknown): AnyLabValues {
  if (values === null || typeof values !== 'object') throw new ParameterError(`${lab} request`, values, 'an object of control values');
  const fields = LAB_FIELDS[lab] as Record<string, Field>;
  const record = values as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!(key in fields)) throw new ParameterError(`${lab} request`, key, `only ${Object.keys(fields).join(', ')}`);
  for (const [name, field] of Object.entries(fields)) {
    const value = record[name];
    const typeOk =
      field.kind === 'number' ? typeof value === 'number' : field.kind === 'list' ? Array.isArray(value) : field.kind === 'bool' ? typeof value === 'boolean' : typeof value === 'string';
    if (!typeOk) throw new ParameterError(name, value, `a ${field.kind} value`);
    const parsed = field.parse(field.format(value as never));
    if (!parsed.ok) throw new ParameterError(name, value, parsed.why);
  }
  return record as AnyLabValues;
}
