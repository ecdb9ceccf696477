import { describe, expect, it } from 'vitest';
import {
  checkMu,
  ENSEMBLES,
  ensembleLaw,
  ensembleParams,
  generate,
  HEAVY_TAILED_LAWS,
  LAW_NAMES,
  LAWS,
  lawOf,
} from '../../../src/core/ensembles/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { createStream } from '../../../src/core/random/index.js';

describe('element-law descriptors', () => {
  it('every law is an ensemble, and only heavy-tailed laws take μ', () => {
    for (const name of LAW_NAMES) expect(ENSEMBLES).toContain(name);
    for (const name of LAW_NAMES) expect(LAWS[name].mu !== null).toBe(LAWS[name].heavyTailed);
    expect(HEAVY_TAILED_LAWS).toEqual(['pareto', 'lomax', 'student-t', 'stable']);
    expect(ensembleLaw('spiked')).toBe(LAWS.gaussian);
    expect(LAWS.gaussian.tailConstant(null, 1)).toBeNull(); // no power-law tail: no constant, not 0
  });

  it('fill draws exactly the entries of generate', () => {
    for (const name of LAW_NAMES) {
      const mu = LAWS[name].heavyTailed ? 1.5 : null;
      const { W } = generate({ ensemble: name, n: 30, m: 20, sigma: 0.7, seed: 4, ...(mu === null ? {} : { mu }) });
      const filled = LAWS[name].fill(createStream(4, 'ensemble').fork('W'), new Float64Array(600), mu, 0.7);
      expect(filled).toEqual(W.data);
    }
  });

  it.each([
    ['gaussian', null],
    ['pareto', 9],
    ['lomax', 9],
    ['student-t', 9],
    ['stable', 2],
  ] as const)('mean and variance of %s match 200 000 draws', (name, mu) => {
    const law = LAWS[name];
    const sigma = 1.7;
    const n = 200_000;
    const x = law.fill(createStream(11, name), new Float64Array(n), mu, sigma);
    let mean = 0;
    for (const v of x) mean += v;
    mean /= n;
    let m2 = 0;
    let m4 = 0;
    for (const v of x) {
      m2 += (v - mean) ** 2;
      m4 += (v - mean) ** 4;
    }
    m2 /= n;
    m4 /= n;
    const variance = law.variance(mu, sigma)!;
    // SE of the mean √(var/n); SE of the sample variance √((m4 − var²)/n), with m4 estimated (finite at μ = 9).
    expect(Math.abs(mean - law.mean(mu, sigma)!)).toBeLessThan(4 * Math.sqrt(variance / n));
    expect(Math.abs(m2 - variance)).toBeLessThan(4 * Math.sqrt((m4 - m2 * m2) / n));
  });

  it('infinite moments are null', () => {
    expect(LAWS.pareto.variance(2, 1)).toBeNull();
    expect(LAWS.lomax.mean(1, 1)).toBeNull();
    expect(LAWS.stable.variance(1.5, 1)).toBeNull();
    expect(LAWS.stable.tailConstant(2, 1)).toBeNull();
  });

  it('checkMu names the parameter, the value and the range', () => {
    expect(checkMu(LAWS.stable, 2)).toBe(2);
    expect(checkMu(LAWS.gaussian, undefined)).toBeNull();
    for (const [law, mu, allowed] of [
      [LAWS.stable, 2.5, /\(0, 2\]/],
      [LAWS.pareto, 0, /μ > 0/],
      [LAWS.pareto, undefined, /required by pareto/],
      [LAWS.gaussian, 3, /no tail exponent/],
    ] as const) {
      try {
        checkMu(law, mu, 'teacher.mu');
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ParameterError);
        expect((error as ParameterError).parameter).toBe('teacher.mu');
        expect((error as Error).message).toMatch(allowed);
      }
    }
    // A missing μ is named as missing, not shown as "undefined".
    expect(() => checkMu(LAWS.pareto, undefined)).toThrow('invalid mu: "missing"; allowed: a tail exponent μ > 0 (required by pareto)');
    expect(() => lawOf('cauchy')).toThrow(/one of gaussian, pareto, lomax, student-t, stable/);
  });

  it('ensembleParams maps a family and a law to an ensemble, with M from N and Q', () => {
    const base = { law: 'student-t', n: 100, q: 3, mu: 2.5, seed: '7' };
    expect(ensembleParams({ ...base, ensemble: 'heavy-tailed' })).toEqual({ ensemble: 'student-t', n: 100, m: 33, sigma: 1, mu: 2.5, seed: 7 });
    expect(ensembleParams({ ...base, ensemble: 'gaussian' }, ':1')).toEqual({ ensemble: 'gaussian', n: 100, m: 33, sigma: 1, seed: '7:1' });
    expect(ensembleParams({ ...base, ensemble: 'spiked', spikes: [4] })).toMatchObject({ ensemble: 'spiked', spikes: [4], spikeModel: 'covariance' });
    expect(() => ensembleParams({ ...base, ensemble: 'heavy-tailed', law: 'gaussian' })).toThrow(ParameterError);
    expect(() => ensembleParams({ ...base, ensemble: 'wishart' })).toThrow(ParameterError);
  });
});
