import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { generate } from '../../../src/core/ensembles/index.js';
import { fitEsd, fitMarchenkoPastur, fitPowerLaw, generateLowRank, spectralMetrics } from '../../../src/core/fit/index.js';
import { esd } from '../../../src/core/linalg/index.js';

const WW_COLUMNS = [
  'alpha', 'alpha_weighted', 'log_norm', 'log_spectral_norm', 'log_alpha_norm', 'stable_rank', 'entropy',
  'mp_softrank', 'num_spikes', 'num_pl_spikes', 'rand_distance',
];

describe('fitEsd', () => {
  const { W } = generate({ ensemble: 'spiked', n: 300, m: 150, spikes: [6], seed: 4 });

  it('returns one flat record with WeightWatcher columns equal to the parts computed separately', () => {
    const fit = fitEsd({ W }, { seed: 1 });
    for (const c of WW_COLUMNS) expect(typeof fit[c as keyof typeof fit]).toBe('number');
    expect(fit).toMatchObject({ status: 'ok', reason: '', N: 300, M: 150, Q: 2, normalization: 'none', phase: 'bulk+spikes' });
    const raw = esd(W, 'none');
    const pl = fitPowerLaw(raw);
    const metrics = spectralMetrics(raw, pl.alpha);
    const mp = fitMarchenkoPastur(raw, { q: 2, n: 300, normalization: 'none' });
    expect(fit.alpha).toBe(pl.alpha);
    expect(fit.log_alpha_norm).toBe(metrics.log_alpha_norm);
    expect(fit.num_spikes).toBe(1);
    expect(fit.mp_softrank).toBe(mp.mp_softrank);
    expect(fit.sigma_mp).toBeCloseTo(1, 1);
    expect(fit.phase_reasons.length).toBeGreaterThan(0);
  });

  it('gives the same numbers from the eigenvalues of X = WᵀW/N with N', () => {
    const a = fitEsd({ W }, { randNull: 'none' });
    const b = fitEsd({ eigenvalues: esd(W), n: 300 });
    for (const c of ['alpha', 'log_norm', 'stable_rank', 'entropy', 'num_spikes', 'sigma_mp', 'mp_softrank'] as const) {
      expect(b[c] as number).toBeCloseTo(a[c] as number, 8);
    }
    expect(b.normalization).toBe('none');
    expect(b.rand_distance).toBeNull();
  });

  it('skips the MP part, with the reason, when Q is unknown', () => {
    const fit = fitEsd({ eigenvalues: esd(W) });
    expect(fit.status).toBe('ok');
    expect(fit.normalization).toBe('1/N');
    expect(fit.num_spikes).toBeNull();
    expect(fit.phase).toBeNull();
    expect(fit.reason).toMatch(/MP fit skipped/);
  });

  it('calls a matrix of rank ≤ M/2 rank-collapse, with the MP part skipped, where the MP fit has no bulk to fit', () => {
    // The central 90 % of such a bulk is zero, which the MP fit refuses: the fit used to throw instead of a record.
    for (const rank of [2, 8]) {
      const { W: low } = generateLowRank({ n: 400, m: 200, rank, seed: 1 });
      expect(() => fitMarchenkoPastur(esd(low, 'none'), { q: 2, normalization: 'none' })).toThrow(/central bulk all zero/);
      for (const definitions of ['vsdl', 'weightwatcher'] as const) {
        const fit = fitEsd({ W: low }, { randNull: 'none', definitions });
        expect(fit, `rank ${rank}, ${definitions}`).toMatchObject({ status: 'ok', phase: 'rank-collapse', sigma_mp: null, num_spikes: null, mp_softrank: null });
        expect(fit.reason).toMatch(/MP fit skipped: the central 90 % of the bulk is zero/);
        expect(fit.phase_reasons[0]).toMatch(/^rank-collapse: /);
        expect(fit.alpha).toBe(fitPowerLaw(esd(low, 'none')).alpha);
      }
    }
    // The same for eigenvalues, with or without N: 45 zeros and 1…5.
    const eigenvalues = [...new Array<number>(45).fill(0), 1, 2, 3, 4, 5];
    for (const shape of [{}, { n: 100 }]) {
      expect(fitEsd({ eigenvalues, ...shape })).toMatchObject({ status: 'ok', phase: 'rank-collapse' });
    }
    // A matrix whose MP fit works keeps its numbers: a rank-12 W still gets its (degenerate) MP fit.
    const { W: twelve } = generateLowRank({ n: 400, m: 200, rank: 12, seed: 1 });
    const fit = fitEsd({ W: twelve }, { randNull: 'none' });
    expect(fit.sigma_mp).toBe(fitMarchenkoPastur(esd(twelve, 'none'), { q: 2, n: 400, normalization: 'none' }).sigma_mp);
    expect(fit.phase).toBe('rank-collapse');
  });

  it('fits a truncated power law with fit: TPL', () => {
    const fit = fitEsd({ W }, { fit: 'TPL', randNull: 'none' });
    expect(fit.Lambda).not.toBeNull();
    expect(fit.pl_alpha).toBe(fitPowerLaw(esd(W, 'none')).alpha);
  });

  it('gives a bootstrap interval around α', () => {
    const fit = fitEsd({ W }, { randNull: 'none', alphaBootstrap: 40, seed: 3 });
    // A 90 % percentile interval from 40 resamples: it brackets the fitted α (fixed seed) and is not degenerate.
    expect(fit.alpha_ci_low as number).toBeLessThanOrEqual(fit.alpha as number);
    expect(fit.alpha_ci_high as number).toBeGreaterThanOrEqual(fit.alpha as number);
    expect((fit.alpha_ci_high as number) - (fit.alpha_ci_low as number)).toBeGreaterThan(0);
  });

  it.each([
    [[1, 2, 3], /too few eigenvalues/],
    [Array(20).fill(2), /all 20 eigenvalues equal/],
    [[...Array(19).fill(1), NaN], /NaN/],
    [[...Array(19).fill(1), -3], /negative/],
    [Array(20).fill(0), /≤ 0/],
  ])('returns status failed, not an exception, for data %#', (x, why) => {
    const fit = fitEsd({ eigenvalues: x as number[], q: 2 });
    expect(fit.status).toBe('failed');
    expect(fit.reason).toMatch(why);
  });

  it('throws ParameterError for invalid options and shapes', () => {
    expect(() => fitEsd({ W }, { fit: 'XX' as 'PL' })).toThrow(ParameterError);
    expect(() => fitEsd({ eigenvalues: [1, 2, 3], q: 0.5 })).toThrow(ParameterError);
    expect(() => fitEsd({ eigenvalues: [1, 2, 3], m: 4 })).toThrow(ParameterError);
    expect(() => fitEsd({ W: { rows: 2, cols: 3, data: new Float64Array(6) } })).toThrow(/transpose/);
    // Both sources: one would be used and the other ignored.
    expect(() => fitEsd({ W, eigenvalues: esd(W) } as never)).toThrow(/not both/);
    // An xmax at or below xmin leaves no tail whatever the data: an option error, not a failed fit.
    expect(() => fitEsd({ W }, { xmin: 2, xmax: 1 })).toThrow(/^invalid xmax: 1; allowed: a value above xmin \(2\)$/);
    expect(() => fitEsd({ eigenvalues: [] }, { xmin: 2, xmax: 2 })).toThrow(ParameterError);
  });

  it('says in words, without option names, why no eigenvalue is left for the power law', () => {
    const fit = fitEsd({ eigenvalues: Array.from({ length: 50 }, (_, i) => 1e-310 * (1 + i)) });
    expect(fit.status).toBe('failed');
    expect(fit.reason).toBe('power-law fit impossible: invalid eigenvalues: "0 usable of 50"; allowed: at least 2 eigenvalues above 0.00001 (smaller ones count as zeros)');
  });
});
