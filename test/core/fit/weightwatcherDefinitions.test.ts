import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitEsd } from '../../../src/core/fit/fitEsd.js';
import { sortedProfileDistance, weightWatcherMpFit } from '../../../src/core/fit/weightwatcherDefinitions.js';
import { generate } from '../../../src/core/ensembles/index.js';
import { esd } from '../../../src/core/linalg/index.js';
import { shuffledEntries } from '../../../src/core/fit/randDistance.js';
import { ParameterError } from '../../../src/core/errors.js';

/** Frozen results of an independent NumPy/SciPy implementation (test/fixtures/weightwatcher/make.py). */
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '../../fixtures/weightwatcher/weightwatcher.json'), 'utf8')) as {
  cases: {
    name: string;
    N: number;
    M: number;
    eigenvalues: number[];
    rand_eigenvalues: number[];
    sigma_mp: number;
    num_spikes: number;
    mp_softrank: number;
    rand_distance: number;
  }[];
};

describe("WeightWatcher's definitions", () => {
  for (const c of fixture.cases) {
    it(`reproduce SciPy's brute + fmin MP fit and the sorted-profile distance: ${c.name}`, () => {
      const fit = weightWatcherMpFit(Float64Array.from(c.eigenvalues), c.N / c.M);
      // Same grid, same Nelder–Mead path: only the summation order of the density estimate differs (~1e-15),
      // which the fmin tolerance (1e-4 absolute) absorbs unless a step lands on a tie.
      expect(fit.sigma_mp).toBeCloseTo(c.sigma_mp, 9);
      expect(fit.mp_softrank).toBeCloseTo(c.mp_softrank, 9);
      expect(fit.num_spikes).toBe(c.num_spikes);
      const d = sortedProfileDistance(Float64Array.from(c.eigenvalues), Float64Array.from(c.rand_eigenvalues));
      expect(d).toBeCloseTo(c.rand_distance, 12);
    });
  }

  it('fitEsd switches num_spikes, mp_softrank and rand_distance, and nothing else', () => {
    const { W } = generate({ ensemble: 'student-t', mu: 3, n: 600, m: 300, seed: 5 });
    const ours = fitEsd({ W }, { seed: 1 });
    const theirs = fitEsd({ W }, { seed: 1, definitions: 'weightwatcher' });
    expect(ours.definitions).toBe('vsdl');
    expect(theirs.definitions).toBe('weightwatcher');
    const x = esd(W, 'none');
    const ww = weightWatcherMpFit(x, 2);
    expect(theirs.num_spikes).toBe(ww.num_spikes);
    expect(theirs.mp_softrank).toBe(ww.mp_softrank);
    // The same null matrix (same seed), WeightWatcher's distance.
    expect(theirs.rand_distance).toBe(sortedProfileDistance(x, esd(shuffledEntries(W, 1), 'none')));
    const changed = new Set(['definitions', 'num_spikes', 'mp_softrank', 'rand_distance']);
    for (const key of Object.keys(ours) as (keyof typeof ours)[]) if (!changed.has(key)) expect(theirs[key]).toEqual(ours[key]);
  });

  it('refuses unknown definitions', () => {
    const { W } = generate({ ensemble: 'gaussian', n: 40, m: 20, seed: 1 });
    expect(() => fitEsd({ W }, { definitions: 'powerlaw' as never })).toThrow(ParameterError);
  });
});
