import { describe, expect, it } from 'vitest';
import { generate, MAX_ENTRIES } from '../../../src/core/ensembles/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { gram, symmetricEigenvalues } from '../../../src/core/linalg/index.js';
import type { Matrix } from '../../../src/core/linalg/matrix.js';

function meanVar(x: Float64Array): { mean: number; variance: number } {
  let s = 0;
  for (const v of x) s += v;
  const mean = s / x.length;
  let ss = 0;
  for (const v of x) ss += (v - mean) ** 2;
  return { mean, variance: ss / (x.length - 1) };
}

/** uᵀ X u for X = WᵀW/N. */
function quadraticForm(W: Matrix, u: Float64Array): number {
  let total = 0;
  for (let r = 0; r < W.rows; r++) {
    let dot = 0;
    for (let c = 0; c < W.cols; c++) dot += W.data[r * W.cols + c] * u[c];
    total += dot * dot;
  }
  return total / W.rows;
}

/** Top eigenvector of a symmetric matrix by power iteration (the outlier is well separated from the bulk). */
function topEigenvector(X: Matrix): Float64Array {
  const m = X.rows;
  let v = new Float64Array(m).fill(1 / Math.sqrt(m));
  for (let it = 0; it < 500; it++) {
    const w = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += X.data[i * m + j] * v[j];
      w[i] = s;
    }
    const norm = Math.hypot(...w);
    v = w.map((x) => x / norm);
  }
  return v;
}

describe('generate: validation', () => {
  const base = { ensemble: 'gaussian' as const, n: 10, m: 5, seed: 1 };
  it.each([
    [{ n: 0 }, 'n'],
    [{ n: 2.5 }, 'n'],
    [{ m: 11 }, 'm'],
    [{ sigma: 0 }, 'sigma'],
    [{ sigma: Number.NaN }, 'sigma'],
    [{ ensemble: 'cauchy' }, 'ensemble'],
    [{ ensemble: 'pareto' }, 'mu'],
    [{ ensemble: 'pareto', mu: 0 }, 'mu'],
    [{ ensemble: 'pareto', mu: -1 }, 'mu'],
    [{ ensemble: 'stable', mu: 2.5 }, 'mu'],
    [{ mu: 3 }, 'mu'],
    [{ ensemble: 'spiked' }, 'spikes'],
    [{ ensemble: 'spiked', spikes: [0.5] }, 'spikes[0]'],
    [{ ensemble: 'spiked', spikes: [2], spikeModel: 'both' }, 'spike-model'],
    [{ spikes: [2] }, 'spikes'],
    // Recorded with every draw, so checked for every ensemble.
    [{ spikeModel: 'foo' }, 'spike-model'],
    [{ seed: -1 }, 'seed'],
    [{ n: 1e6, m: 1e4 }, 'n×m'],
    // Draws beyond float64: x ~ u^(−1/μ) overflows for a tiny μ; a huge σ overflows any law.
    [{ ensemble: 'pareto', n: 100, m: 50, mu: 0.01 }, 'mu'],
    [{ ensemble: 'student-t', n: 100, m: 50, mu: 0.01 }, 'mu'],
    [{ ensemble: 'stable', n: 100, m: 50, mu: 0.01 }, 'mu'],
    [{ ensemble: 'pareto', mu: 1e-300 }, 'mu'],
    [{ sigma: 1e300 }, 'sigma'],
  ])('%o is refused naming %s', (patch, parameter) => {
    const call = () => generate({ ...base, ...patch } as never);
    expect(call).toThrow(ParameterError);
    try {
      call();
    } catch (err) {
      expect((err as ParameterError).parameter).toBe(parameter);
    }
  });

  it('refuses a μ whose draws fit in float64 but whose λ_max scale does not, before drawing, and records every finite scale', () => {
    // N·M = 5000: entries reach about 5000^(1/μ) (1e185 at μ = 0.02, inside float64), the Fréchet scale
    // 5000^(2/μ)/N about 1e368 (beyond it); at μ = 0.03 the scale is about 1e244.
    let refusal: ParameterError | undefined;
    try {
      generate({ ensemble: 'pareto', n: 100, m: 50, mu: 0.02, seed: 1 });
    } catch (err) {
      refusal = err as ParameterError;
    }
    expect(refusal).toBeInstanceOf(ParameterError);
    expect(refusal?.parameter).toBe('mu');
    expect(refusal?.message).toContain('λ_max would be about 1e367');
    const scale = generate({ ensemble: 'pareto', n: 100, m: 50, mu: 0.03, seed: 1 }).truth.heavy_tail!.frechet_scale!;
    expect(Number.isFinite(scale)).toBe(true);
    expect(Math.abs(Math.log10(scale) - ((2 / 0.03) * Math.log10(5000) - 2))).toBeLessThan(1e-9);
  });

  it('caps the size at MAX_ENTRIES', () => {
    expect(MAX_ENTRIES).toBeGreaterThanOrEqual(4000 * 2000);
  });
});

describe('generate: reproducibility', () => {
  it('gives the same W for the same seed and a different W for another seed', () => {
    const a = generate({ ensemble: 'pareto', mu: 2.5, n: 30, m: 20, seed: 'abc' });
    const b = generate({ ensemble: 'pareto', mu: 2.5, n: 30, m: 20, seed: 'abc' });
    const c = generate({ ensemble: 'pareto', mu: 2.5, n: 30, m: 20, seed: 'abd' });
    expect(b.W.data).toEqual(a.W.data);
    expect(c.W.data).not.toEqual(a.W.data);
  });

  it('adds covariance spikes on top of the Gaussian draw of the same seed', () => {
    const g = generate({ ensemble: 'gaussian', n: 40, m: 12, sigma: 2, seed: 7 });
    const s = generate({ ensemble: 'spiked', spikes: [4, 9], n: 40, m: 12, sigma: 2, seed: 7 });
    const v = s.spikeDirections!;
    // Each row's difference lies in span(v₁, v₂): its residual after projection vanishes.
    for (let r = 0; r < 40; r++) {
      const d = Array.from({ length: 12 }, (_, c) => s.W.data[r * 12 + c] - g.W.data[r * 12 + c]);
      for (let k = 0; k < 2; k++) {
        const dir = v.data.subarray(k * 12, (k + 1) * 12);
        const dot = d.reduce((acc, x, c) => acc + x * dir[c], 0);
        for (let c = 0; c < 12; c++) d[c] -= dot * dir[c];
      }
      expect(Math.hypot(...d)).toBeLessThan(1e-12);
    }
  });

  it('adds an additive spike of Frobenius norm σ√N θ', () => {
    const g = generate({ ensemble: 'gaussian', n: 50, m: 10, sigma: 3, seed: 7 });
    const s = generate({ ensemble: 'spiked', spikeModel: 'additive', spikes: [0.7], n: 50, m: 10, sigma: 3, seed: 7 });
    const diff = s.W.data.map((x, i) => x - g.W.data[i]);
    expect(Math.hypot(...diff)).toBeCloseTo(3 * Math.sqrt(50) * 0.7, 10);
  });
});

describe('generate: statistics against the truth', () => {
  it('draws Gaussian entries with variance σ²', () => {
    const { W, truth } = generate({ ensemble: 'gaussian', n: 400, m: 250, sigma: 1.5, seed: 1 });
    const { mean, variance } = meanVar(W.data);
    const count = W.data.length; // 1e5 entries
    // SE(mean) = σ/√n = 0.0047; SE(var) = σ²√(2/n) = 0.0101. Allow 4 SE.
    expect(Math.abs(mean)).toBeLessThan(4 * (1.5 / Math.sqrt(count)));
    expect(Math.abs(variance - 2.25)).toBeLessThan(4 * 2.25 * Math.sqrt(2 / count));
    expect(truth.element_variance).toBe(2.25);
    expect(truth.law).toBe('gaussian');
    expect(truth.Q).toBe(1.6);
  });

  it('puts variance σ²ℓ along each covariance spike direction', () => {
    const spikes = [3, 8];
    const { W, spikeDirections } = generate({ ensemble: 'spiked', spikes, n: 4000, m: 40, seed: 11 });
    for (let k = 0; k < 2; k++) {
      const v = spikeDirections!.data.subarray(k * 40, (k + 1) * 40);
      // vᵀXv is a mean of N squared N(0, ℓ) variables: SE = ℓ√(2/N) ≈ 0.022·ℓ; allow 4 SE.
      expect(Math.abs(quadraticForm(W, v) - spikes[k])).toBeLessThan(4 * spikes[k] * Math.sqrt(2 / 4000));
    }
  });

  it('detaches a supercritical covariance spike where BBP predicts, with the predicted overlap', () => {
    const { W, truth, spikeDirections } = generate({ ensemble: 'spiked', spikes: [5], n: 1200, m: 400, seed: 3 });
    const [spike] = truth.bbp;
    expect(spike.detached).toBe(true);
    const X = gram(W, 1 / W.rows);
    const evals = symmetricEigenvalues(X);
    // Outlier fluctuations are Gaussian with sd ≈ ℓ√(2/N)·√(1 − γ/(ℓ−1)²) ≈ 0.2 at N = 1200; allow ~3 sd.
    expect(Math.abs(evals[evals.length - 1] - spike.outlier!)).toBeLessThan(0.6);
    // The squared overlap concentrates at rate O(1/√N) ≈ 0.03; allow 0.08.
    const top = topEigenvector(X);
    const dot = top.reduce((acc, x, i) => acc + x * spikeDirections!.data[i], 0);
    expect(Math.abs(dot * dot - spike.overlap2)).toBeLessThan(0.08);
    // The largest bulk eigenvalue follows TW1 on Johnstone's scale: |s| < 5 with overwhelming probability.
    const tw = truth.tracy_widom!;
    expect(tw.applies_to).toBe('first_bulk_eigenvalue');
    expect(Math.abs((evals[evals.length - 2] - tw.center) / tw.scale)).toBeLessThan(5);
  });

  it('predicts the Lomax mean spike', () => {
    const { W, truth } = generate({ ensemble: 'lomax', mu: 6, n: 1000, m: 300, seed: 5 });
    const mean = 1 / 5;
    const spike = truth.bbp.at(-1)!;
    expect(spike.detached).toBe(true);
    const evals = symmetricEigenvalues(gram(W, 1 / W.rows));
    // λ_max ≈ mean²·M(1 + O(1/θ²)) + bulk; relative fluctuations O(1/√(NM)) from the sample mean: allow 3%.
    expect(evals.at(-1)! / spike.outlier!).toBeCloseTo(1, 1);
    expect(Math.abs(evals.at(-1)! / spike.outlier! - 1)).toBeLessThan(0.03);
    expect(spike.outlier!).toBeGreaterThan(mean * mean * 300);
  });

  it.each([
    ['student-t', 3, 12],
    ['stable', 1.5, 40],
    ['pareto', 2.5, 10],
  ] as const)('has the tail constant C of %s (μ = %f): P(|x| > t) ≈ C t^(−μ)', (ensemble, mu, tOverSigma) => {
    const sigma = 1.3;
    const { W, truth } = generate({ ensemble, mu, sigma, n: 1000, m: 1000, seed: 9 });
    const t = tOverSigma * sigma; // far enough in the tail that the asymptotic form holds to ~1%
    let count = 0;
    for (const x of W.data) if (Math.abs(x) > t) count++;
    const expected = truth.heavy_tail!.tail_constant * t ** -mu * W.data.length;
    // Binomial count: SE = √expected (≥ 35 here, expected ≥ 1200); allow 4 SE plus 6% for the asymptotic form.
    // A wrong constant (a factor 2, a wrong power of σ) misses by far more.
    expect(expected).toBeGreaterThan(1000);
    expect(Math.abs(count - expected)).toBeLessThan(4 * Math.sqrt(expected) + 0.06 * expected);
  });

  it('reports the heavy-tail class and the Fréchet scale for μ < 4 only', () => {
    const light = generate({ ensemble: 'pareto', mu: 5, n: 20, m: 10, seed: 1 }).truth;
    const heavy = generate({ ensemble: 'pareto', mu: 1, n: 20, m: 10, seed: 1 }).truth;
    expect(light.heavy_tail!.frechet_scale).toBeNull();
    expect(light.mp).not.toBeNull();
    expect(heavy.heavy_tail!.frechet_scale).toBeGreaterThan(0);
    expect(heavy.mp).toBeNull();
    expect(heavy.tracy_widom).toBeNull();
  });
});

describe('generate: the truth at the edges of the parameters', () => {
  it('draws N = M = 1 with tracy_widom null (Johnstone needs N ≥ 2 for real data) and the MP edges', () => {
    const { W, truth } = generate({ ensemble: 'gaussian', n: 1, m: 1, seed: 1 });
    expect(W.data.length).toBe(1);
    expect(truth.tracy_widom).toBeNull();
    expect(truth.mp).toEqual({ lambda_minus: 0, lambda_plus: 4 });
    // N = 2 still has its Tracy–Widom centring: (√(N−1) + √M)²/N = 2 at N = 2, M = 1.
    expect(generate({ ensemble: 'gaussian', n: 2, m: 1, seed: 1 }).truth.tracy_widom?.center).toBeCloseTo(2, 14);
  });

  it.each([
    [{ ensemble: 'gaussian', sigma: 1e-200 }],
    [{ ensemble: 'spiked', spikes: [3], sigma: 1e-200 }],
    [{ ensemble: 'student-t', mu: 5, sigma: 1e-170 }],
    [{ ensemble: 'gaussian', sigma: 1e160 }],
  ])('%o is refused naming the σ that was given, not √variance', (patch) => {
    const call = () => generate({ n: 3, m: 3, seed: 1, ...patch } as never);
    expect(call).toThrow(ParameterError);
    try {
      call();
    } catch (err) {
      expect((err as ParameterError).parameter).toBe('sigma');
      expect((err as ParameterError).value).toBe(patch.sigma);
      expect((err as Error).message).toContain(`invalid sigma: ${patch.sigma} (`);
    }
  });
});
