import { FormatError, ParameterError } from '../core/errors.js';

/**
 * Numeric CSV: '# ' comment lines (seed, parameters), one header row of column names, then numbers printed in
 * their shortest round-trip form, so that pandas (`comment='#'`), numpy and this parser read back the same doubles.
 */

export interface CsvOptions {
  /** Lines written first, each prefixed with '# '; a comment containing newlines becomes several lines. */
  comments?: string[];
}

export function toCsv(columns: Record<string, ArrayLike<number>>, options: CsvOptions = {}): string {
  if (columns === null || typeof columns !== 'object') throw new ParameterError('columns', columns, 'an object of named numeric columns');
  const names = Object.keys(columns);
  if (names.length === 0) throw new ParameterError('columns', '{}', 'at least one column');
  for (const name of names) {
    if (name === '' || /[,"\r\n]/.test(name) || /^\s|\s$/.test(name) || (name === names[0] && name.startsWith('#'))) {
      throw new ParameterError('column name', name, "a non-empty name without commas, quotes, line breaks or surrounding spaces (the first may not start with '#')");
    }
  }
  const values = names.map((name) => columns[name]);
  const length = values[0]?.length;
  values.forEach((column, c) => {
    if (column === null || typeof column !== 'object' || typeof column.length !== 'number') {
      throw new ParameterError(`columns.${names[c]}`, column, 'an array of numbers');
    }
    if (column.length !== length) {
      throw new ParameterError(`columns.${names[c]}`, `length ${column.length}`, `the length of columns.${names[0]} (${length})`);
    }
  });
  const comments = options.comments ?? [];
  if (!Array.isArray(comments) || comments.some((line) => typeof line !== 'string')) {
    throw new ParameterError('comments', comments, 'an array of strings');
  }

  const lines = comments.flatMap((comment) => comment.split(/\r?\n|\r/)).map((line) => `# ${line}`);
  lines.push(names.join(','));
  for (let row = 0; row < length; row++) {
    lines.push(values.map((column, c) => formatNumber(column[row], names[c], row)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function formatNumber(value: unknown, column: string, row: number): string {
  if (typeof value !== 'number') throw new ParameterError(`columns.${column}[${row}]`, value, 'a number');
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Inf';
  if (value === -Infinity) return '-Inf';
  if (Object.is(value, -0)) return '-0';
  return String(value); // shortest decimal that reads back as the same double
}

const numberPattern = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const specialValues: Record<string, number> = {
  nan: NaN, '+nan': NaN, '-nan': NaN,
  inf: Infinity, '+inf': Infinity, infinity: Infinity, '+infinity': Infinity,
  '-inf': -Infinity, '-infinity': -Infinity,
};

export interface ParsedCsv {
  columns: string[];
  /** rows[i][j] is row i of column j. */
  rows: number[][];
}

/** Reads numeric CSV: skips blank lines and lines starting with '#'; errors name the line and column. */
export function parseCsv(text: string, what = 'CSV'): ParsedCsv {
  if (typeof text !== 'string') throw new ParameterError('text', typeof text, 'a string');
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  let columns: string[] | undefined;
  const rows: number[][] = [];
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = line.split(',').map((field) => field.trim());
    if (!columns) {
      const seen = new Set<string>();
      for (const name of fields) {
        if (name === '') throw new FormatError(what, `line ${lineNumber}: empty column name in the header row`);
        if (seen.has(name)) throw new FormatError(what, `line ${lineNumber}: duplicate column name ${JSON.stringify(name)}`);
        seen.add(name);
      }
      columns = fields;
      return;
    }
    if (fields.length !== columns.length) {
      throw new FormatError(what, `line ${lineNumber}: ${fields.length} fields, the header has ${columns.length}`);
    }
    rows.push(
      fields.map((field, c) => {
        const special = specialValues[field.toLowerCase()];
        if (special !== undefined) return special;
        if (!numberPattern.test(field)) {
          const shown = field === '' ? 'an empty field' : JSON.stringify(field.length > 40 ? `${field.slice(0, 40)}…` : field);
          throw new FormatError(what, `line ${lineNumber}, column ${JSON.stringify(columns![c])}: ${shown} is not a number`);
        }
        return Number(field);
      }),
    );
  });
  if (!columns) throw new FormatError(what, 'no header row (the text is empty or only comments)');
  return { columns, rows };
}
