import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import {
  canonicalText,
  parseSeed,
  utf8Bytes,
  validateSeed,
  validateStreamName,
} from '../../../src/core/random/seed.js';

describe('validateSeed', () => {
  it('accepts safe integers ≥ 0 and short well-formed strings', () => {
    expect(validateSeed(0)).toBe(0);
    expect(Object.is(validateSeed(-0), 0)).toBe(true);
    expect(validateSeed(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(validateSeed('run 7 🎲')).toBe('run 7 🎲');
    expect(validateSeed('x'.repeat(256))).toHaveLength(256);
  });

  it('rejects everything else with a ParameterError naming the parameter', () => {
    for (const bad of [-1, 1.5, NaN, Infinity, 2 ** 53, '', 'x'.repeat(257), '\uD800', 'a\uDC00b', null, {}, [1]]) {
      expect(() => validateSeed(bad)).toThrow(ParameterError);
    }
    try {
      validateSeed(-3, 'options.seed');
    } catch (error) {
      expect((error as ParameterError).parameter).toBe('options.seed');
      expect((error as ParameterError).value).toBe(-3);
    }
    expect(() => validateStreamName('')).toThrow(ParameterError);
  });
});

describe('parseSeed', () => {
  it('turns canonical decimals into integers and keeps other text', () => {
    expect(parseSeed('0')).toBe(0);
    expect(parseSeed('42')).toBe(42);
    expect(parseSeed('9007199254740991')).toBe(9007199254740991);
    expect(parseSeed('9007199254740992')).toBe('9007199254740992');
    expect(parseSeed('042')).toBe('042');
    expect(parseSeed('4e3')).toBe('4e3');
    expect(parseSeed('-5')).toBe('-5');
    expect(parseSeed('hello')).toBe('hello');
    expect(() => parseSeed('')).toThrow(ParameterError);
  });

  it('names the same stream as the text itself', () => {
    for (const text of ['0', '42', '042', 'abc', '9007199254740993']) {
      expect(canonicalText(parseSeed(text))).toBe(text);
    }
  });
});

describe('utf8Bytes', () => {
  it('matches TextEncoder, including astral characters', () => {
    for (const text of ['abc', 'é', '€', 'ünï 🎲', '\u07ff\u0800\uffff', '𝔘𝔫𝔦']) {
      expect(Array.from(utf8Bytes(text))).toEqual(Array.from(new TextEncoder().encode(text)));
    }
  });
});
