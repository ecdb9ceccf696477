import { describe, expect, it } from 'vitest';
import { fitPowerLaw } from '../../../../src/core/fit/index.js';
import { fitPowerLawNaive } from '../../../../src/core/fit/powerLaw/fit.js';
import { ParameterError } from '../../../../src/core/errors.js';
import { lognormal, pareto, quantilePowerLaw, stream } from '../samples.js';

describe('fitPowerLaw: the reference sample of docs/theory.md', () => {
  it('fits the deterministic quantile sample to the reference values', () => {
    const x = quantilePowerLaw(1000, 2.5);
    const fit = fitPowerLaw(x);
    expect(fit.alpha).toBeCloseTo(2.5012710616, 9);
    expect(fit.D).toBeCloseTo(0.000672606, 9);
    expect(fit.xmin).toBe(Math.min(...x));
    expect(fit.n).toBe(1000);
    expect(fit.num_pl_spikes).toBe(1000);
    expect(fit.sigma).toBeCloseTo((fit.alpha - 1) / Math.sqrt(1000), 14);
    expect(fit.warning).toBe('');
    expect(fit.xmax).toBe(Math.max(...x));
  });
});

describe('fitPowerLaw: statistics', () => {
  it.each([1.5, 2.5, 4])('recovers α = %s from an exact Pareto sample within 3σ', (alpha) => {
    // The MLE on a pure Pareto sample has standard error ≈ (α − 1)/√n; the scan picks a high xmin only rarely,
    // and then σ grows with it, so |α̂ − α| < 3σ̂ fails with probability ≈ 0.3 % per seed.
    const x = pareto(stream('pareto', String(alpha)), 4000, alpha, 0.5);
    const fit = fitPowerLaw(x);
    expect(Math.abs(fit.alpha - alpha)).toBeLessThan(3 * fit.sigma);
  });

  it('labels α < 2 over-trained and α > 6 under-trained', () => {
    expect(fitPowerLaw(quantilePowerLaw(200, 1.7)).warning).toBe('over-trained');
    expect(fitPowerLaw(quantilePowerLaw(200, 7)).warning).toBe('under-trained');
  });

  it('finite-size correction removes the MLE bias on small samples', () => {
    // Σ ln(x/xmin) ~ Gamma(n, α − 1), so E[α̂_MLE] = (nα − 1)/(n − 1) = 2.667 for n = 10, α = 2.5, while
    // 1 + (n − 1)/Σ is unbiased with SD (α − 1)/√(n − 2) = 0.53: the mean of 2000 has SE 0.012; allow 4 SE.
    let mle = 0;
    let corrected = 0;
    const reps = 2000;
    for (let r = 0; r < reps; r++) {
      const x = pareto(stream('finite', r), 10, 2.5);
      mle += fitPowerLaw(x, { xmin: 1 }).alpha / reps;
      corrected += fitPowerLaw(x, { xmin: 1, finiteSizeCorrection: true }).alpha / reps;
    }
    expect(Math.abs(corrected - 2.5)).toBeLessThan(0.048);
    expect(Math.abs(mle - (10 * 2.5 - 1) / 9)).toBeLessThan(0.054);
  });

  it('finite-size correction is the unbiased (n − 1)/Σ form', () => {
    const x = quantilePowerLaw(50, 3);
    const mle = fitPowerLaw(x, { xmin: x[0] });
    const unbiased = fitPowerLaw(x, { xmin: x[0], finiteSizeCorrection: true });
    expect(unbiased.alpha - 1).toBeCloseTo(((mle.alpha - 1) * 49) / 50, 13);
  });
});

describe('fitPowerLaw: options and validation', () => {
  const x = [0, 1e-6, -1e-7, 1, 1.5, 2, 3, 5, 8, 13, 40];

  it('drops values ≤ 1e-5 and counts spikes after dropTop but including those above xmax', () => {
    const all = fitPowerLaw(x, { xmin: 2 });
    expect(all.n).toBe(6);
    expect(all.num_pl_spikes).toBe(6);
    const clipped = fitPowerLaw(x, { xmin: 2, xmax: 20 });
    expect(clipped.n).toBe(5);
    expect(clipped.xmax).toBe(13);
    expect(clipped.num_pl_spikes).toBe(6);
    const dropped = fitPowerLaw(x, { xmin: 2, dropTop: 1 });
    expect(dropped.n).toBe(5);
    expect(dropped.num_pl_spikes).toBe(5);
  });

  it('fixed xmin is the closed-form MLE, with xmin not a sample point', () => {
    const fit = fitPowerLaw(x, { xmin: 2.5 });
    const tail = [3, 5, 8, 13, 40];
    const sum = tail.reduce((a, v) => a + Math.log(v / 2.5), 0);
    expect(fit.alpha).toBeCloseTo(1 + 5 / sum, 14);
    expect(fit.xmin).toBe(2.5);
  });

  it('takes its flags as booleans only (a 1 would be read as false by one step and true by another)', () => {
    for (const bad of [1, 'yes', 0]) {
      expect(() => fitPowerLaw(x, { scan: bad as never })).toThrow(/invalid scan: .*allowed: true or false/);
      expect(() => fitPowerLaw(x, { finiteSizeCorrection: bad as never })).toThrow(/invalid finiteSizeCorrection/);
    }
  });

  it('xminRange restricts the candidates', () => {
    const fit = fitPowerLaw(x, { xminRange: [1.2, 4], scan: true });
    expect(Array.from(fit.scan!.xmins)).toEqual([1.5, 2, 3]);
    expect(fit.xmin).toBeGreaterThanOrEqual(1.5);
    expect(fit.xmin).toBeLessThanOrEqual(3);
  });

  it.each([
    ['empty input', [], {}],
    ['NaN', [1, 2, NaN], {}],
    ['a negative value', [1, 2, -0.5], {}],
    ['infinity', [1, 2, Infinity], {}],
    ['fewer than 2 usable values', [0, 1e-6, 3], {}],
    ['all values equal', [2, 2, 2], {}],
    ['xmin above all but one value', [1, 2, 3], { xmin: 2.5 }],
    ['xmin with xminRange', [1, 2, 3], { xmin: 1, xminRange: [1, 2] }],
    ['an empty xminRange', [1, 2, 3], { xminRange: [5, 6] }],
    ['a reversed xminRange', [1, 2, 3], { xminRange: [2, 1] }],
    ['a fractional dropTop', [1, 2, 3], { dropTop: 0.5 }],
    ['dropTop leaving one value', [1, 2, 3], { dropTop: 2 }],
    ['a negative xmax', [1, 2, 3], { xmax: -1 }],
  ] as const)('rejects %s with a ParameterError', (_name, values, options) => {
    expect(() => fitPowerLaw([...values], options as object)).toThrow(ParameterError);
    expect(() => fitPowerLawNaive([...values], options as object)).toThrow(ParameterError);
  });
});

describe('fitPowerLaw: rounding of zero eigenvalues', () => {
  it('drops negatives within 1e-10·λ_max of zero and refuses larger ones', () => {
    const tail = Array.from({ length: 200 }, (_, k) => (1 - (k + 0.5) / 200) ** -2 * 1e20);
    expect(() => fitPowerLaw([...tail, -5.7e11])).not.toThrow();
    expect(fitPowerLaw([...tail, -5.7e11]).alpha).toBe(fitPowerLaw(tail).alpha);
    // λ_max = 1.6e25 here, so the tolerance is 1.6e15.
    expect(() => fitPowerLaw([...tail, -1e17])).toThrow(/eigenvalues\[200\]/);
  });
});
