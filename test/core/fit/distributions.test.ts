import { describe, expect, it } from 'vitest';
import { oracle } from '../../helpers/oracle.js';
import { findPython, pythonWithScipy } from '../../helpers/python.js';
import { generate } from '../../../src/core/ensembles/index.js';
import { esd } from '../../../src/core/linalg/index.js';
import {
  compareDistributions,
  fitExponential,
  fitLognormal,
  fitPowerLaw,
  fitStretchedExponential,
  fitTruncatedPowerLaw,
  likelihoodRatio,
  powerLawTail,
} from '../../../src/core/fit/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { exponential, lognormal, pareto, stream, stretchedExponential, truncatedPowerLaw } from './samples.js';

/** P(Z ≥ z) for a standard normal by composite Simpson on [z, z + 40]: independent of the module's erfc. */
function normalTail(z: number): number {
  const steps = 20000;
  const h = 40 / steps;
  let s = 0;
  for (let k = 0; k <= steps; k++) {
    const t = z + k * h;
    const w = k === 0 || k === steps ? 1 : k % 2 ? 4 : 2;
    s += w * Math.exp(-0.5 * t * t);
  }
  return (s * h) / 3 / Math.sqrt(2 * Math.PI);
}

function truncatedLognormalLogLikelihood(x: Float64Array, xmin: number, mu: number, sigma: number): number {
  const lnQ = Math.log(normalTail((Math.log(xmin) - mu) / sigma));
  let ll = 0;
  for (const v of x) ll += -Math.log(v * sigma * Math.sqrt(2 * Math.PI)) - (Math.log(v) - mu) ** 2 / (2 * sigma * sigma) - lnQ;
  return ll;
}

/** The truncated-lognormal MLE by SciPy's L-BFGS-B on the same likelihood, written independently. */
function scipyLognormalScript(x: Float64Array, xmin: number): string {
  return `import json
import numpy as np
from scipy import optimize, stats
x = np.array(${JSON.stringify(Array.from(x))}); xmin = ${xmin}; lx = np.log(x)
def nll(p):
    mu, ls = p; s = np.exp(ls)
    return -np.sum(stats.norm.logpdf(lx, mu, s) - lx - stats.norm.logsf(np.log(xmin), mu, s))
best = None
for start in ([lx.mean(), np.log(lx.std())], [lx.mean() - 2, np.log(2 * lx.std())]):
    r = optimize.minimize(nll, start, method="L-BFGS-B", options={"ftol": 1e-15, "gtol": 1e-10})
    if best is None or r.fun < best.fun: best = r
print(json.dumps({"mu": float(best.x[0]), "sigma": float(np.exp(best.x[1])), "ll": float(-best.fun)}))`;
}

describe('alternative MLEs', () => {
  it('exponential: λ = 1/mean(x − xmin), within 3 standard errors of the truth', () => {
    const x = exponential(stream('exp-mle'), 3000, 2, 1);
    const fit = fitExponential(x, 1);
    const mean = x.reduce((a, b) => a + b - 1, 0) / x.length;
    expect(fit.parameters.lambda).toBeCloseTo(1 / mean, 12);
    // SE of the rate MLE is λ/√n = 0.0365.
    expect(Math.abs(fit.parameters.lambda - 2)).toBeLessThan(3 * (2 / Math.sqrt(3000)));
  });

  it('lognormal: an interior maximum of an independently computed likelihood', () => {
    const xmin = 1.5;
    const x = lognormal(stream('ln-mle'), 6000, 0, 1).filter((v) => v >= xmin);
    const fit = fitLognormal(x, xmin);
    const { mu, sigma } = fit.parameters;
    const ll = truncatedLognormalLogLikelihood(x, xmin, mu, sigma);
    expect(Math.abs(ll - fit.logLikelihood)).toBeLessThan(1e-7 * Math.abs(ll));
    for (const [dm, ds] of [[0.01, 0], [-0.01, 0], [0, 0.01], [0, -0.01]]) {
      expect(truncatedLognormalLogLikelihood(x, xmin, mu + dm, sigma + ds)).toBeLessThan(ll);
    }
    // Truncation leaves about 2000 points; the MLE of (μ, σ) then has SE ≈ 0.1 on μ and 0.05 on σ.
    expect(Math.abs(mu)).toBeLessThan(0.4);
    expect(Math.abs(sigma - 1)).toBeLessThan(0.2);
  });

  it('lognormal: matches scipy L-BFGS-B', () => {
    const xmin = 2;
    const x = lognormal(stream('ln-scipy'), 4000, 0.2, 0.8).filter((v) => v >= xmin);
    const fit = fitLognormal(x, xmin);
    type Reference = { mu: number; sigma: number; ll: number };
    for (const { result: reference } of oracle<Reference>('lognormal-mle', scipyLognormalScript(x, xmin), pythonWithScipy)) {
      // Both maximise the same smooth likelihood: values agree to 1e-8 relative, parameters to 1e-4.
      expect(Math.abs(fit.logLikelihood - reference.ll)).toBeLessThan(1e-8 * Math.abs(reference.ll));
      expect(fit.parameters.mu).toBeCloseTo(reference.mu, 4);
      expect(fit.parameters.sigma).toBeCloseTo(reference.sigma, 4);
    }
  });

  it('stretched exponential: recovers β and Λ, and Λ is the profile MLE', () => {
    const x = stretchedExponential(stream('se-mle'), 4000, 0.5, 0.6, 1);
    const fit = fitStretchedExponential(x, 1);
    const { beta, Lambda } = fit.parameters;
    // SE of β̂ at n = 4000 is about 0.01; of Λ̂ about 0.01.
    expect(Math.abs(beta - 0.6)).toBeLessThan(0.05);
    expect(Math.abs(Lambda - 0.5)).toBeLessThan(0.06);
    const sum = x.reduce((a, v) => a + v ** beta - 1, 0);
    expect(Lambda).toBeCloseTo(x.length / sum, 10);
  });

  it('truncated power law: recovers (α, Λ) and never does worse than the power law', () => {
    const x = truncatedPowerLaw(stream('tpl-mle'), 5000, 1.8, 0.05, 1);
    const pl = fitPowerLaw(x, { xmin: 1 });
    const fit = fitTruncatedPowerLaw(x, 1, pl.alpha);
    // With 5000 points the SEs are about 0.03 on α and 0.005 on Λ.
    expect(Math.abs(fit.parameters.alpha - 1.8)).toBeLessThan(0.12);
    expect(Math.abs(fit.parameters.Lambda - 0.05)).toBeLessThan(0.02);
    const plOnly = fitTruncatedPowerLaw(pareto(stream('tpl-pl'), 3000, 2.5), 1, 2.5);
    expect(plOnly.parameters.Lambda).toBeLessThan(1e-3);
  });

  it('rejects invalid tails', () => {
    expect(() => fitExponential(Float64Array.from([1, 2]), 1.5)).toThrow(ParameterError);
    expect(() => fitExponential(Float64Array.from([2]), 1)).toThrow(ParameterError);
    // Every value at xmin has no stretched-exponential MLE (Λ = n/0), not a NaN fit.
    expect(() => fitStretchedExponential(Float64Array.from([1, 1, 1]), 1)).toThrow(/all values equal xmin/);
    // The power law's α must be a density's (α > 1), or every log-likelihood is NaN.
    const tail = Float64Array.from([1, 2, 3]);
    for (const alpha of [1, 0.5, NaN, Infinity, '2' as never]) {
      expect(() => fitTruncatedPowerLaw(tail, 1, alpha)).toThrow(/invalid alphaPowerLaw/);
      expect(() => powerLawTail(tail, 1, alpha)).toThrow(/invalid alpha/);
    }
  });
});

/**
 * The truncated power law's and the truncated lognormal's MLEs, written independently: SciPy's Nelder–Mead on the
 * log-likelihoods in x (mpmath's incomplete gamma and erfc), then Newton on their gradients at 40 digits.
 */
function mpmathTailScript(x: Float64Array, xmin: number): string {
  return `import json
import mpmath as mp
from scipy import optimize
x = ${JSON.stringify(Array.from(x))}; xmin = ${xmin}
mp.mp.dps = 40
X = [mp.mpf(v) for v in x]; n = len(X); xm = mp.mpf(xmin)
L = mp.fsum(mp.log(v) for v in X); S = mp.fsum(X); L2 = mp.fsum(mp.log(v)**2 for v in X)
def tpl(a, lam):
    return -(n*(1-a)*mp.log(lam) - n*mp.log(mp.gammainc(1-a, lam*xm)) - a*L - lam*S)
def ln(mu, s):
    return n*mp.log(s) + (L2 - 2*mu*L + n*mu*mu)/(2*s*s) + n*mp.log(mp.erfc((mp.log(xm)-mu)/(s*mp.sqrt(2)))/2)
def solve(f, start, scale):
    r = optimize.minimize(lambda p: float(f(p[0], scale*mp.e**p[1])), start, method='Nelder-Mead',
                          options={'xatol': 1e-10, 'fatol': 1e-13, 'maxiter': 20000, 'maxfev': 40000})
    p = [mp.mpf(r.x[0]), scale*mp.e**mp.mpf(r.x[1])]
    grad = lambda a, b: [mp.diff(lambda t: f(t, b), a), mp.diff(lambda t: f(a, t), b)]
    return mp.findroot(grad, p, tol=mp.mpf(10)**-30)
a, lam = solve(tpl, [1.5, 0.0], n/S)
mu, s = solve(ln, [float(L/n), 0.0], mp.sqrt(L2/n - (L/n)**2))
print(json.dumps({"tpl": {"alpha": float(a), "Lambda": float(lam)}, "lognormal": {"mu": float(mu), "sigma": float(s)}}))`;
}

describe('alternative MLEs: units and precision', () => {
  // A Gaussian layer's ESD in the units `vsdl esd` writes (X = WᵀW/N): its tail sits at the MP edge, λ ≈ 2, where
  // both fits once stalled (Nelder–Mead's stopping rule was relative to the objective, whose size followed the units).
  const { W } = generate({ ensemble: 'gaussian', n: 400, m: 200, seed: 1 });
  const ev = esd(W, '1/N');
  const tailOf = (x: Float64Array) => {
    const pl = fitPowerLaw(x);
    return { pl, tail: x.filter((v) => v >= pl.xmin) };
  };
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

  it('truncated power law and lognormal: a change of units scales Λ and shifts μ, and nothing else', () => {
    const fits = [1 / 400, 1, 400].map((scale) => {
      const x = ev.map((v) => v * scale);
      const { pl, tail } = tailOf(x);
      const tpl = fitTruncatedPowerLaw(tail, pl.xmin, pl.alpha).parameters;
      const ln = compareDistributions(x, pl).lognormal.parameters;
      return { scale, alpha: tpl.alpha, Lambda: tpl.Lambda * scale, mu: ln.mu - Math.log(scale), sigma: ln.sigma };
    });
    for (const f of fits.slice(1)) {
      expect(rel(f.alpha, fits[0].alpha), `α at ×${f.scale}`).toBeLessThan(1e-10);
      expect(rel(f.Lambda, fits[0].Lambda), `Λ at ×${f.scale}`).toBeLessThan(1e-10);
      expect(Math.abs(f.mu - fits[0].mu), `μ at ×${f.scale}`).toBeLessThan(1e-10);
      expect(rel(f.sigma, fits[0].sigma), `σ at ×${f.scale}`).toBeLessThan(1e-10);
    }
    expect(fits[0].Lambda).toBeGreaterThan(0);
  });

  it('truncated power law and lognormal: the maximum likelihood to 1e-9 of an independent 40-digit solution', () => {
    const edge = tailOf(ev);
    const sample = truncatedPowerLaw(stream('tpl-mpmath'), 400, 1.8, 0.05, 1);
    const cases = [
      ['gaussian-edge', edge.tail, edge.pl.xmin, edge.pl.alpha],
      ['tpl-sample', sample, 1, fitPowerLaw(sample, { xmin: 1 }).alpha],
    ] as const;
    type Reference = { tpl: { alpha: number; Lambda: number }; lognormal: { mu: number; sigma: number } };
    for (const [name, tail, xmin, alphaPl] of cases) {
      const tpl = fitTruncatedPowerLaw(tail, xmin, alphaPl).parameters;
      const ln = fitLognormal(tail, xmin).parameters;
      for (const { source, result: ref } of oracle<Reference>(`tail-mle-mpmath-${name}`, mpmathTailScript(tail, xmin), findPython('numpy, scipy, mpmath'))) {
        const at = `${name} (${source})`;
        expect(rel(tpl.alpha, ref.tpl.alpha), `α, ${at}`).toBeLessThan(1e-9);
        expect(rel(tpl.Lambda, ref.tpl.Lambda), `Λ, ${at}`).toBeLessThan(1e-9);
        expect(rel(ln.mu, ref.lognormal.mu), `μ, ${at}`).toBeLessThan(1e-9);
        expect(rel(ln.sigma, ref.lognormal.sigma), `σ, ${at}`).toBeLessThan(1e-9);
      }
    }
  });
});

describe('likelihood-ratio tests', () => {
  it('likelihoodRatio follows the powerlaw package formulas', () => {
    const a = Float64Array.from([0, 1, 2, 3]);
    const b = Float64Array.from([0.5, 0.5, 0.5, 0.5]);
    const r = likelihoodRatio(a, b, false);
    // d = [−0.5, 0.5, 1.5, 2.5]: R = 4, var = 1.25, normalized R = 4/√5, p = erfc(4/√10)
    expect(r.R).toBe(4);
    expect(r.normalizedR).toBeCloseTo(4 / Math.sqrt(5), 14);
    expect(r.p).toBeCloseTo(0.07363827012030266, 13);
    expect(likelihoodRatio(a, b, true).p).toBeCloseTo(0.004677734981047266, 13); // P(χ²₁ > 8)
  });

  // Each sample has 3000 points from one law; R/√(n var) grows like √n, so the right sign is many SDs out.
  it('favours the power law on Pareto data', () => {
    const x = pareto(stream('llr-pl'), 3000, 2.5);
    const c = compareDistributions(x, fitPowerLaw(x, { xmin: 1 }));
    expect(c.exponential.R).toBeGreaterThan(0);
    expect(c.exponential.p).toBeLessThan(0.01);
    // The lognormal (σ → ∞) and the stretched exponential (β → 0) reach the power law in a limit, so on power-law
    // data neither can be significantly better: Vuong's statistic is then O(1), |z| < 3 fails 0.3 % of seeds.
    expect(Math.abs(c.lognormal.normalizedR)).toBeLessThan(3);
    expect(Math.abs(c.stretched_exponential.normalizedR)).toBeLessThan(3);
    expect(c.truncated_power_law.R).toBeLessThanOrEqual(0);
    expect(c.truncated_power_law.p).toBeGreaterThan(0.05);
  });

  it('favours each alternative on data drawn from it', () => {
    const cases = [
      ['exponential', exponential(stream('llr-exp'), 3000, 1, 1)],
      ['lognormal', lognormal(stream('llr-ln'), 20000, 0, 0.7).filter((v) => v >= 1)],
      ['stretched_exponential', stretchedExponential(stream('llr-se'), 3000, 1, 0.5, 1)],
      ['truncated_power_law', truncatedPowerLaw(stream('llr-tpl'), 3000, 1.5, 0.02, 1)],
    ] as const;
    for (const [name, x] of cases) {
      const c = compareDistributions(x, fitPowerLaw(x, { xmin: 1 }));
      expect(c[name].R, name).toBeLessThan(0);
      expect(c[name].p, name).toBeLessThan(0.01);
    }
  });

  it('rejects a fit of other eigenvalues', () => {
    const x = pareto(stream('llr-bad'), 200, 2.5);
    const fit = fitPowerLaw(x);
    expect(() => compareDistributions(x.subarray(0, 100), fit)).toThrow(ParameterError);
  });
});
