import { describe, expect, it } from 'vitest';
import { generate } from '../../../src/core/ensembles/index.js';
import { analyseLayer, extremeVerdict } from '../../../src/core/layer/index.js';

function verdict(W: Parameters<typeof analyseLayer>[0]) {
  const s = analyseLayer(W);
  return extremeVerdict(s.fit, s.unitsPerX);
}

describe('Fréchet versus Tracy–Widom on λ_max', () => {
  it('calls very heavy tails Fréchet, Gaussian edges Tracy–Widom and separated BBP spikes outliers', () => {
    // Fixed seeds; each verdict rests on a likelihood ratio that is far from its threshold for these draws
    // (Pareto μ = 1.5: the TW score is in the thousands; ℓ = 20 at Q = 2 puts λ_max ~ 40 TW scales out).
    const heavy = verdict(generate({ ensemble: 'pareto', mu: 1.5, n: 200, m: 100, seed: 3 }).W);
    expect(heavy.verdict).toBe('frechet');
    // Shape α̂ − 1 estimates μ/2 = 0.75 (the tail's SE (α̂−1)/√n_tail is ~0.15 with ~25 tail points).
    expect(Math.abs(heavy.frechet_shape! - 0.75)).toBeLessThan(0.45);
    const gaussian = verdict(generate({ ensemble: 'gaussian', n: 200, m: 100, seed: 3 }).W);
    expect(gaussian.verdict).not.toBe('frechet');
    expect(Math.abs(gaussian.tw_score!)).toBeLessThan(5);
    expect(verdict(generate({ ensemble: 'spiked', spikes: [20], n: 200, m: 100, seed: 3 }).W).verdict).toBe('outlier');
  });
});
