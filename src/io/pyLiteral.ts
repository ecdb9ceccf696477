import { FormatError } from '../core/errors.js';

/**
 * A parser for the Python literals that .npy headers are written in (`repr` of a dict): strings with either quote,
 * integers (arbitrary size, kept exact as bigint), floats, True/False/None, tuples, lists and dicts with string
 * keys. Nesting is bounded so that hostile input cannot exhaust the stack.
 */

export type PyValue =
  | string
  | bigint
  | boolean
  | null
  | { float: number }
  | { tuple: PyValue[] }
  | PyValue[]
  | Map<string, PyValue>;

const maxDepth = 32;

export function parsePyLiteral(text: string, what: string): PyValue {
  let pos = 0;

  const fail = (reason: string): never => {
    throw new FormatError(what, `header is not a valid Python literal: ${reason} at character ${pos}`);
  };

  const skipSpace = (): void => {
    while (pos < text.length && ' \t\r\n\f\v'.includes(text[pos])) pos++;
  };

  const parseSequence = (close: string, depth: number): { items: PyValue[]; trailingComma: boolean } => {
    const items: PyValue[] = [];
    let trailingComma = false;
    for (;;) {
      skipSpace();
      if (text[pos] === close) {
        pos++;
        return { items, trailingComma };
      }
      items.push(parseValue(depth + 1));
      skipSpace();
      trailingComma = text[pos] === ',';
      if (trailingComma) pos++;
      else if (text[pos] !== close) fail(`expected ',' or '${close}'`);
    }
  };

  const parseDict = (depth: number): Map<string, PyValue> => {
    const dict = new Map<string, PyValue>();
    for (;;) {
      skipSpace();
      if (text[pos] === '}') {
        pos++;
        return dict;
      }
      const key = parseValue(depth + 1);
      if (typeof key !== 'string') fail('dict keys must be strings');
      skipSpace();
      if (text[pos] !== ':') fail("expected ':'");
      pos++;
      dict.set(key as string, parseValue(depth + 1));
      skipSpace();
      if (text[pos] === ',') pos++;
      else if (text[pos] !== '}') fail("expected ',' or '}'");
    }
  };

  const parseString = (): string => {
    const quote = text[pos++];
    let out = '';
    for (;;) {
      if (pos >= text.length) fail('unterminated string');
      const ch = text[pos++];
      if (ch === quote) return out;
      if (ch === '\n') fail('newline in string');
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      if (pos >= text.length) fail('unterminated string');
      const esc = text[pos++];
      const simple: Record<string, string> = {
        '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '',
      };
      if (esc in simple) out += simple[esc];
      else if (esc === 'x' || esc === 'u' || esc === 'U') {
        const width = esc === 'x' ? 2 : esc === 'u' ? 4 : 8;
        const hex = text.slice(pos, pos + width);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) fail(`bad \\${esc} escape`);
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) fail(`bad \\${esc} escape`);
        out += String.fromCodePoint(code);
        pos += width;
      } else if (esc >= '0' && esc <= '7') {
        let digits = esc;
        while (digits.length < 3 && text[pos] >= '0' && text[pos] <= '7') digits += text[pos++];
        out += String.fromCharCode(parseInt(digits, 8));
      } else out += `\\${esc}`; // Python keeps unknown escapes verbatim
    }
  };

  const parseNumber = (): bigint | { float: number } => {
    const match = /^[+-]?(?:\d+(?:_\d+)*)?(?:\.\d*)?(?:[eE][+-]?\d+)?[lL]?/.exec(text.slice(pos, pos + 400));
    const token = match ? match[0] : '';
    if (!/\d/.test(token)) fail('expected a value');
    pos += token.length;
    const clean = token.replace(/_/g, '').replace(/[lL]$/, '');
    if (/^[+-]?\d+$/.test(clean)) {
      if (/[lL]$/.test(token) || !/^[+-]?0\d/.test(clean)) return BigInt(clean);
      fail('integer with leading zeros');
    }
    if (/[lL]$/.test(token)) fail('L suffix on a float');
    return { float: Number(clean) };
  };

  const parseValue = (depth: number): PyValue => {
    if (depth > maxDepth) fail(`nesting deeper than ${maxDepth}`);
    skipSpace();
    const ch = text[pos];
    if (ch === undefined) return fail('unexpected end');
    if (ch === '{') {
      pos++;
      return parseDict(depth);
    }
    if (ch === '[') {
      pos++;
      return parseSequence(']', depth).items;
    }
    if (ch === '(') {
      pos++;
      const { items, trailingComma } = parseSequence(')', depth);
      // (x) is just x in Python; a tuple needs a comma unless it is empty
      return items.length === 1 && !trailingComma ? items[0] : { tuple: items };
    }
    if (ch === "'" || ch === '"') return parseString();
    if (/[uUbB]/.test(ch) && (text[pos + 1] === "'" || text[pos + 1] === '"')) {
      pos++;
      return parseString();
    }
    for (const [word, value] of [['True', true], ['False', false], ['None', null]] as const) {
      if (text.startsWith(word, pos) && !/[\w]/.test(text[pos + word.length] ?? '')) {
        pos += word.length;
        return value;
      }
    }
    if (/[\d.+-]/.test(ch)) return parseNumber();
    return fail(`unexpected ${JSON.stringify(ch)}`);
  };

  const value = parseValue(0);
  skipSpace();
  if (pos < text.length) fail(`unexpected ${JSON.stringify(text[pos])} after the literal`);
  return value;
}
