import { describe, expect, it } from 'vitest';
import { randomOrthonormalRows } from '../../../src/core/ensembles/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { inverseParticipationRatio, matrix, solveLinear, symmetricEigenvalues, symmetricEigenvector } from '../../../src/core/linalg/index.js';
import { createStream, fillNormal } from '../../../src/core/random/index.js';
import { pythonWithNumpy, runPython } from '../../helpers/python.js';

/** A = Q diag(λ) Qᵀ with Q's rows random orthonormal vectors: eigenvector k is row k of Q. */
function knownSpectrum(lambdas: number[], seed: number) {
  const n = lambdas.length;
  const q = randomOrthonormalRows(createStream(seed), n, n);
  const a = matrix(n, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += q.data[k * n + i] * lambdas[k] * q.data[k * n + j];
      a.data[i * n + j] = s;
    }
  }
  return { a, q };
}

describe('symmetricEigenvector', () => {
  it('recovers known eigenvectors to rounding, including close and negative eigenvalues', () => {
    const lambdas = Array.from({ length: 60 }, (_, k) => Math.sin(k) * 3 + (k === 7 ? 1e-6 : 0));
    lambdas[8] = lambdas[7] + 1e-6; // a close pair: separated by 1e−6 of ‖A‖
    const { a, q } = knownSpectrum(lambdas, 4);
    const computed = symmetricEigenvalues(a);
    for (const k of [0, 7, 8, 30, 59]) {
      const lambda = computed.reduce((best, v) => (Math.abs(v - lambdas[k]) < Math.abs(best - lambdas[k]) ? v : best));
      const v = symmetricEigenvector(a, lambda);
      let dot = 0;
      for (let i = 0; i < 60; i++) dot += v[i] * q.data[k * 60 + i];
      // |⟨v, q_k⟩| = 1 − O((ε‖A‖/gap)²): for the 1e−6 pair the angle is ~1e−10.
      expect(1 - Math.abs(dot)).toBeLessThan(1e-12);
    }
  });

  it('matches numpy.linalg.eigh on a GOE matrix', { skip: !pythonWithNumpy }, () => {
    const n = 80;
    const a = matrix(n, n);
    fillNormal(createStream(11), a.data);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a.data[i * n + j] = a.data[j * n + i];
    const lambda = symmetricEigenvalues(a);
    const v = symmetricEigenvector(a, lambda[n - 1]);
    const out = runPython(`
import numpy as np, json
a = np.array(json.loads('${JSON.stringify(Array.from(a.data))}')).reshape(${n}, ${n})
w, u = np.linalg.eigh(a)
x = u[:, -1]
x = x if x[np.argmax(abs(x))] > 0 else -x
print(json.dumps(list(x)))`);
    const ref = JSON.parse(out) as number[];
    for (let i = 0; i < n; i++) expect(Math.abs(v[i] - ref[i])).toBeLessThan(1e-12);
  });

  it('refuses non-square input and a value that is not an eigenvalue', () => {
    expect(() => symmetricEigenvector(matrix(2, 3), 1)).toThrow(ParameterError);
    const { a } = knownSpectrum([1, 2, 3], 1);
    expect(() => symmetricEigenvector(a, 2.5)).toThrow(/did not converge/);
  });
});

describe('symmetricEigenvector: scale, the zero matrix and symmetry', () => {
  /** s·[[2,1,0],[1,2,1],[0,1,2]]: top eigenvalue s(2 + √2), eigenvector (1/2, 1/√2, 1/2). */
  const tridiagonal = (s: number) => ({ rows: 3, cols: 3, data: Float64Array.from([2, 1, 0, 1, 2, 1, 0, 1, 2], (v) => v * s) });
  const exact = [0.5, Math.SQRT1_2, 0.5];

  it.each([1, 1e-300, 1e-200, 1e-170, 1e-150, 1e150, 1e200, 1e300, 4e307])('returns the exact unit eigenvector at scale %s', (s) => {
    const v = symmetricEigenvector(tridiagonal(s), (2 + Math.SQRT2) * s);
    for (let i = 0; i < 3; i++) expect(Math.abs(v[i] - exact[i])).toBeLessThan(1e-15);
  });

  it('works on subnormal matrices whose eigenvalues are exact', () => {
    const t = 2 ** -1070; // 16 × the smallest subnormal: [[2,1],[1,2]]·t has eigenvalues t and 3t exactly
    const v = symmetricEigenvector({ rows: 2, cols: 2, data: Float64Array.from([2 * t, t, t, 2 * t]) }, 3 * t);
    expect(Math.abs(v[0] - Math.SQRT1_2)).toBeLessThan(1e-15);
    expect(Math.abs(v[1] - Math.SQRT1_2)).toBeLessThan(1e-15);
  });

  it('gives the same bits for A·2^k as for A (the scaling is exact)', () => {
    const { a } = knownSpectrum([1, -2, 3, 0.5, 7], 9);
    const lambda = symmetricEigenvalues(a)[4];
    const base = symmetricEigenvector(a, lambda);
    for (const k of [-900, -300, 300, 900]) {
      const f = 2 ** k;
      expect(symmetricEigenvector({ rows: 5, cols: 5, data: a.data.map((x) => x * f) }, lambda * f)).toEqual(base);
    }
  });

  it('returns e₁ for the zero matrix and λ = 0, and refuses any other λ', () => {
    expect(Array.from(symmetricEigenvector(matrix(3, 3), 0))).toEqual([1, 0, 0]);
    expect(() => symmetricEigenvector(matrix(3, 3), 1)).toThrow(ParameterError);
    expect(() => symmetricEigenvector(matrix(3, 3), 1)).toThrow(/invalid lambda: 1/);
    // |λ| beyond n·max|A_ij| cannot be an eigenvalue of any matrix with these entries.
    expect(() => symmetricEigenvector(tridiagonal(1), 7)).toThrow(ParameterError);
  });

  it('refuses a non-symmetric matrix, as symmetricEigenvalues does', () => {
    const a = { rows: 2, cols: 2, data: Float64Array.from([1, 2, 0, 1]) };
    expect(() => symmetricEigenvalues(a)).toThrow(/invalid A\[0\]\[1\]/);
    expect(() => symmetricEigenvector(a, 1)).toThrow(ParameterError);
    expect(() => symmetricEigenvector(a, 1)).toThrow(/invalid A\[0\]\[1\]: 2.*symmetric/);
  });
});

describe('inverseParticipationRatio and solveLinear', () => {
  it('is scale-invariant to the last bit, from subnormal to near-overflow vectors', () => {
    expect(inverseParticipationRatio([1e100, 1e100])).toBe(0.5);
    expect(inverseParticipationRatio([1e-200, 1e-200])).toBe(0.5);
    expect(inverseParticipationRatio([5e-324, 0, 0])).toBe(1);
    expect(inverseParticipationRatio([2 ** 1023, -(2 ** 1023), 2 ** 1023, 2 ** 1023])).toBe(0.25);
    const g = fillNormal(createStream(5), new Float64Array(100));
    const base = inverseParticipationRatio(g);
    for (const k of [-1000, -500, 500, 900]) expect(inverseParticipationRatio(g.map((x) => x * 2 ** k))).toBe(base);
  });


  it('is 1 on one site, 1/n when flat, ≈ 3/(n + 2) for a Gaussian direction', () => {
    expect(inverseParticipationRatio([0, 0, -2, 0])).toBe(1);
    expect(inverseParticipationRatio([1, 1, 1, 1])).toBe(0.25);
    const n = 20000;
    const g = fillNormal(createStream(2), new Float64Array(n));
    // E Σg⁴/(Σg²)² = 3/(n + 2); its relative SD is √(8/(3n)) ≈ 1.2% at n = 2·10⁴ (delta method): allow 10%.
    expect(Math.abs(inverseParticipationRatio(g) * (n + 2) / 3 - 1)).toBeLessThan(0.1);
    expect(() => inverseParticipationRatio([0, 0])).toThrow(ParameterError);
  });

  it('solves A·x = b to rounding and refuses singular A', () => {
    const n = 50;
    const a = matrix(n, n);
    fillNormal(createStream(3), a.data);
    const x = fillNormal(createStream(4), new Float64Array(n));
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b[i] += a.data[i * n + j] * x[j];
    const solved = solveLinear(a, b);
    for (let i = 0; i < n; i++) expect(Math.abs(solved[i] - x[i])).toBeLessThan(1e-10);
    expect(() => solveLinear(matrix(2, 2, Float64Array.of(1, 2, 2, 4)), [1, 1])).toThrow(ParameterError);
    expect(() => solveLinear(a, [1])).toThrow(ParameterError);
  });
});
