import { describe, expect, it } from 'vitest';
import { generate } from '../../../src/core/ensembles/index.js';
import { generateLowRank, gaussianLike, jensenShannonDistance, randDistance, shuffledEntries } from '../../../src/core/fit/index.js';
import { esd } from '../../../src/core/linalg/index.js';
import { oracle } from '../../helpers/oracle.js';
import { pythonWithScipy } from '../../helpers/python.js';

describe('jensenShannonDistance', () => {
  it('is 0 for equal spectra, 1 for disjoint ones, and symmetric', () => {
    const a = Float64Array.from({ length: 100 }, (_, i) => 1 + i / 100);
    expect(jensenShannonDistance(a, a)).toBe(0);
    const b = a.map((v) => v * 1000);
    expect(jensenShannonDistance(a, b)).toBeCloseTo(1, 12);
    const c = a.map((v, i) => (i % 3 ? v : v * 1.7));
    expect(jensenShannonDistance(a, c)).toBeCloseTo(jensenShannonDistance(c, a), 15);
  });

  it('puts numerical zeros in their own bin', () => {
    // Half zeros against none: p = (½, …), q = (0, …) on the zero bin; the positive parts are identical.
    const pos = Float64Array.from({ length: 50 }, (_, i) => 1 + i);
    const withZeros = Float64Array.from([...new Float64Array(50), ...pos, ...pos].slice(0, 100));
    const without = Float64Array.from([...pos, ...pos]);
    // p: zero bin ½, the rest ½·h; q: the rest h. JS = ½[½ log2(1) ... ]: computed by hand as
    // ½·(½·log2(½/¼)) + ½·Σ(½h log2(½h/(¾h)) + h log2(h/(¾h))) = ¼ + ½(½ log2(2/3) + log2(4/3)).
    const js = 0.25 + 0.5 * (0.5 * Math.log2(2 / 3) + Math.log2(4 / 3));
    expect(jensenShannonDistance(withZeros, without)).toBeCloseTo(Math.sqrt(js), 12);
  });

  it('agrees with scipy.spatial.distance.jensenshannon on the same bins', () => {
    const a = Float64Array.from({ length: 64 }, (_, i) => Math.exp(Math.sin(i) * 2));
    const b = Float64Array.from({ length: 64 }, (_, i) => Math.exp(Math.cos(i * 1.3) * 1.5));
    const bins = 10; // Rice: max(10, round(2·64^(1/3))) = 10
    const script = `import json
import numpy as np
from scipy.spatial.distance import jensenshannon
a = np.array(${JSON.stringify(Array.from(a))}); b = np.array(${JSON.stringify(Array.from(b))})
lo, hi = np.log(min(a.min(), b.min())), np.log(max(a.max(), b.max()))
edges = np.linspace(lo, hi, ${bins} + 1)
p = np.histogram(np.log(a), edges)[0]; q = np.histogram(np.log(b), edges)[0]
print(json.dumps(float(jensenshannon(p, q, base=2))))`;
    for (const { result } of oracle<number>('jensen-shannon-bins', script, pythonWithScipy)) {
      expect(jensenShannonDistance(a, b)).toBeCloseTo(result, 10);
    }
  });
});

describe('rand_distance nulls', () => {
  it('shuffling permutes the entries: same multiset, seeded', () => {
    const { W } = generate({ ensemble: 'gaussian', n: 30, m: 20, seed: 1 });
    const s = shuffledEntries(W, 'x');
    expect(Array.from(s.data).sort()).toEqual(Array.from(W.data).sort());
    expect(s.data).not.toEqual(W.data);
    expect(shuffledEntries(W, 'x').data).toEqual(s.data);
  });

  it('the Gaussian null has the mean square entry of W', () => {
    const { W } = generate({ ensemble: 'gaussian', n: 200, m: 100, sigma: 3, seed: 2 });
    const g = gaussianLike(W, 'y');
    const ms = (d: Float64Array) => d.reduce((a, v) => a + v * v, 0) / d.length;
    // 20 000 entries: the mean square has relative SE √(2/20000) = 1 %; allow 5 %.
    expect(ms(g.data) / ms(W.data)).toBeCloseTo(1, 1);
  });

  it('is small for Gaussian W and maximal for a low-rank W', () => {
    // Measured over 3 seeds at 400×200: Gaussian 0.02–0.03 (histogram noise of 20 bins with 200 values),
    // low-rank 1.0 (90 % zeros against none after shuffling).
    const { W } = generate({ ensemble: 'gaussian', n: 400, m: 200, seed: 0 });
    expect(randDistance(W, esd(W, 'none'), { seed: 0 }).rand_distance).toBeLessThan(0.1);
    const low = generateLowRank({ n: 400, m: 200, rank: 20, seed: 0 }).W;
    expect(randDistance(low, esd(low, 'none'), { seed: 0 }).rand_distance).toBeGreaterThan(0.9);
  });

  it('refuses eigenvalues that are not W\'s raw ESD: another count, WᵀW/N\'s, another matrix\'s', () => {
    const { W } = generate({ ensemble: 'gaussian', n: 60, m: 30, seed: 4 });
    const raw = esd(W, 'none');
    expect(() => randDistance(W, raw.subarray(1), { seed: 0 })).toThrow(/invalid eigenvalues: "29 values".*the 30 eigenvalues of WᵀW/);
    expect(() => randDistance(W, esd(W, '1/N'), { seed: 0 })).toThrow(/their sum must be ‖W‖_F²/);
    const other = generate({ ensemble: 'gaussian', n: 60, m: 30, seed: 5 }).W;
    // Two 60×30 Gaussian draws: ‖W‖_F² differs by about 2/√1800 ≈ 5 % (one SD), far beyond the 1e-3 allowed.
    expect(() => randDistance(W, esd(other, 'none'), { seed: 0 })).toThrow(/their sum must be/);
    expect(() => randDistance(W, raw, { seed: 0, nullEigenvalues: raw.subarray(2) })).toThrow(/invalid nullEigenvalues/);
    // Float32 rounding of the eigenvalues is accepted.
    expect(randDistance(W, Float64Array.from(Float32Array.from(raw)), { seed: 0 }).rand_distance).toBeGreaterThanOrEqual(0);
  });
});
