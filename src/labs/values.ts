/**
 * A lab's values: its defaults, and the check every boundary that does not go through the URL applies (the worker,
 * on each request): every field present, of the right type, inside its range, and every cross-field rule kept.
 * The checks are the fields' own and the constraints' own, so the worker refuses exactly what the page repairs.
 */
import { ParameterError } from '../core/errors.js';
import { brokenConstraint } from './constraints.js';
import { labFields, type AnyLabValues, type LabId, type LabValues } from './definitions.js';

/** Throws ParameterError naming the first field that is missing, unknown, of the wrong type or out of range. */
export function checkLabValues<L extends LabId>(lab: L, values: unknown): asserts values is LabValues<L> {
  if (!isRecord(values)) throw new ParameterError(`${lab} request`, values, 'an object of control values');
  const fields = labFields(lab);
  for (const key of Object.keys(values)) if (!Object.hasOwn(fields, key)) throw new ParameterError(`${lab} request`, key, `only ${Object.keys(fields).join(', ')}`);
  const checked: AnyLabValues = {};
  for (const [name, field] of Object.entries(fields)) {
    const result = field.check(values[name]);
    if (!result.ok) throw new ParameterError(name, values[name], field.allowed, result.why);
    checked[name] = result.value;
  }
  const broken = brokenConstraint(lab, checked);
  if (broken) throw new ParameterError(broken.field, values[broken.field], broken.allowed);
}

/** A fresh copy of the lab's defaults (lists are copied, so the caller may change them). */
export function labDefaults<L extends LabId>(lab: L): LabValues<L> {
  const values: AnyLabValues = {};
  for (const [name, field] of Object.entries(labFields(lab))) values[name] = Array.isArray(field.default) ? [...field.default] : field.default;
  // The defaults are checked like any request: a table whose defaults break its own limits fails at once.
  checkLabValues(lab, values);
  return values;
}

/** A job id as the page sends it: a safe integer. */
export function checkJobId(job: unknown): number {
  if (typeof job !== 'number' || !Number.isSafeInteger(job)) throw new ParameterError('job id', job, 'an integer');
  return job;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
