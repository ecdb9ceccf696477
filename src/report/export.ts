import { list, oneOf, record } from '../core/validate.js';
import { GENERATOR } from '../core/random/index.js';
import { sidecarJson } from '../io/index.js';
import { SOFTWARE } from '../version.js';
import type { Notebook, NotebookParams, NotebookResult, TableRow } from './notebook.js';
import { renderSvg } from './svg.js';

/**
 * The files a notebook run leaves behind, as a map from file name to text: one SVG per figure, the table as CSV
 * and JSON (with the seed, parameters and versions that reproduce it), and the checks. Pure: the CLI writes them.
 */
export function notebookFiles(
  notebook: Pick<Notebook, 'id' | 'title'>,
  size: 'small' | 'full',
  params: NotebookParams,
  result: NotebookResult,
): Record<string, string> {
  record('notebook', notebook);
  oneOf('size', size, ['small', 'full'] as const);
  record('params', params);
  record('result', result);
  list('result.figures', result.figures);
  list('result.table', result.table);
  list('result.checks', result.checks);
  const files: Record<string, string> = {};
  result.figures.forEach((figure, k) => {
    files[`figure-${k + 1}.svg`] = renderSvg(figure);
  });
  const meta = { notebook: notebook.id, title: notebook.title, size, seed: params.seed ?? null, params, software: SOFTWARE, generator: GENERATOR };
  files['table.csv'] = tableCsv(result.table, [`notebook: ${notebook.id} (${size})`, `seed: ${String(params.seed ?? '')}`, `software: ${SOFTWARE.name} ${SOFTWARE.version}`, `generator: ${GENERATOR.name} v${GENERATOR.version}`]);
  files['table.json'] = sidecarJson({ ...meta, rows: result.table });
  files['checks.json'] = sidecarJson({ ...meta, passed: result.checks.every((c) => c.passed), checks: result.checks });
  return files;
}

function csvCell(v: number | string | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Inf' : v === -Infinity ? '-Inf' : String(v);
  return /[",\n#]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Rows with possibly different keys: the header is the union of keys in order of first appearance. */
export function tableCsv(rows: readonly TableRow[], comments: readonly string[] = []): string {
  list('rows', rows).forEach((row, i) => record(`rows[${i}]`, row));
  list('comments', comments);
  const header: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!header.includes(key)) header.push(key);
  const lines = comments.map((c) => `# ${c}`);
  lines.push(header.map(csvCell).join(','));
  for (const row of rows) lines.push(header.map((h) => csvCell(row[h])).join(','));
  return lines.join('\n') + '\n';
}
