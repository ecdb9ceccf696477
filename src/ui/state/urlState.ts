/**
 * All state lives in the URL (?lab=spectrum&n=1000&q=2&seed=7&hide=sigma,seed). Parsing never throws: an unknown
 * or invalid value is replaced by its default and listed in `notices`, so a bad link still opens a working lab.
 */
import type { Field } from './fields.js';
import { applyConstraints } from './constraints.js';
import { EXTRA_CONTROLS, LAB_FIELDS, LAB_IDS, labDefaults, type AnyLabValues, type LabId } from './labs.js';

export interface UrlState {
  lab: LabId;
  values: AnyLabValues;
  /** Control names hidden in classroom mode. */
  hidden: string[];
}

export interface ParsedUrl extends UrlState {
  notices: string[];
}

const RESERVED = new Set(['lab', 'hide']);

function fieldsOf(lab: LabId): Record<string, Field> {
  return LAB_FIELDS[lab] as Record<string, Field>;
}

export function parseUrlState(search: string): ParsedUrl {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const labText = params.get('lab');
  let lab: LabId = 'spectrum';
  if (labText !== null) {
    if ((LAB_IDS as readonly string[]).includes(labText)) lab = labText as LabId;
    else notices.push(`unknown lab "${labText}": opened the spectrum lab`);
  }
  const fields = fieldsOf(lab);
  const values: AnyLabValues = labDefaults(lab);
  for (const [key, text] of params) {
    if (RESERVED.has(key)) continue;
    const field = fields[key];
    if (!field) {
      notices.push(`unknown parameter "${key}" ignored`);
      continue;
    }
    const parsed = field.parse(text);
    if (parsed.ok) values[key] = parsed.value;
    else notices.push(`${key}="${truncate(text)}" is ${parsed.why}: reset to ${field.format(field.default as never)}`);
  }
  notices.push(...applyConstraints(lab, values));
  const hidden = parseHidden(params.get('hide'), lab, notices);
  return { lab, values, hidden, notices };
}

function parseHidden(text: string | null, lab: LabId, notices: string[]): string[] {
  if (!text) return [];
  const known = new Set<string>([...Object.keys(fieldsOf(lab)), ...EXTRA_CONTROLS]);
  const hidden: string[] = [];
  for (const name of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (known.has(name)) hidden.push(name);
    else notices.push(`hide: unknown control "${truncate(name)}" ignored`);
  }
  return hidden;
}

/** The query string of a state: every field of the lab, so that a shared link does not depend on defaults. */
export function serializeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  params.set('lab', state.lab);
  const fields = fieldsOf(state.lab);
  for (const [name, field] of Object.entries(fields)) {
    const value = state.values[name] ?? field.default;
    params.set(name, field.format(value as never));
  }
  if (state.hidden.length > 0) params.set('hide', state.hidden.join(','));
  // Commas are safe in a query string and keep lists readable.
  return `?${params.toString().replace(/%2C/g, ',')}`;
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
