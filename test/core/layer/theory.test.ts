import { describe, expect, it } from 'vitest';
import {
  analyseLayer,
  bulkEdge,
  checkTeacher,
  drawTeacher,
  layerMatrix,
  predictSpectrum,
  psi,
  spikeOutlier,
  surrogateLayer,
  teacherModel,
} from '../../../src/core/layer/index.js';
import { createStream } from '../../../src/core/random/index.js';
import { bbpCovariance } from '../../../src/core/theory/index.js';

describe('generalised spiked model', () => {
  it('reduces to BBP when the bulk population is the identity (exact)', () => {
    for (const gamma of [0.25, 0.5, 1]) {
      const bulk = new Float64Array(50).fill(1);
      expect(bulkEdge(bulk, gamma)).toBeCloseTo((1 + Math.sqrt(gamma)) ** 2, 10);
      for (const ell of [1.2, 2, 5, 10]) {
        const ref = bbpCovariance(ell, 1 / gamma);
        const got = spikeOutlier(ell, bulk, gamma);
        if (ref.outlier === null) expect(got).toBeNull();
        else expect(got!).toBeCloseTo(ref.outlier, 10);
      }
    }
    expect(psi(3, new Float64Array([1]), 0.5)).toBeCloseTo(3 * (1 + 0.5 / 2), 14);
  });
});

describe('predicted spectrum of the learned layer', () => {
  const K = 100;
  const N = 200;

  it('keeps a Gaussian teacher exactly MP at every R: noise R²·1 + (1 − R²) has variance 1', () => {
    const spec = checkTeacher({ ensemble: 'gaussian' });
    const model = teacherModel(drawTeacher(spec, K, N, 'spherical', 1, 0), spec, 'spherical', 'unit');
    for (const R of [0, 0.3, 0.9, 1]) {
      const p = predictSpectrum(model, R);
      expect(p.bbp).toEqual([]);
      expect(p.lambda_plus!).toBeCloseTo((1 + Math.sqrt(0.5)) ** 2, 12);
    }
    // The surrogate at R = 0.9 is random-like (the TW test's false-positive rate is 1 %; fixed seed).
    const teacher = drawTeacher(spec, K, N, 'spherical', 1, 0);
    const J = surrogateLayer(teacher, 0.9, 'spherical', createStream(1, 'surrogate'));
    expect(analyseLayer(layerMatrix(J, K, N, null)).fit.phase).toBe('random-like');
  });

  it('maps a covariance spike to ℓ_eff − 1 = R²(c − 1) and detaches it exactly at threshold_R', () => {
    const spec = checkTeacher({ ensemble: 'spiked', spikes: [10] });
    const model = teacherModel(drawTeacher(spec, K, N, 'spherical', 1, 0), spec, 'spherical', 'unit');
    const at = (R: number) => predictSpectrum(model, R).bbp![0]!;
    const c = at(1).effective;
    // Row normalisation shrinks ℓ − 1 = 9 by O((ℓ − 1)/K): c − 1 is within 20 % of 9 at K = 100.
    expect(Math.abs(c - 1 - 9)).toBeLessThan(0.2 * 9);
    expect(at(0.6).effective - 1).toBeCloseTo(0.36 * (c - 1), 12);
    const r = at(0.5).threshold_R!;
    expect(at(r * (1 + 1e-6)).detached).toBe(true);
    expect(at(r * (1 - 1e-6)).detached).toBe(false);
    // Unnormalised BBP would put it at R² = √γ/(ℓ − 1): R = 0.280; the normalised teacher needs a little more.
    expect(r).toBeGreaterThan(0.28);
    expect(r).toBeLessThan(0.36);
  });

  // The surrogate J = R·T + √(1−R²)·ξ is the model itself: its top eigenvalue must sit at the predicted outlier.
  // 12 draws give the SE of the mean (≈ 0.06–0.12); on top, finite-size bias: at K = 100 the draws sit 2–3.5 %
  // below the N → ∞ location (measured for both spike models), so the tolerance is 3 SE + 5 % of the location.
  for (const [spike, model] of [[10, 'covariance'], [3, 'additive']] as const) {
    it(`reproduces the predicted ${model} outlier at R = 0.8 within its error`, () => {
      const spec = checkTeacher({ ensemble: 'spiked', spikes: [spike], spikeModel: model });
      const tops: number[] = [];
      let predicted = 0;
      for (let s = 0; s < 12; s++) {
        const teacher = drawTeacher(spec, K, N, 'spherical', 7, s);
        predicted = predictSpectrum(teacherModel(teacher, spec, 'spherical', 'unit'), 0.8).bbp![0]!.outlier!;
        const J = surrogateLayer(teacher, 0.8, 'spherical', createStream(7, 'surrogate', s));
        const ev = analyseLayer(layerMatrix(J, K, N, null)).eigenvalues;
        tops.push(ev[K - 1]!);
      }
      const mean = tops.reduce((a, b) => a + b, 0) / tops.length;
      const se = Math.sqrt(tops.reduce((a, b) => a + (b - mean) ** 2, 0) / (tops.length - 1) / tops.length);
      expect(Math.abs(mean - predicted)).toBeLessThan(3 * se + 0.05 * predicted);
    });
  }
});
