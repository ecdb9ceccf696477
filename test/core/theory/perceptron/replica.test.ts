import { describe, expect, it } from 'vitest';
import {
  perceptronAnnealed,
  perceptronCurve,
  perceptronHighTemperature,
  perceptronReplica,
  type PerceptronState,
  type Weights,
} from '../../../../src/core/theory/perceptron/index.js';
import { gaussTail } from '../../../../src/core/theory/perceptron/gaussian.js';

describe('perceptronReplica: reference values', () => {
  it('Ising, α = 1, τ = 0.5: R ≈ 0.421, ε_t ≈ 0.089', () => {
    const s = perceptronReplica({ weights: 'ising', alpha: 1, tau: 0.5 });
    expect(s.R).toBeCloseTo(0.421, 3);
    expect(s.eps_t).toBeCloseTo(0.089, 3);
    expect(s.branch).toBe('poor');
    expect(s.method).toBe('replica');
  });

  it('spherical, α = 5, τ = 1: R ≈ 0.769, ε_t ≈ 0.112', () => {
    const s = perceptronReplica({ weights: 'spherical', alpha: 5, tau: 1 });
    expect(s.R).toBeCloseTo(0.769, 3);
    expect(s.eps_t).toBeCloseTo(0.112, 3);
    expect(s.branch).toBe('unique');
  });

  it('spherical Gibbs learning: α·ε_g → √2 / ∫Dt e^(−t²/2)/H(−t) ≈ 0.6247 (the 0.625/α law)', () => {
    // The constant from the large-α limit of R/√(1 − R) = (α/π)∫Dt e^(−Rt²/2)/H(−√R t), by a plain trapezoid
    // rule, independent of the solver and of its quadrature.
    let integral = 0;
    const h = 1e-3;
    for (let t = -12; t <= 12; t += h) integral += (h * Math.exp(-t * t)) / gaussTail(-t);
    const constant = Math.SQRT2 / (integral / Math.sqrt(2 * Math.PI));
    expect(constant).toBeCloseTo(0.625, 3);
    const products = [100, 1e3, 1e4].map((alpha) => alpha * perceptronReplica({ weights: 'spherical', alpha, tau: 0 }).eps_g);
    expect(Math.abs(products[2] - constant)).toBeLessThan(2e-6);
    // the approach is O(1/α)
    expect(Math.abs(products[1] - constant)).toBeLessThan(Math.abs(products[0] - constant) / 5);
  });
});

describe('perceptronReplica: exact identities', () => {
  it('Gibbs learning sits on the Nishimori line: q = R, unimposed, for both priors', () => {
    for (const [weights, alpha] of [
      ['spherical', 0.5],
      ['spherical', 3],
      ['spherical', 300],
      ['ising', 0.5],
      ['ising', 1.2],
    ] as [Weights, number][]) {
      const s = perceptronReplica({ weights, alpha, tau: 0 });
      expect(Math.abs(s.q - s.R)).toBeLessThan(1e-9 * (1 - s.R) + 1e-13);
      expect(s.eps_t).toBe(0);
      expect(s.f).toBe(0);
    }
  });

  it('with label noise p at e^(−β) = p/(1 − p) (Bayes-optimal temperature): q = R and ε_t = p', () => {
    for (const weights of ['spherical', 'ising'] as Weights[]) {
      for (const [p, alpha] of [
        [0.1, 2],
        [0.25, 4],
      ]) {
        const s = perceptronReplica({ weights, alpha, tau: 1 / Math.log((1 - p) / p), noise: p });
        expect(Math.abs(s.q - s.R)).toBeLessThan(1e-9);
        expect(Math.abs(s.eps_t - p)).toBeLessThan(1e-9);
      }
    }
  });

  it('∂f/∂τ = −s by finite differences (f from −βf, s from the training error)', () => {
    for (const [weights, alpha, tau, noise] of [
      ['spherical', 2, 0.7, 0],
      ['spherical', 3, 0.4, 0.1],
      ['ising', 1, 0.5, 0],
      ['ising', 2, 0.3, 0.1],
    ] as [Weights, number, number, number][]) {
      const h = 1e-4;
      const f = (t: number): number => perceptronReplica({ weights, alpha, tau: t, noise, branch: 'equilibrium' }).f;
      const s = perceptronReplica({ weights, alpha, tau, noise });
      expect(s.branch).not.toBe('perfect');
      expect(Math.abs((f(tau + h) - f(tau - h)) / (2 * h) + s.s)).toBeLessThan(1e-6);
    }
  });

  it('the Ising teacher state: R = q = 1, s = 0, ε_t = p, f = αp', () => {
    const s = perceptronReplica({ weights: 'ising', alpha: 2, tau: 0.3, noise: 0.1, branch: 'perfect' });
    expect([s.R, s.q, s.s, s.eps_g, s.eps_t, s.eps_g_noisy]).toEqual([1, 1, 0, 0, 0.1, 0.1]);
    expect(s.f).toBeCloseTo(0.2, 14);
    expect(perceptronReplica({ weights: 'ising', alpha: 3, tau: 0.5, branch: 'perfect' }).f).toBe(0);
  });

  it('reports the noisy-label error p + (1 − 2p)ε_g, and no data means a random student', () => {
    const s = perceptronReplica({ weights: 'spherical', alpha: 2, tau: 0.5, noise: 0.2 });
    expect(s.eps_g_noisy).toBeCloseTo(0.2 + 0.6 * s.eps_g, 14);
    expect(s.eps_g).toBeCloseTo(Math.acos(s.R) / Math.PI, 12);
    const empty = perceptronReplica({ weights: 'ising', alpha: 0, tau: 0.3 });
    expect([empty.R, empty.eps_g]).toEqual([0, 0.5]);
    // Training error: the α → 0⁺ limit, each label a fair coin weighted by e^(−β·error): 1/(1 + e^β).
    expect(empty.eps_t).toBeCloseTo(1 / (1 + Math.exp(1 / 0.3)), 15);
    expect(empty.s).toBeCloseTo(Math.LN2, 15);
    expect(empty.f).toBeCloseTo(-0.3 * Math.LN2, 15);
  });
});

describe('no data (α = 0): the training error of the limit α → 0⁺', () => {
  it('is 0 at τ = 0 (the version space) and 1/(1 + e^(1/τ)) above, as the solutions at α = 10⁻⁶ give; ½ at high temperature', () => {
    for (const weights of ['ising', 'spherical'] as Weights[]) {
      expect(perceptronReplica({ weights, alpha: 0, tau: 0 }).eps_t).toBe(0);
      expect(perceptronAnnealed({ weights, alpha: 0, tau: 0 }).eps_t).toBe(0);
      expect(perceptronReplica({ weights, alpha: 1e-6, tau: 0 }).eps_t).toBeLessThan(1e-6);
    }
    const tau = 2;
    const limit = 1 / (1 + Math.exp(1 / tau));
    expect(perceptronReplica({ weights: 'ising', alpha: 0, tau }).eps_t).toBeCloseTo(limit, 15);
    expect(perceptronReplica({ weights: 'ising', alpha: 1e-6, tau }).eps_t).toBeCloseTo(limit, 6);
    expect(perceptronAnnealed({ weights: 'ising', alpha: 1e-6, tau }).eps_t).toBeCloseTo(limit, 6);
    // The high-temperature limit equates training and generalization errors: ½ with no data, as at α = 10⁻⁶.
    expect(perceptronHighTemperature({ weights: 'ising', alpha: 0, tau }).eps_t).toBe(0.5);
    expect(perceptronHighTemperature({ weights: 'ising', alpha: 1e-6, tau }).eps_t).toBeCloseTo(0.5, 6);
  });
});

describe('replica, annealed and high-temperature theories', () => {
  it('the replica solution tends to the high-temperature limit as τ → ∞ at fixed α/τ', () => {
    for (const weights of ['spherical', 'ising'] as Weights[]) {
      const limit = perceptronHighTemperature({ weights, alpha: 1, tau: 1 });
      const gap = (tau: number): number => Math.abs(perceptronReplica({ weights, alpha: tau, tau }).R - limit.R);
      const [g20, g100] = [gap(20), gap(100)];
      expect(g100).toBeLessThan(1e-3);
      expect(g100).toBeLessThan(g20 / 3); // O(1/τ)
      // and ε_t → ε_g: training and test error coincide in the limit
      const s = perceptronReplica({ weights, alpha: 100, tau: 100 });
      expect(Math.abs(s.eps_t - s.eps_g)).toBeLessThan(0.01);
    }
  });

  it('annealed and replica agree to first order in α and at high τ, and differ at low τ', () => {
    for (const weights of ['spherical', 'ising'] as Weights[]) {
      const small = { weights, alpha: 1e-4, tau: 0.3 };
      expect(Math.abs(perceptronReplica(small).R / perceptronAnnealed(small).R - 1)).toBeLessThan(1e-3);
      const hot = { weights, alpha: 100, tau: 100 };
      expect(Math.abs(perceptronReplica(hot).R - perceptronAnnealed(hot).R)).toBeLessThan(3e-4);
    }
    const cold = { weights: 'spherical' as const, alpha: 5, tau: 0 };
    const ratio = perceptronAnnealed(cold).eps_g / perceptronReplica(cold).eps_g;
    expect(Math.abs(ratio - 1)).toBeGreaterThan(0.1);
  });

  it('high-temperature spherical closed form: R/√(1 − R²) = (α/τ)(1 − 2p)/π', () => {
    const s = perceptronHighTemperature({ weights: 'spherical', alpha: 3, tau: 2, noise: 0.1 });
    expect(s.R / Math.sqrt(1 - s.R * s.R)).toBeCloseTo((1.5 * 0.8) / Math.PI, 13);
    expect(s.eps_t).toBe(s.eps_g_noisy);
    expect(s.q).toBeCloseTo(s.R * s.R, 15);
  });
});

describe('perceptronCurve', () => {
  const alphas = Array.from({ length: 30 }, (_, i) => 0.1 * (i + 1));

  it('continuation reproduces independent single-point solutions', () => {
    for (const [weights, tau, noise] of [
      ['spherical', 0.5, 0.1],
      ['ising', 0.5, 0],
      ['ising', 0, 0],
    ] as [Weights, number, number][]) {
      const curve = perceptronCurve({ weights, tau, alphas, noise });
      expect(curve).toHaveLength(alphas.length);
      for (const i of [0, 7, 12, 29]) {
        const single = perceptronReplica({ weights, alpha: alphas[i], tau, noise });
        expect(curve[i].branch).toBe(single.branch);
        expect(Math.abs(curve[i].R - single.R)).toBeLessThan(1e-8);
        expect(Math.abs(curve[i].f - single.f)).toBeLessThan(1e-8);
      }
    }
  });

  it('ε_g decreases with α, ε_t stays below the noisy test error, and Ising equilibrium entropy is ≥ 0', () => {
    for (const [weights, tau, noise] of [
      ['spherical', 0, 0],
      ['spherical', 1, 0.2],
      ['ising', 0, 0],
      ['ising', 0.25, 0],
      ['ising', 1, 0.1],
    ] as [Weights, number, number][]) {
      const curve: PerceptronState[] = perceptronCurve({ weights, tau, alphas, noise });
      for (let i = 1; i < curve.length; i++) expect(curve[i].eps_g).toBeLessThanOrEqual(curve[i - 1].eps_g);
      for (const s of curve) {
        expect(s.eps_t).toBeLessThanOrEqual(s.eps_g_noisy + 1e-12);
        if (weights === 'ising') expect(s.s).toBeGreaterThanOrEqual(-1e-12);
      }
    }
  });

  it('the poor branch stops at its spinodal; other methods are evaluated pointwise', () => {
    const poor = perceptronCurve({ weights: 'ising', tau: 0, alphas, branch: 'poor' });
    expect(poor.length).toBeGreaterThan(10);
    expect(poor.length).toBeLessThan(alphas.length);
    expect(poor.every((s) => s.branch === 'poor' && s.alpha < 1.5)).toBe(true);
    const annealed = perceptronCurve({ weights: 'spherical', tau: 0.5, alphas, method: 'annealed' });
    expect(annealed[4]).toEqual(perceptronAnnealed({ weights: 'spherical', alpha: alphas[4], tau: 0.5 }));
  });
});
