import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInteger, parseNumber, parseSeedFlag } from '../../src/cli/parse.js';
import { ParameterError } from '../../src/core/errors.js';
import { tempDir, vsdl } from './harness.js';

/** One documented rule per kind of flag value, duplicated flags and stray arguments as usage errors. */

describe('usage errors (exit code 2)', () => {
  it.each([
    [['theory', 'mp', '--q', '2', '--q', '3']],
    [['generate', '--ensemble', 'gaussian', '--n', '20', '--n', '30', '--m', '10', '--seed', '1', '--out', 'W.npy']],
    [['theory', 'tw', '--json', '--json']],
  ])('a flag given twice: %j', async (args) => {
    const r = await vsdl(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--\w+ is given more than once/);
  });

  it.each([
    [['generate', 'extra', '--ensemble', 'gaussian', '--n', '20', '--m', '10', '--seed', '1', '--out', 'W.npy']],
    [['theory', 'mp', 'extra', '--q', '2']],
    [['esd', 'a.npy', 'b.npy']],
    [['validate', 'quick']],
    [['notebook', 'run', '01', '02']],
  ])('a stray positional argument: %j', async (args) => {
    const r = await vsdl(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unexpected argument/);
  });
});

describe('integers: plain decimal digits', () => {
  it.each(['5', ' 5', '5 ', '1000000'])('accepts %j', (text) => expect(parseInteger('n', text)).toBe(Number(text.trim())));
  it.each(['5.0', '+5', '05', '1e3', '0x10', '5,', '', 'five', '-5', '9007199254740993'])('refuses %j naming the flag', (text) => {
    expect(() => parseInteger('n', text)).toThrow(ParameterError);
    expect(() => parseInteger('n', text)).toThrow(/--n/);
  });

  it('numbers keep decimal and exponent forms, and refuse what float64 cannot hold', () => {
    expect(parseNumber('q', ' 2.5e0 ')).toBe(2.5);
    expect(() => parseNumber('q', '1e400')).toThrow(/beyond the range of float64/);
  });
});

describe('seeds: integers 0 ≤ s < 2^53 in plain digits, or text that does not read as a number', () => {
  it('takes " 1" and "1" as the same seed (spaces around any value are ignored)', async () => {
    const dir = tempDir();
    const run = (seed: string, name: string) =>
      vsdl('generate', '--ensemble', 'gaussian', '--n', '20', '--m', '10', '--seed', seed, '--out', join(dir, name));
    expect((await run('1', 'a.npy')).code).toBe(0);
    expect((await run(' 1', 'b.npy')).code).toBe(0);
    expect(readFileSync(join(dir, 'a.npy'))).toEqual(readFileSync(join(dir, 'b.npy')));
  });

  it.each(['01', '1.0', '+1', '1e0', '0x1', '-1', '9007199254740992', 'Infinity', '.5'])('refuses %j, which reads as a number but is not a plain integer', async (seed) => {
    expect(() => parseSeedFlag('seed', seed)).toThrow(ParameterError);
    const r = await vsdl('theory', 'mp', '--q', '2'); // sanity: the CLI itself is fine
    expect(r.code).toBe(0);
    const g = await vsdl('generate', '--ensemble', 'gaussian', '--n', '20', '--m', '10', '--seed', seed, '--out', join(tempDir(), 'W.npy'));
    expect(g.code).toBe(2);
    expect(g.stderr).toMatch(/invalid --seed/);
  });

  it.each([['0', 0], ['42', 42], ['9007199254740991', 2 ** 53 - 1], ['run-7', 'run-7'], [' abc ', 'abc'], ['1st', '1st']])('reads %j as %j', (text, seed) => {
    expect(parseSeedFlag('seed', text)).toBe(seed);
  });
});
