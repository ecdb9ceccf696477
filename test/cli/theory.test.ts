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

  it('text output gives the numbers of --json to ten digits at any scale (1e+10 once printed as 1e+1)', async () => {
    for (const sigma of ['1e5', '1e-5', '3e150']) {
      const o = await json('mp', '--q', '2', '--sigma', sigma);
      const r = await vsdl('theory', 'mp', '--q', '2', '--sigma', sigma);
      expect(r.code, r.stderr).toBe(0);
      for (const key of ['lambda_minus', 'lambda_plus']) {
        const shown = Number(new RegExp(`^${key}: (\\S+)$`, 'm').exec(r.stdout)![1]);
        expect(Math.abs(shown / o[key] - 1), `${key} at σ = ${sigma}: ${shown}`).toBeLessThan(1e-9);
      }
    }
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
    // A covariance ℓ < 1 lowers a variance; below 1 − √γ its outlier leaves the bulk at the bottom: refused.
    const lowered = await vsdl('theory', 'bbp', '--q', '4', '--spike', '0.1', '--json');
    expect(lowered.code).toBe(2);
    expect(lowered.stderr).toMatch(/--spike.*≥ 1/);
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

  it('semicircle: density, CDF and quantiles, with σ', async () => {
    const o = await json('semicircle', '--at', '-2,0,1', '--quantile', '0.5,0.9');
    expect(o.edges).toEqual([-2, 2]);
    expect(o.density[0]).toBe(0);
    expect(o.density[1]).toBeCloseTo(1 / Math.PI, 15);
    expect(o.cdf[1]).toBeCloseTo(0.5, 15);
    // F(1) = ½ + (√3/4 + π/6)/π from the closed form.
    expect(o.cdf[2]).toBeCloseTo(0.5 + (Math.sqrt(3) / 4 + Math.PI / 6) / Math.PI, 14);
    expect(o.quantile[0]).toBeCloseTo(0, 14);
    const s = await json('semicircle', '--sigma', '2', '--quantile', '0.9');
    expect(s.quantile).toBeCloseTo(2 * (o.quantile[1] as number), 13);
  });

  it('tw --wigner: centre 2, scale N^(−2/3), and quantiles on the eigenvalue scale', async () => {
    const o = await json('tw', '--wigner', '--n', '1000', '--beta', '2', '--quantile', '0.5', '--at', '0');
    expect(o.center).toBe(2);
    expect(o.scale).toBeCloseTo(0.01, 15);
    expect(o.lambda_quantile).toBeCloseTo(2 + 0.01 * (o.quantile as number), 15);
    expect(o.lambda_at[0]).toBe(2);
    const four = await json('tw', '--wigner', '--n', '1000', '--beta', '4');
    expect(four.scale).toBeCloseTo(0.01 * 2 ** (-1 / 6), 15);
    expect(four.lambda_at).toBeUndefined();
  });

  it('levy: the density at 0 in closed form, and the CDF', async () => {
    const o = await json('levy', '--mu', '1', '--at', '0,1');
    // ρ(0) = Γ(1 + 2/μ)/(π·c^(2/μ)) with c² = Γ(1 − μ/2)/Γ(1 + μ/2): 1/π at μ = 1.
    expect(o.density[0]).toBeCloseTo(1 / Math.PI, 12);
    expect(o.cdf[0]).toBeCloseTo(0.5, 11);
    expect(o.cdf[1]).toBeGreaterThan(0.5);
    const scaled = await json('levy', '--mu', '1', '--tail-constant', '8', '--at', '0');
    expect(scaled.density[0]).toBeCloseTo(1 / (8 * Math.PI), 12); // ρ_C(x) = ρ(x/C^(1/μ))/C^(1/μ)
  });

  it.each([
    [['semicircle', '--sigma', '0'], 'invalid --sigma:'],
    [['semicircle', '--quantile', '0.5,2'], 'invalid --quantile:'],
    [['tw', '--wigner'], '--n'],
    [['tw', '--wigner', '--n', '10', '--m', '5'], '--m'],
    [['tw', '--n', '10', '--m', '20'], 'invalid --n:'],
    [['tw', '--n', '20', '--m', '10', '--sigma', '-1'], 'invalid --sigma:'],
    [['levy', '--mu', '2.5', '--at', '0'], 'invalid --mu:'],
    // Checked without --at too: nothing is evaluated, but the parameters are still refused.
    [['levy', '--mu', '0.2'], 'invalid --mu:'],
    [['levy', '--mu', '1', '--tail-constant', '-1'], 'invalid --tail-constant:'],
    [['levy', '--mu', '1', '--tail-constant', '0', '--at', '0'], 'invalid --tail-constant:'],
    [['levy'], '--mu'],
    [['mp', '--q', '0.5'], 'invalid --q:'],
    [['mp', '--q', '2', '--sigma', '-1'], 'invalid --sigma:'],
    [['mp', '--q', '2', '--quantile', '-0.1'], 'invalid --quantile:'],
    [['tw', '--beta', '3'], 'invalid --beta:'],
    [['tw', '--quantile', '1.5'], 'invalid --quantile:'],
    [['bbp', '--q', '2'], '--spike'],
    [['bbp', '--q', '2', '--spike', '-1'], 'invalid --spike:'],
    [['bbp', '--q', '2', '--spike', '1,-1', '--model', 'additive'], 'invalid --spike:'],
    [['bbp', '--q', '0.5', '--spike', '2'], 'invalid --q:'],
    [['frechet', '--mu', '-1'], 'invalid --mu:'],
    [['frechet', '--mu', '1', '--quantile', '2'], 'invalid --quantile:'],
    [['perceptron', '--weights', 'ising', '--alpha', '1', '--tau', '-1'], 'invalid --tau:'],
    [['perceptron', '--weights', 'ising', '--alpha', '-1', '--tau', '1'], 'invalid --alpha:'],
    [['perceptron', '--weights', 'ising', '--alpha', '1', '--tau', '1', '--noise', '0.7'], 'invalid --noise:'],
    [['perceptron', '--weights', 'potts', '--alpha', '1', '--tau', '1'], 'invalid --weights:'],
    [['perceptron', '--weights', 'ising', '--alpha', '1', '--tau', '1', '--branch', 'best'], 'invalid --branch:'],
    [['perceptron', '--phase-lines', '--tau', '1', '--noise', '2'], 'invalid --noise:'],
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

describe('vsdl theory: values beyond float64 and ends of a support are refused, never printed as NaN or ±Infinity', () => {
  /** A refusal with exit 2 that names the flag, says what is allowed, and carries no stack trace or "Infinity". */
  async function refused(argv: string[], flag: string): Promise<string> {
    const r = await vsdl('theory', ...argv, '--json');
    expect(r.code, r.stdout).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`invalid ${flag}:`);
    expect(r.stderr).toContain('allowed:');
    expect(r.stderr).not.toMatch(/\n\s+at |Infinity|NaN|undefined/);
    return r.stderr;
  }

  it('mp at Q = 1: the density ~ 1/(π√λ) and the CDF ~ 2√λ/π stay finite and exact down to the smallest λ > 0', async () => {
    // mpmath at 40 digits: ρ(2^−1074) = 1.4320487378917306502e161, F = 1.4150521691252419443e-162; with σ = 2 the
    // point is λ/σ² = 2^−1076, below float64 (it rounded to 0 and gave density 0, or Infinity at σ = 1).
    const o = await json('mp', '--q', '1', '--at', '5e-324');
    expect(Math.abs(o.density[0] / 1.4320487378917306502e161 - 1)).toBeLessThan(4e-15);
    expect(Math.abs(o.cdf[0] / 1.4150521691252419443e-162 - 1)).toBeLessThan(4e-15);
    const s = await json('mp', '--q', '1', '--sigma', '2', '--at', '5e-324');
    expect(Math.abs(s.density[0] / 7.160243689458653250888e160 - 1)).toBeLessThan(4e-15);
    expect(Math.abs(s.cdf[0] / 7.07526084562620972165e-163 - 1)).toBeLessThan(4e-15);
  });

  it('mp: a density beyond float64 (σ near its lower limit) and a quantile below its normal range are refused', async () => {
    expect(await refused(['mp', '--q', '1', '--sigma', '1.5e-154', '--at', '1e-320'], '--at')).toContain('density would be about');
    const q = await json('mp', '--q', '1', '--quantile', '1e-150');
    expect(Math.abs(q.quantile / 2.4674011002723395e-300 - 1)).toBeLessThan(1e-14); // (πp/2)², it did not converge
    expect(await refused(['mp', '--q', '1', '--quantile', '1e-200'], '--quantile')).toContain('quantile would be about 2.5e-400');
  });

  it('tw: p = 0 and p = 1 are refused (unbounded support: their quantiles are ±∞)', async () => {
    for (const beta of ['1', '2', '4']) {
      expect(await refused(['tw', '--beta', beta, '--quantile', '0,1'], '--quantile')).toContain('allowed: probabilities 0 < p < 1');
      expect(await refused(['tw', '--beta', beta, '--quantile', '0.5,1'], '--quantile')).toContain('the quantile of 1 is +∞');
    }
    expect(await refused(['tw', '--wigner', '--n', '100', '--quantile', '0'], '--quantile')).toContain('the quantile of 0 is −∞');
    const o = await json('tw', '--beta', '4', '--quantile', '1e-300,0.9999999999999999');
    expect(o.quantile.every(Number.isFinite)).toBe(true);
  });

  it('tw --n --m: a σ whose centre or scale leaves float64 is refused, naming --sigma', async () => {
    expect(await refused(['tw', '--n', '1000', '--m', '500', '--sigma', '1e200'], '--sigma')).toContain('centre would be about');
    expect(await refused(['tw', '--n', '1000', '--m', '500', '--sigma', '1e-155'], '--sigma')).toContain('scale at --n 1000 --m 500 would be about');
  });

  it('frechet: p = 1 is refused (+∞), p = 0 is the lower end 0, and a quantile beyond float64 is refused', async () => {
    expect(await refused(['frechet', '--mu', '1.5', '--quantile', '1'], '--quantile')).toContain('allowed: probabilities 0 ≤ p < 1');
    expect((await json('frechet', '--mu', '1.5', '--quantile', '0')).quantile).toBe(0);
    expect(await refused(['frechet', '--mu', '0.01', '--quantile', '0.9999'], '--quantile')).toContain('quantile would be about 9.9e799');
    expect(await refused(['frechet', '--mu', '0.01', '--quantile', '1e-300'], '--quantile')).toContain('quantile would be about');
  });

  it('frechet --n --m: a μ whose scale overflows is refused with the smallest μ that fits', async () => {
    const msg = await refused(['frechet', '--mu', '0.01', '--n', '1000', '--m', '500', '--at', '1'], '--mu');
    expect(msg).toContain('allowed: μ ≥ 0.0367 with --n 1000 --m 500');
    expect(msg).toContain('would be about 1e1136');
    const o = await json('frechet', '--mu', '0.0367', '--n', '1000', '--m', '500', '--at', '1');
    expect(Number.isFinite(o.scale)).toBe(true);
    // a² = (N·M)^(2/μ) itself overflows there; a²/N does not.
    expect(Math.abs(Math.log(o.scale) - ((2 / 0.0367) * Math.log(5e5) - Math.log(1000)))).toBeLessThan(1e-12 * 708);
  });

  it('semicircle: a σ whose edges or density leave float64 is refused, naming --sigma', async () => {
    expect(await refused(['semicircle', '--sigma', '1e308', '--at', '0'], '--sigma')).toContain('the edges ±2σ would exceed float64');
    expect(await refused(['semicircle', '--sigma', '1e-310', '--at', '0'], '--sigma')).toContain('about 2.2e-308 ≤ σ ≤ 9e307');
  });

  it('perceptron --phase-lines refuses the options it does not use, and spherical weights with the reason', async () => {
    expect(await refused(['perceptron', '--phase-lines', '--tau', '0.5', '--alpha', '1'], '--alpha')).toContain('the options of --phase-lines');
    expect(await refused(['perceptron', '--phase-lines', '--tau', '0.5', '--branch', 'poor'], '--branch')).toContain('the options of --phase-lines');
    const msg = await refused(['perceptron', '--phase-lines', '--tau', '0.5', '--weights', 'spherical'], '--weights');
    expect(msg).toContain('spherical students have one branch');
    const o = await json('perceptron', '--phase-lines', '--tau', '0.5', '--weights', 'ising');
    expect(o.alpha_c).toBeCloseTo(1.5708, 4);
  });
});
