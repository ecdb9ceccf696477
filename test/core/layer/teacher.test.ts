import { describe, expect, it } from 'vitest';
import { checkTeacher, drawTeacher } from '../../../src/core/layer/index.js';
import { generate } from '../../../src/core/ensembles/index.js';
import { teacherSeed } from '../../../src/core/layer/teacher.js';

describe('drawTeacher', () => {
  it('takes the rows of a K ≤ N layer from the columns of the ensemble draw and normalises them to |T_k|² = N', () => {
    const spec = checkTeacher({ ensemble: 'spiked', spikes: [4] });
    const t = drawTeacher(spec, 12, 30, 'spherical', 5, 0);
    expect(t.transposed).toBe(true);
    const W = generate({ ensemble: 'spiked', spikes: [4], spikeModel: 'covariance', n: 30, m: 12, sigma: 1, seed: teacherSeed(5, 0) }).W;
    for (let k = 0; k < 12; k++) {
      let norm = 0;
      for (let i = 0; i < 30; i++) norm += t.rows[k * 30 + i]! ** 2;
      expect(norm).toBeCloseTo(30, 10);
      // Row k is column k of W divided by its norm/√N.
      for (let i = 0; i < 30; i++) expect(t.rows[k * 30 + i]! * t.scales[k]!).toBeCloseTo(W.data[i * 12 + k]!, 12);
    }
  });

  it('uses W itself for K > N, and sgn(T) for Ising students', () => {
    const t = drawTeacher(checkTeacher({ ensemble: 'gaussian' }), 30, 12, 'ising', 5, 1);
    expect(t.transposed).toBe(false);
    expect(t.truth.N).toBe(30);
    expect(t.truth.M).toBe(12);
    expect(t.rows.every((x) => x === 1 || x === -1)).toBe(true);
  });

  it('depends on the seed and the sample only', () => {
    const spec = checkTeacher({ ensemble: 'pareto', mu: 1.5 });
    const a = drawTeacher(spec, 10, 20, 'spherical', 'x', 2);
    expect(drawTeacher(spec, 10, 20, 'spherical', 'x', 2).rows).toEqual(a.rows);
    expect(drawTeacher(spec, 10, 20, 'spherical', 'x', 3).rows).not.toEqual(a.rows);
  });
});
