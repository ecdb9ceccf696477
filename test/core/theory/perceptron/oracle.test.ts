import { describe, expect, it } from 'vitest';
import { perceptronReplica } from '../../../../src/core/theory/perceptron/index.js';
import { oracle } from '../../../helpers/oracle.js';
import { pythonWithScipy } from '../../../helpers/python.js';

// Gibbs learning (τ = 0) in its textbook form (Engel & Van den Broeck 2001, ch. 2 and 7), which imposes q = R
// from the start and is solved here by scipy's quad and brentq: an independent route to the same numbers.
const script = `
import json, numpy as np
from scipy import integrate, optimize, special
D=lambda t: np.exp(-t*t/2)/np.sqrt(2*np.pi)
lnH=lambda x: special.log_ndtr(-x)
def quad(f): return integrate.quad(f,-12,12,points=[-1,0,1],epsabs=1e-13,epsrel=1e-12,limit=400)[0]
def drive(R): return quad(lambda t: D(t)*np.exp(-R*t*t/2)/special.ndtr(np.sqrt(R)*t))
def energetic(R):
    b=-np.sqrt(R/(1-R))
    return 2*quad(lambda t: D(t)*np.exp(lnH(b*t))*lnH(b*t))
out={'spherical':[], 'ising':[]}
for a in [0.5,1,3]:
    R=optimize.brentq(lambda R: R/np.sqrt(1-R)-a/np.pi*drive(R),1e-9,1-1e-12,xtol=1e-15,rtol=1e-14)
    out['spherical'].append([a,R,0.5*np.log(1-R)+R/2+a*energetic(R)])
for a in [0.5,1,1.2]:
    def gap(R):
        Rh=a/(np.pi*np.sqrt(1-R))*drive(R)
        return quad(lambda z: D(z)*np.tanh(np.sqrt(Rh)*z+Rh))-R
    R=optimize.brentq(gap,1e-6,0.85,xtol=1e-15,rtol=1e-14)  # the poor root; the unstable one lies above 0.95
    Rh=a/(np.pi*np.sqrt(1-R))*drive(R)
    lncosh=quad(lambda z: D(z)*np.logaddexp(np.sqrt(Rh)*z+Rh,-(np.sqrt(Rh)*z+Rh)))
    out['ising'].append([a,R,-Rh*(1+R)/2+lncosh+a*energetic(R)])
print(json.dumps(out))
`;

describe('Gibbs learning against an independent scipy solution', () => {
  it('R and the version-space entropy agree for spherical and Ising students', () => {
    for (const { result: ref } of oracle<Record<'spherical' | 'ising', [number, number, number][]>>('gibbs-learning', script, pythonWithScipy)) {
      for (const weights of ['spherical', 'ising'] as const) {
        for (const [alpha, R, s] of ref[weights]) {
          const state = perceptronReplica({ weights, alpha, tau: 0 });
          expect(Math.abs(state.R - R)).toBeLessThan(1e-9);
          expect(Math.abs(state.s - s)).toBeLessThan(1e-9);
        }
      }
    }
  });
});
