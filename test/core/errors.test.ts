import { describe, expect, it } from 'vitest';
import { ParameterError, showValue } from '../../src/core/errors.js';
import { esd } from '../../src/core/linalg/index.js';
import { fitPowerLaw } from '../../src/core/fit/index.js';
import { mpCdf, twCdf } from '../../src/core/theory/index.js';
import { generate } from '../../src/core/ensembles/index.js';
import { createStream } from '../../src/core/random/index.js';

/** The message format that the CLI and the tests parse: `invalid NAME: VALUE (detail); allowed: ...`. */
const FORMAT = /^invalid x: (.*); allowed: a thing$/;

function shown(value: unknown): string {
  const message = new ParameterError('x', value, 'a thing').message;
  const match = FORMAT.exec(message);
  expect(match, message).not.toBeNull();
  return (match as RegExpExecArray)[1];
}

describe('ParameterError: the shown value', () => {
  it('keeps numbers, quoted strings and the message format as they were', () => {
    expect(new ParameterError('n', 1.5, 'an integer').message).toBe('invalid n: 1.5; allowed: an integer');
    expect(new ParameterError('s', 'abc', 'x', 'why').message).toBe('invalid s: "abc" (why); allowed: x');
    expect([shown(NaN), shown(-Infinity), shown(undefined), shown(null), shown(true)]).toEqual(['NaN', '-Infinity', 'undefined', 'null', 'true']);
  });

  it('never throws while formatting, whatever the value', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const hostile = [
      Object.create(null),
      { toString: () => { throw new Error('no'); } },
      { [Symbol.toPrimitive]: () => { throw new Error('no'); } },
      revoked.proxy,
      new Proxy({}, { getPrototypeOf: () => { throw new Error('no'); }, get: () => { throw new Error('no'); } }),
      Symbol('s'),
      [Object.create(null)],
      () => 1,
    ];
    for (const value of hostile) {
      expect(() => new ParameterError('x', value, 'a thing')).not.toThrow();
      expect(shown(value).length).toBeLessThanOrEqual(1000);
    }
    expect(shown(Object.create(null))).toBe('an object');
    expect(shown(Symbol('s'))).toBe('Symbol(s)');
  });

  it('names big arrays by type and length instead of listing them', () => {
    expect(shown(new Float32Array(100000).fill(1))).toBe('Float32Array(100000)');
    expect(shown(new Float64Array(3))).toBe('Float64Array(3)');
    expect(shown(new Array(100000).fill(1))).toBe('an array of 100000');
    expect(shown([[1], [2]])).toBe('an array of 2');
    expect(shown([])).toBe('an empty array');
    expect(shown([1, 'a', null])).toBe('[1, "a", null]');
    expect(shown(new ArrayBuffer(16))).toBe('ArrayBuffer(16 bytes)');
  });

  it('marks BigInts (1n is not the number 1) and cuts long strings with an ellipsis', () => {
    expect(shown(1n)).toBe('1n');
    expect(shown(-(10n ** 500n)).length).toBeLessThanOrEqual(1000);
    const long = shown('x'.repeat(5000));
    expect(long).toMatch(/^"x+…" \(5000 characters\)$/);
    expect(long.length).toBeLessThanOrEqual(1000);
    expect(shown('a\nb')).toBe('"a\\nb"');
  });

  it('names objects by their kind, and uses their own toString when they have one', () => {
    expect(shown({ a: 1 })).toBe('an object');
    expect(shown(new Map())).toBe('a Map');
    expect(shown(new Error('boom'))).toBe('Error: boom');
    expect(showValue({ toString: () => 'y'.repeat(5000) })).toMatch(/^y+…$/);
  });

  it('public entry points given a null-prototype object or a huge array report a ParameterError, not a TypeError', () => {
    const bare = Object.create(null);
    for (const call of [() => esd(bare), () => fitPowerLaw(bare), () => mpCdf(bare, 2), () => twCdf(bare, 1), () => generate(bare), () => createStream(bare)]) {
      expect(call).toThrow(ParameterError);
    }
    let message = '';
    try {
      fitPowerLaw(new Float32Array(100000).fill(1) as never);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('Float32Array(100000)');
    expect(message.length).toBeLessThan(200);
  });
});
