import { describe, expect, it } from 'vitest';
import { vsdl } from './harness.js';

async function json(...argv: string[]) {
  const r = await vsdl('theory', ...argv, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe('vsdl theory', () => {
  it('mp: edges, density and CDF at the reference points of docs/theory.md', async () => {
    const o = await json('mp', '--q', '2', '--sigma', '1', '--at', '0.5,1,2');
    expect(o.lambda_minus).toBeCloseTo(0.085786437627, 11);
    expect(o.lambda_plus).toBeCloseTo(2.914213562373, 11);
    expect(o.density).toHaveLength(3);
    expect(o.density[1]).toBeCloseTo(0.4210843993, 10);
    expect(o.cdf[1]).toBeCloseTo(0.5760042151, 10);
    const m = await json('mp', '--q', '4', '--moments', '2');
    expect(m.moments).toEqual([1, 1.25]); // σ², σ⁴(1 + 1/Q)
  });

  it('tw: F1 at -2, 0, 1 and the 95% quantile', async () => {
    const o = await json('tw', '--beta', '1', '--at', '-2,0,1');
    expect(o.cdf[1]).toBeCloseTo(0.8319080662, 10);
    expect(o.pdf).toHaveLength(3);
    expect(o.mean).toBeCloseTo(-1.2065335746, 9);
    const qn = await json('tw', '--beta', '1', '--quantile', '0.95');
    const back = await json('tw', '--beta', '1', '--at', String(qn.quantile));
    expect(back.cdf[0]).toBeCloseTo(0.95, 12);
    const j = await json('tw', '--beta', '1', '--n', '1000', '--m', '500');
    expect(j.center).toBeCloseTo((Math.sqrt(999) + Math.sqrt(500)) ** 2 / 1000, 12);
  });

  it('bbp: covariance spike 3 at Q = 4', async () => {
    const o = await json('bbp', '--q', '4', '--spike', '3', '--model', 'covariance');
    expect(o.threshold).toBeCloseTo(1.5, 14); // 1 + √γ, γ = 1/4
    expect(o.outlier).toBeCloseTo(3.375, 14); // ℓ(1 + γ/(ℓ − 1))
    expect(o.overlap2).toBeCloseTo(0.9375 / 1.125, 14);
    const below = await json('bbp', '--q', '4', '--spike', '0.5,2', '--model', 'additive');
    expect(below.spikes[0]).toMatchObject({ detached: false, outlier: null, overlap2: 0 });
    expect(below.spikes[1].detached).toBe(true);
  });

  it('frechet: the class of μ and the Fréchet CDF exp(−x^(−μ/2))', async () => {
    const o = await json('frechet', '--mu', '3', '--n', '100', '--m', '50', '--at', '2');
    expect(o.regime).toBe('moderate');
    expect(o.shape).toBe(1.5);
    expect(o.cdf[0]).toBeCloseTo(Math.exp(-(2 ** -1.5)), 14);
    expect(o.scale).toBeCloseTo(5000 ** (2 / 3) / 100, 10);
  });

  it('perceptron: replica-symmetric saddle point and the Ising phase lines', async () => {
    const o = await json('perceptron', '--weights', 'ising', '--alpha', '1', '--tau', '0.5');
    expect(o.R).toBeCloseTo(0.421, 3);
    expect(o.eps_t).toBeCloseTo(0.089, 3);
    for (const k of ['q', 'eps_g', 'f', 's', 'branch']) expect(o).toHaveProperty(k);
    const s = await json('perceptron', '--weights', 'spherical', '--alpha', '5', '--tau', '1');
    expect(s.R).toBeCloseTo(0.769, 3);
    const lines = await json('perceptron', '--phase-lines', '--tau', '0.5');
    expect(lines.alpha_c).toBeCloseTo(1.571, 3);
    expect(lines).toHaveProperty('alpha_spinodal');
    expect(lines).toHaveProperty('alpha_zero_entropy');
    const perfect = await json('perceptron', '--weights', 'ising', '--alpha', '1.8', '--tau', '0.5', '--branch', 'perfect');
    expect(perfect.R).toBe(1);
  });

  it.each([
    [['mp', '--q', '0.5'], 'q'],
    [['tw', '--beta', '3'], 'beta'],
    [['tw', '--quantile', '1.5'], 'p'],
    [['bbp', '--q', '2'], '--spike'],
    [['perceptron', '--weights', 'ising', '--alpha', '1', '--tau', '-1'], 'tau'],
    [['perceptron', '--weights', 'ising', '--alpha', '-1', '--tau', '1'], 'alpha'],
    [['perceptron', '--weights', 'ising', '--alpha', '1', '--tau', '1', '--noise', '0.7'], 'noise'],
    [['perceptron', '--weights', 'potts', '--alpha', '1', '--tau', '1'], 'weights'],
    [['mp', '--q', '2', '--spike', '3'], '--spike'],
    [['wigner'], 'topic'],
    [[], 'topic'],
  ])('refuses %j, naming %s', async (argv, name) => {
    const r = await vsdl('theory', ...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(name);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
