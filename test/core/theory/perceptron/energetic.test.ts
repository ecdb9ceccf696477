import { describe, expect, it } from 'vitest';
import { energeticTerms, temperature, type Overlaps } from '../../../../src/core/theory/perceptron/energetic.js';
import { oracle } from '../../../helpers/oracle.js';
import { pythonWithScipy } from '../../../helpers/python.js';

const overlaps = (q: number, R: number): Overlaps => ({
  q,
  oneMinusQ: 1 - q,
  rho: R / Math.sqrt(q),
  oneMinusRho2: 1 - (R * R) / q,
});

const cases: [number, number, number, number][] = [
  // q, R, τ, p
  [0.5, 0.6, 0.5, 0],
  [0.8, 0.7, 1.5, 0.1],
  [0.6, 0.6, 0, 0],
  [0.95, 0.9, 0.2, 0.05],
];

describe('energetic term G_E and its derivatives', () => {
  it('∂G_E/∂q and ∂G_E/∂R from integration by parts match finite differences of G_E', () => {
    const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    for (const [q, R, tau, p] of cases) {
      const temp = temperature(tau);
      const at = energeticTerms(overlaps(q, R), temp, p);
      const h = 1e-5;
      const dq = (energeticTerms(overlaps(q + h, R), temp, p).GE - energeticTerms(overlaps(q - h, R), temp, p).GE) / (2 * h);
      const dR = (energeticTerms(overlaps(q, R + h), temp, p).GE - energeticTerms(overlaps(q, R - h), temp, p).GE) / (2 * h);
      expect(Math.abs(-at.Sq / (1 - q) - 2 * dq)).toBeLessThan(1e-7 * (1 + Math.abs(dq)));
      expect(Math.abs((1 - 2 * p) * SQRT_2_OVER_PI * at.K / Math.sqrt(1 - q) - dR)).toBeLessThan(1e-7 * (1 + Math.abs(dR)));
    }
  });

  it('the training error is −∂G_E/∂β', () => {
    for (const [q, R, tau, p] of cases) {
      if (tau === 0) continue;
      const beta = 1 / tau;
      const h = 1e-5;
      const ge = (b: number): number => energeticTerms(overlaps(q, R), temperature(1 / b), p).GE;
      const dBeta = (ge(beta + h) - ge(beta - h)) / (2 * h);
      expect(Math.abs(energeticTerms(overlaps(q, R), temperature(tau), p).epsT + dBeta)).toBeLessThan(1e-8);
    }
  });

  it('keeps its precision as q → 1 on the Nishimori line (q = R, τ = 0): Sq/(1 − q) = √(2/π)·K/√(1 − q)', () => {
    // At q = R the two conjugates coincide (q̂ = R̂), an identity the two integrals only satisfy if both are right.
    for (const gap of [1e-2, 1e-5, 1e-8]) {
      const q = 1 - gap;
      const terms = energeticTerms({ q, oneMinusQ: gap, rho: Math.sqrt(q), oneMinusRho2: gap }, temperature(0), 0);
      const qHat = terms.Sq / gap;
      const RHat = (Math.sqrt(2 / Math.PI) * terms.K) / Math.sqrt(gap);
      expect(Math.abs(qHat / RHat - 1)).toBeLessThan(1e-9);
    }
  });

  it('G_E and ε_t agree with scipy quadrature of the defining integrals', () => {
    const script = `
import json, numpy as np
from scipy import integrate, special
def H(x): return 0.5*special.erfc(x/np.sqrt(2))
out=[]
for q,R,tau,p in ${JSON.stringify(cases)}:
    a=-R/np.sqrt(q-R*R); b=-np.sqrt(q/(1-q))
    W=lambda t:(1-p)*H(a*t)+p*H(-a*t)
    D=lambda t:np.exp(-t*t/2)/np.sqrt(2*np.pi)
    if tau==0:
        l=lambda t: special.log_ndtr(-b*t)
        e=lambda t: 0.0
    else:
        beta=1/tau
        l=lambda t: np.log(np.exp(-beta)+(1-np.exp(-beta))*H(b*t))
        e=lambda t: np.exp(-beta)*H(-b*t)/(np.exp(-beta)+(1-np.exp(-beta))*H(b*t))
    pts=[-1,-0.1,0,0.1,1]
    GE=2*integrate.quad(lambda t:D(t)*W(t)*l(t),-12,12,points=pts,epsabs=1e-14,epsrel=1e-13,limit=400)[0]
    ET=2*integrate.quad(lambda t:D(t)*W(t)*e(t),-12,12,points=pts,epsabs=1e-14,epsrel=1e-13,limit=400)[0]
    out.append([GE,ET])
print(json.dumps(out))`;
    for (const { result: ref } of oracle<[number, number][]>('energetic-quadrature', script, pythonWithScipy)) {
      cases.forEach(([q, R, tau, p], i) => {
        const terms = energeticTerms(overlaps(q, R), temperature(tau), p);
        expect(Math.abs(terms.GE - ref[i][0])).toBeLessThan(1e-10);
        expect(Math.abs(terms.epsT - ref[i][1])).toBeLessThan(1e-10);
      });
    }
  });
});
