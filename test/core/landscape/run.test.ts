import { describe, expect, it } from 'vitest';
import {
  checkLandscapeSize,
  estimateLandscape,
  landscapeRecord,
  resolveLandscape,
  runLandscape,
  type LandscapeOptions,
} from '../../../src/core/landscape/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { bruteGroundState } from './bruteForce.js';

const base: LandscapeOptions = { couplings: 'gaussian', n: 12, seed: 1, quenches: 50 };

describe('landscape parameters', () => {
  it('refuses what the model cannot take, naming the parameter', () => {
    const bad: [Partial<LandscapeOptions>, RegExp][] = [
      [{ couplings: 'lomax' as never }, /couplings.*one of gaussian, pareto, student-t, stable/],
      [{ couplings: 'pareto' }, /mu.*required by pareto/],
      [{ couplings: 'gaussian', mu: 1.5 }, /mu.*no μ/],
      [{ couplings: 'stable', mu: 2.5 }, /mu: 2.5.*\[0.5, 2\]/],
      [{ couplings: 'stable', mu: 0 }, /mu: 0/],
      [{ couplings: 'pareto', mu: 0.3 }, /mu: 0.3.*\[0.5, Infinity\)/],
      [{ couplings: 'student-t', mu: NaN }, /mu/],
      [{ planted: -0.5 }, /planted: -0.5.*0 ≤ λ ≤ 1e300/],
      [{ planted: 1.1e300 }, /planted: 1\.1e\+300 \(the energies of its configurations would exceed float64\).*0 ≤ λ ≤ 1e300/],
      [{ planted: Infinity }, /planted/],
      [{ n: 1 }, /invalid n: 1/],
      [{ n: 49, method: 'enumerate' }, /n: 49.*2\^48 configurations.*N ≤ 48 for exact enumeration/],
      [{ n: 20000, method: 'quench' }, /n: 20000/],
      [{ instances: 0 }, /instances: 0/],
      [{ quenches: 0 }, /quenches: 0/],
      [{ method: 'anneal' as never }, /method.*enumerate, quench, tempering/],
      [{ rule: 'steepest' as never }, /rule.*greedy, random/],
      [{ seed: undefined as never }, /seed/],
      [{ tempering: { sweeps: 0 } }, /tempering.sweeps: 0/],
    ];
    for (const [change, message] of bad) {
      let error: unknown;
      try {
        resolveLandscape({ ...base, ...change });
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(change)).toBeInstanceOf(ParameterError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('picks enumeration up to N = 32 and tempering above, with greedy descents', () => {
    expect(resolveLandscape({ ...base, n: 32 }).method).toBe('enumerate');
    expect(resolveLandscape({ ...base, n: 33 }).method).toBe('tempering');
    expect(resolveLandscape(base).rule).toBe('greedy');
    expect(resolveLandscape(base).quenches).toBe(50);
  });

  it('estimates before running and asks for confirmation beyond the limits', () => {
    const big = resolveLandscape({ ...base, n: 40, method: 'enumerate' });
    const e = estimateLandscape(big, { workers: 2 });
    expect(e.configurations).toBe(2 ** 39);
    expect(() => checkLandscapeSize(e, big)).toThrow(/n: 40 \(.*5\.50e\+11 configurations.*allowed: N ≤ 36 for enumeration, or confirm/);
    expect(() => checkLandscapeSize(e, big, { confirm: true })).not.toThrow();
    const long = resolveLandscape({ ...base, n: 3000, method: 'tempering', instances: 10 });
    expect(() => checkLandscapeSize(estimateLandscape(long), long)).toThrow(/run: "about .* h"/);
    const small = resolveLandscape({ ...base, n: 24 });
    expect(() => checkLandscapeSize(estimateLandscape(small), small)).not.toThrow();
  });
});

describe('runLandscape', () => {
  it('streams exact ground states and minima, instance by instance, reproducibly', async () => {
    const events: string[] = [];
    const fractions: number[] = [];
    const options: LandscapeOptions = { couplings: 'student-t', mu: 3, n: 14, instances: 3, quenches: 40, seed: 'run', method: 'enumerate' };
    const result = await runLandscape(options, {
      keepCouplings: true,
      onGroundState: (k) => events.push(`ground ${k}`),
      onMinimum: (k, q) => q === 39 && events.push(`minimum ${k}.${q}`),
      onInstance: (r) => events.push(`instance ${r.index}`),
      onProgress: (p) => fractions.push(p.fraction),
    });
    expect(events).toEqual(['ground 0', 'minimum 0.39', 'instance 0', 'ground 1', 'minimum 1.39', 'instance 1', 'ground 2', 'minimum 2.39', 'instance 2']);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1] - 1e-12);
    for (const r of result.instances) {
      const brute = bruteGroundState(r.couplings!, 14);
      expect(r.groundState.exact).toBe(true);
      expect(Array.from(r.groundState.state)).toEqual(Array.from(brute.state));
      // No local minimum lies below the exact ground state.
      for (const e of r.summary.energies) expect(e).toBeGreaterThanOrEqual(r.groundState.energy - 1e-12);
    }
    const again = await runLandscape(options);
    expect(landscapeRecord(again)).toEqual(landscapeRecord(result));
    expect(again.instances[0].couplings).toBeNull();
  });

  it('serialises the contract fields with energies per spin', async () => {
    const record = landscapeRecord(await runLandscape({ ...base, planted: 1 }));
    expect(Object.keys(record)).toEqual(['couplings', 'mu', 'planted', 'n', 'method', 'seed', 'quenches', 'rule', 'tempering', 'versions', 'instances']);
    const r = record.instances[0];
    expect(r.minima_energies.length).toBe(50);
    expect(r.minima_overlaps.every((q) => q >= 0 && q <= 1)).toBe(true);
    expect(r.minima_planted_overlaps!.length).toBe(50);
    expect(r.fraction_at_ground_state).toBe(r.minima_overlaps.filter((q) => q === 1).length / 50);
    expect(record.versions.generator.name).toBe('philox4x32-10');
  });

  it('makes the planted pattern the ground state and a funnel as λ grows', async () => {
    // At λ = 4 the pattern's energy −λ/2·(N−1)/N ≈ −2 lies far below the SK ground state (≈ −0.7): ±ξ is the
    // ground state and most greedy quenches fall into it.
    const strong = await runLandscape({ ...base, n: 16, planted: 4, quenches: 200 });
    const r = strong.instances[0];
    expect(r.plantedOverlap).toBe(1);
    expect(r.summary.fractionAtGroundState).toBeGreaterThan(0.9);
  });

  it('reports tempering as a best found, and quench as the lowest quench', async () => {
    const t = await runLandscape({ ...base, n: 16, method: 'tempering', tempering: { sweeps: 200, replicas: 8 } });
    const g = t.instances[0].groundState;
    expect(g.exact).toBe(false);
    expect(g.runsAgree).toBe(true);
    const exact = await runLandscape({ ...base, n: 16, method: 'enumerate' });
    expect(g.energy).toBeCloseTo(exact.instances[0].groundState.energy, 12);
    const q = await runLandscape({ ...base, n: 16, method: 'quench' });
    expect(q.instances[0].groundState.foundBy).toBe('quench');
    expect(q.instances[0].groundState.energy).toBe(Math.min(...q.instances[0].summary.energies));
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    const run = runLandscape({ ...base, n: 200, method: 'quench', quenches: 5000 }, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow(/aborted/);
  });
});
