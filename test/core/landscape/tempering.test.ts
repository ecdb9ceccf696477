import { describe, expect, it } from 'vitest';
import { drawInstance, enumerateProgram, fieldScale, isOneFlipStable, resolveLandscape, temperingSearch } from '../../../src/core/landscape/index.js';
import { createStream } from '../../../src/core/random/index.js';
import { driveSync } from '../../../src/core/vsdl/drive.js';

describe('parallel tempering search', () => {
  it('finds the exact ground state of small instances, Gaussian and heavy-tailed', () => {
    for (const [couplings, mu] of [['gaussian', undefined], ['pareto', 1.2], ['stable', 1.5]] as const) {
      for (let k = 0; k < 3; k++) {
        const { J, n, stream } = drawInstance(resolveLandscape({ couplings, mu, n: 20, seed: 11, method: 'quench' }), k);
        const exact = driveSync(enumerateProgram(J, n));
        const found = driveSync(temperingSearch(J, n, stream.fork('t'), { replicas: 16, sweeps: 300 }));
        expect(found.energy, `${couplings} instance ${k}`).toBeCloseTo(exact.energy, 12);
        expect(isOneFlipStable(J, n, found.state)).toBe(true);
        expect(found.swapAcceptance.every((a) => a > 0 && a <= 1)).toBe(true);
      }
    }
  });

  it('is reproducible from its stream', () => {
    const { J, n } = drawInstance(resolveLandscape({ couplings: 'gaussian', n: 50, seed: 2, method: 'quench' }), 0);
    const a = driveSync(temperingSearch(J, n, createStream('pt'), { sweeps: 50 }));
    const b = driveSync(temperingSearch(J, n, createStream('pt'), { sweeps: 50 }));
    expect(a.state).toEqual(b.state);
    expect(a.foundAtSweep).toBe(b.foundAtSweep);
  });

  it('yields every ~2^24 field updates, so that a cancel is heard within tens of milliseconds at any N', () => {
    // N = 400, 32 replicas: a sweep is 12800 visits of 1 + 0.3·400 = 121 updates each, so about every 10 sweeps.
    const { J, n, stream } = drawInstance(resolveLandscape({ couplings: 'gaussian', n: 400, seed: 5, method: 'quench' }), 0);
    const program = temperingSearch(J, n, stream.fork('t'), { sweeps: 25 });
    const yields: number[] = [];
    for (let step = program.next(); !step.done; step = program.next()) yields.push(step.value);
    expect(yields).toEqual([10 / 25, 20 / 25]);
  });

  it('measures the field scale of SK couplings as 1', () => {
    // The fields of a random configuration are N(0, (N−1)/N) for SK couplings. The sample median of N values of
    // |h| has SE 1/(2 f(m) √N), with f(m) = 2φ(0.6745) = 0.636 the density of |N(0, 1)| at its median m = 0.6745;
    // the scale divides by 0.6745. 4 SE.
    const n = 2000;
    const { J } = drawInstance(resolveLandscape({ couplings: 'gaussian', n, seed: 3, method: 'quench' }), 0);
    const se = 1 / (2 * 0.636 * Math.sqrt(n)) / 0.6745;
    expect(Math.abs(fieldScale(J, n, createStream('scale')) - Math.sqrt((n - 1) / n))).toBeLessThan(4 * se);
  });
});
