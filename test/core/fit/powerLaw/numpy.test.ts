import { describe, expect, it } from 'vitest';
import { generate } from '../../../../src/core/ensembles/index.js';
import { fitPowerLaw } from '../../../../src/core/fit/index.js';
import { esd } from '../../../../src/core/linalg/index.js';
import { oracle } from '../../../helpers/oracle.js';
import { pythonWithNumpy } from '../../../helpers/python.js';

/**
 * An independent implementation of WeightWatcher's WWFit (docs/theory.md, "Power-law fit") in NumPy, written from the definition and
 * vectorised over j: it shares no code or algorithm with the fast scan (no pruning, no compensated sums).
 */
const WWFIT_NUMPY = `
import json, sys
import numpy as np
x = np.sort(np.asarray(json.load(sys.stdin), dtype=np.float64))
x = x[x > 1e-5]
N = len(x)
best = (np.inf, None, None)
logs = np.log(x)
for i in range(N - 1):
    n = N - i
    a = 1 + n / np.sum(logs[i:] - logs[i])
    if a <= 1:
        D = 1.0
    else:
        j = np.arange(n)
        D = np.max(np.abs(1 - (x[i:] / x[i]) ** (1 - a) - j / n))
    if D < best[0]:
        best = (D, a, x[i])
print(json.dumps({"D": best[0], "alpha": best[1], "xmin": best[2]}))
`;

function numpyScript(values: Float64Array): string {
  return WWFIT_NUMPY.replace('json.load(sys.stdin)', `json.loads('${JSON.stringify(Array.from(values))}')`);
}

/** Spectra rounded to 12 digits: the frozen oracle then survives last-bit changes of the eigenvalue kernels. */
const rounded = (x: Float64Array): Float64Array => x.map((v) => Number(v.toPrecision(12)));

describe('fitPowerLaw against an independent NumPy WWFit', () => {
  const cases: [string, string, () => Float64Array][] = [
    ['the deterministic Pareto sample of docs/theory.md', 'wwfit-quantile-sample', () => {
      const n = 1000;
      return Float64Array.from({ length: n }, (_, k) => (1 - (k + 0.5) / n) ** (-1 / 1.5));
    }],
    ['the ESD of a Pareto μ = 1.5 matrix (a heavy-tailed, real-style spectrum)', 'wwfit-pareto-esd', () =>
      rounded(esd(generate({ ensemble: 'pareto', mu: 1.5, n: 800, m: 400, seed: 11 }).W, 'none'))],
    ['the ESD of a Student-t μ = 3 matrix (bulk plus a decaying tail)', 'wwfit-student-t-esd', () =>
      rounded(esd(generate({ ensemble: 'student-t', mu: 3, n: 600, m: 300, seed: 12 }).W, 'none'))],
    ['the ESD of a spiked Gaussian matrix (a bulk with fingers)', 'wwfit-spiked-esd', () =>
      rounded(esd(generate({ ensemble: 'spiked', spikes: [5, 12, 30], n: 600, m: 300, seed: 13 }).W, 'none'))],
  ];

  it.each(cases)('%s: same xmin, α and D to 1e-9', (_label, name, make) => {
    const values = make();
    const ours = fitPowerLaw(values);
    for (const { result: ref } of oracle<{ D: number; alpha: number; xmin: number }>(name, numpyScript(values), pythonWithNumpy)) {
      expect(ours.xmin).toBe(ref.xmin);
      expect(Math.abs(ours.alpha - ref.alpha)).toBeLessThan(1e-9 * ref.alpha);
      expect(Math.abs(ours.D - ref.D)).toBeLessThan(1e-9);
    }
  });
});
