/** Display helpers for a lesson's table and checks (formatting only). */
import type { Check, TableRow } from '../../report/notebook.js';
import { fmt } from '../labs/format.js';

/** Every key of the rows, in order of first appearance (rows of one table may differ: parts of a notebook). */
export function tableColumns(rows: readonly TableRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

export function cellText(value: number | string | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'number' ? fmt(value, 5) : value;
}

/** "2.5 ± 0.01", "≤ 0.1 + 0.02", "≥ 3 − 0.5": the rule a check applies. */
export function checkRule(c: Check): string {
  const e = fmt(c.expected, 6);
  const t = fmt(c.tolerance, 3);
  if (c.comparison === 'at-most') return `≤ ${e} + ${t}`;
  if (c.comparison === 'at-least') return `≥ ${e} − ${t}`;
  return `${e} ± ${t}`;
}
