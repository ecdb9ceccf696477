import { describe, expect, it } from 'vitest';
import { weightSpectrum } from '../../../src/core/analyze/index.js';
import { toFloat64 } from '../../../src/io/index.js';
import { references } from '../../io/modelFixtures.js';

describe('weightSpectrum against numpy', () => {
  it("pools the squared singular values that numpy's SVD gives for WeightWatcher's slices W[:, :, i, j]", () => {
    // expected.npz holds np.linalg.svd of each PyTorch-layout weight (make.py, pooled_evals): an independent
    // algorithm (SVD of the slices, not eigenvalues of their Gram matrices), accurate to ~1e-15·λ_max.
    const { model, expected } = references();
    for (const name of ['conv1.weight', 'conv2.weight', 'fc1.weight', 'fc2.weight']) {
      const arr = model.get(name)!;
      const s = weightSpectrum({ name, shape: arr.shape, data: toFloat64(arr) }, 'oihw');
      const want = toFloat64(expected.get(`evals.${name}`)!);
      expect(s.eigenvalues.length).toBe(want.length);
      const top = want[want.length - 1];
      s.eigenvalues.forEach((v, k) => expect(Math.abs(v - want[k])).toBeLessThan(1e-12 * top));
    }
  });
});
