import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import { withFlagNames } from '../../src/cli/parse.js';

const FLAGS = { falsePositiveRate: '--fpr', p: '--quantile' };
const refuse = (name: string) => {
  throw new ParameterError(name, 2, 'a number in (0, 0.5]');
};

describe('withFlagNames', () => {
  it('renames a thrown ParameterError to the flag, and leaves other names and errors alone', () => {
    expect(() => withFlagNames(FLAGS, () => refuse('falsePositiveRate'))).toThrow(/^invalid --fpr: 2; allowed: a number in \(0, 0\.5\]$/);
    expect(() => withFlagNames(FLAGS, () => refuse('p[3]'))).toThrow(/^invalid --quantile \(p\[3\]\): 2;/);
    expect(() => withFlagNames(FLAGS, () => refuse('other'))).toThrow(/^invalid other: 2;/);
    // A name that is only a property of every object is not a flag.
    expect(() => withFlagNames(FLAGS, () => refuse('constructor'))).toThrow(/^invalid constructor: 2;/);
    expect(() => withFlagNames(FLAGS, () => { throw new RangeError('x'); })).toThrow(RangeError);
    expect(withFlagNames(FLAGS, () => 3)).toBe(3);
  });

  it('renames the rejection of an async call the same way (its checks reject rather than throw)', async () => {
    const error = await withFlagNames(FLAGS, async () => refuse('falsePositiveRate')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParameterError);
    expect((error as ParameterError).parameter).toBe('--fpr');
    expect((error as Error).message).toMatch(/^invalid --fpr: 2;/);
    await expect(withFlagNames(FLAGS, async () => 5)).resolves.toBe(5);
  });
});
