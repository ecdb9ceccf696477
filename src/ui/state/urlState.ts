/**
 * All state lives in the URL (?lab=spectrum&n=1000&q=2&seed=7&hide=sigma,seed). Parsing never throws: an unknown
 * or invalid value is replaced by its default and listed in `notices`, so a bad link still opens a working lab.
 */
import { applyConstraints, formatValue, isLabId, LAB_IDS, labDefaults, labFields, type AnyLabValues, type Field, type LabId } from '../../labs/index.js';

/** Controls that are not fields but can still be hidden with ?hide=. */
export const EXTRA_CONTROLS = ['newdraw', 'export', 'run', 'import', 'tabs', 'benchmark'] as const;

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

export function parseUrlState(search: string): ParsedUrl {
  const params = new URLSearchParams(search);
  const notices: string[] = [];
  const labText = params.get('lab');
  let lab: LabId = 'spectrum';
  if (labText !== null) {
    if (isLabId(labText)) lab = labText;
    else notices.push(`unknown lab "${labText}": opened the spectrum lab`);
  }
  const fields = labFields(lab);
  const values: AnyLabValues = labDefaults(lab);
  for (const [key, text] of params) {
    if (RESERVED.has(key)) continue;
    // Own fields only: ?toString=1 names no field.
    const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (!field) {
      notices.push(`unknown parameter "${truncate(key)}" ignored`);
      continue;
    }
    const parsed = field.parse(text);
    if (parsed.ok) values[key] = parsed.value;
    else notices.push(`${key}="${truncate(text)}" is ${parsed.why}: reset to ${formatDefault(field)}`);
  }
  notices.push(...applyConstraints(lab, values));
  const hidden = parseHidden(params.get('hide'), lab, notices);
  return { lab, values, hidden, notices };
}

/**
 * Names of controls to hide. A control of another lab is kept without a notice: the hidden list is the class's,
 * carried from lab to lab (?lab=spectrum&hide=sigma, then the Edge tab, writes hide=sigma into the edge lab's
 * link), and it hides that control again when its lab is opened.
 */
function parseHidden(text: string | null, lab: LabId, notices: string[]): string[] {
  if (!text) return [];
  const known = new Set<string>([...LAB_IDS.flatMap((id) => Object.keys(labFields(id))), ...EXTRA_CONTROLS]);
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
  const fields = labFields(state.lab);
  for (const [name, field] of Object.entries(fields)) {
    params.set(name, formatValue(field, state.values[name]) ?? formatDefault(field));
  }
  if (state.hidden.length > 0) params.set('hide', state.hidden.join(','));
  // Commas are safe in a query string and keep lists readable.
  return `?${params.toString().replace(/%2C/g, ',')}`;
}

function formatDefault(field: Field): string {
  return formatValue(field, field.default) ?? '';
}

/** A value from a link as notices quote it: at most 40 characters. */
export function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
