import { describe, expect, it } from 'vitest';
import { FormatError } from '../../src/core/errors.js';
import { parsePyLiteral } from '../../src/io/pyLiteral.js';

const parse = (text: string): unknown => parsePyLiteral(text, 'test');

describe('parsePyLiteral', () => {
  it('reads the literals numpy headers use', () => {
    expect(parse(`{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`)).toEqual(
      new Map<string, unknown>([['descr', '<f8'], ['fortran_order', false], ['shape', { tuple: [3n, 4n] }]]),
    );
    expect(parse('()')).toEqual({ tuple: [] });
    expect(parse('(3,)')).toEqual({ tuple: [3n] });
    expect(parse('(3)')).toBe(3n);
    expect(parse('[1, (2,), []]')).toEqual([1n, { tuple: [2n] }, []]);
    expect(parse('{}')).toEqual(new Map());
    expect(parse('None')).toBe(null);
    expect(parse('True')).toBe(true);
  });

  it('keeps integers exact, tells floats apart and accepts Python 2 long suffixes', () => {
    expect(parse('123456789012345678901234567890')).toBe(123456789012345678901234567890n);
    expect(parse('-7')).toBe(-7n);
    expect(parse('10L')).toBe(10n);
    expect(parse('1_000')).toBe(1000n);
    expect(parse('0')).toBe(0n);
    expect(parse('2.0')).toEqual({ float: 2 });
    expect(parse('1e3')).toEqual({ float: 1000 });
  });

  it('decodes both quote styles and Python escapes', () => {
    expect(parse(`"it's"`)).toBe("it's");
    expect(parse(`'a\\'b\\\\c\\n\\x41\\u00e9\\101\\q'`)).toBe("a'b\\c\nAéA\\q");
    expect(parse(`u'x'`)).toBe('x');
    expect(parse(`b'x'`)).toBe('x');
  });

  it('rejects what is not a literal, saying where', () => {
    const bad: [string, RegExp][] = [
      ['', /unexpected end at character 0/],
      ['{', /unexpected end/],
      ['{1: 2}', /dict keys must be strings/],
      ["{'a' 1}", /expected ':'/],
      ["{'a': 1 'b': 2}", /expected ',' or '}'/],
      ['(1 2)', /expected ',' or '\)'/],
      ["'abc", /unterminated string/],
      ["'a\nb'", /newline in string/],
      ["'\\x4'", /bad \\x escape/],
      ['Truth', /unexpected "T"/],
      ['07', /leading zeros/],
      ['1.5L', /L suffix on a float/],
      ['1 2', /after the literal/],
      ['['.repeat(100), /nesting deeper than 32/],
      ['__import__("os")', /unexpected "_"/],
    ];
    for (const [text, message] of bad) {
      expect(() => parse(text), text).toThrow(FormatError);
      expect(() => parse(text), text).toThrow(message);
    }
  });
});
