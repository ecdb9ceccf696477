import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { laguerreEigenvalues, laguerreHistogram } from '../../../src/core/linalg/index.js';
import { createStream } from '../../../src/core/random/index.js';
import { mpCdf, mpEdges } from '../../../src/core/theory/index.js';

describe('laguerreHistogram', () => {
  it('counts exactly the eigenvalues of the same draw that laguerreEigenvalues returns', () => {
    const opts = { n: 3000, m: 1500, beta: 1 as const, sigma: 1.3 };
    const values = laguerreEigenvalues(createStream(5, 'h'), opts);
    const edges = Array.from({ length: 41 }, (_, j) => -0.01 + (j * 5.1) / 40 + 1e-7 * Math.PI);
    const h = laguerreHistogram(createStream(5, 'h'), { ...opts, edges });
    const expected = new Float64Array(40);
    let below = 0;
    let above = 0;
    for (const v of values) {
      if (v < edges[0]) below++;
      else if (v >= edges[40]) above++;
      else expected[edges.filter((x) => x <= v).length - 1]++;
    }
    expect(Array.from(h.counts)).toEqual(Array.from(expected));
    expect([h.below, h.above]).toEqual([below, above]);
  });

  it('gives the Marchenko–Pastur ESD of a 2·10⁵ × 10⁵ Wishart draw', () => {
    const [n, m] = [200_000, 100_000];
    const { lambdaMinus, lambdaPlus } = mpEdges(2);
    const edges = Array.from({ length: 201 }, (_, j) => lambdaMinus + ((lambdaPlus - lambdaMinus) * j) / 200);
    const h = laguerreHistogram(createStream(1, 'big'), { n, m, edges });
    // Wishart eigenvalue counts are rigid: their fluctuations are O(√log M) eigenvalues, and the finite-size bias
    // of the bulk CDF is O(1/M), so each bin fraction is within ~1e-4 of MP; allow 5e-4.
    for (let j = 0; j < 200; j++) {
      const theory = mpCdf(edges[j + 1], 2) - mpCdf(edges[j], 2);
      expect(Math.abs(h.counts[j] / m - theory)).toBeLessThan(5e-4);
    }
    // Outside the MP edges only O(M^(-2/3)) of the mass: a handful of eigenvalues at most.
    expect(h.below + h.above).toBeLessThan(20);
  });

  it('refuses edges that are too few, unsorted or not finite', () => {
    const s = createStream(1);
    expect(() => laguerreHistogram(s, { n: 10, m: 5, edges: [1] })).toThrow(ParameterError);
    expect(() => laguerreHistogram(s, { n: 10, m: 5, edges: [1, 1] })).toThrow(ParameterError);
    expect(() => laguerreHistogram(s, { n: 10, m: 5, edges: [0, Number.NaN] })).toThrow(ParameterError);
  });
});
