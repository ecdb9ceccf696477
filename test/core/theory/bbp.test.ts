import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { createStream, fillNormal } from '../../../src/core/random/index.js';
import { bbpAdditive, bbpCovariance } from '../../../src/core/theory/bbp.js';
import { topEigenpair } from './helpers/jacobi.js';
import { meanSe } from '../../../src/core/stats/index.js';

function unitVector(values: Float64Array): Float64Array {
  let norm = 0;
  for (const v of values) norm += v * v;
  return values.map((v) => v / Math.sqrt(norm));
}

describe('BBP predictions (closed forms)', () => {
  it('covariance spike: threshold, outlier, overlap and σ² scaling', () => {
    const below = bbpCovariance(1.5, 2);
    expect(below.threshold).toBeCloseTo(1 + Math.SQRT1_2, 14);
    expect(below).toMatchObject({ detached: false, outlier: null, overlap2: 0 });
    const above = bbpCovariance(4, 2, 1.5);
    expect(above.detached).toBe(true);
    expect(above.outlier).toBeCloseTo(2.25 * 4 * (1 + 0.5 / 3), 13);
    expect(above.overlap2).toBeCloseTo((1 - 0.5 / 9) / (1 + 0.5 / 3), 14);
    // At the threshold the outlier meets the bulk edge λ₊ = (1 + √γ)² and the overlap vanishes.
    const t = bbpCovariance(1 + Math.SQRT1_2 + 1e-12, 2);
    expect(t.outlier!).toBeCloseTo((1 + Math.SQRT1_2) ** 2, 9);
    expect(t.overlap2).toBeLessThan(1e-9);
  });

  it('additive spike: threshold Q^(−1/4), outlier (1/Q + θ²)(1 + 1/θ²), maps to ℓ = 1 + θ²', () => {
    expect(bbpAdditive(0.5, 4).threshold).toBeCloseTo(Math.SQRT1_2, 14);
    expect(bbpAdditive(0.5, 4).detached).toBe(false);
    const theta = 1.7;
    const q = 3;
    const add = bbpAdditive(theta, q);
    const cov = bbpCovariance(1 + theta * theta, q);
    expect(add.outlier!).toBeCloseTo((1 / q + theta * theta) * (1 + 1 / theta ** 2), 13);
    expect(add.outlier!).toBeCloseTo(cov.outlier!, 13);
    expect(add.overlap2).toBeCloseTo(cov.overlap2, 14);
    expect(add.overlapLeft2).toBeLessThan(add.overlap2);
  });

  it('rejects invalid parameters', () => {
    expect(() => bbpCovariance(-1, 2)).toThrow(ParameterError);
    // ℓ < 1 (a lowered variance) makes an outlier below the bulk for ℓ < 1 − √γ: refused, not "not detached".
    expect(() => bbpCovariance(0.1, 4)).toThrow(/≥ 1/);
    expect(() => bbpCovariance(0, 4)).toThrow(ParameterError);
    expect(bbpCovariance(1, 4)).toMatchObject({ detached: false, outlier: null, overlap2: 0 });
    expect(() => bbpCovariance(2, 0.9)).toThrow(ParameterError);
    expect(() => bbpAdditive(NaN, 2)).toThrow(ParameterError);
    expect(() => bbpAdditive(1, 2, -1)).toThrow(ParameterError);
  });
});

describe('BBP predictions against simulation (N = 800, M = 400, 8 draws each)', () => {
  const n = 800;
  const m = 400;
  const q = n / m;
  const draws = 8;

  it('covariance spike ℓ = 4: outlier and ⟨v̂, v⟩²', () => {
    const ell = 4;
    const stream = createStream('theory-bbp-covariance');
    const outliers: number[] = [];
    const overlaps: number[] = [];
    for (let d = 0; d < draws; d++) {
      const v = unitVector(fillNormal(stream, new Float64Array(m)));
      const w = fillNormal(stream, new Float64Array(n * m));
      // W = G Σ^(1/2), Σ^(1/2) = I + (√ℓ − 1) v vᵀ.
      for (let r = 0; r < n; r++) {
        let gv = 0;
        for (let c = 0; c < m; c++) gv += w[r * m + c] * v[c];
        for (let c = 0; c < m; c++) w[r * m + c] += (Math.sqrt(ell) - 1) * gv * v[c];
      }
      const top = topEigenpair(w, n, m, 120);
      let dot = 0;
      for (let c = 0; c < m; c++) dot += top.vector[c] * v[c];
      outliers.push(top.value);
      overlaps.push(dot * dot);
    }
    const predicted = bbpCovariance(ell, q);
    const o = meanSe(outliers);
    const ov = meanSe(overlaps);
    // Per-draw spreads are O(N^(−1/2)) (~0.1 for the outlier, ~0.02 for the overlap); the measured standard errors
    // of the 8-draw means are ~0.03 and ~0.007. Allow 4 SE plus a finite-size bias allowance of O(1/M).
    expect(Math.abs(o.mean - predicted.outlier!)).toBeLessThan(4 * o.se + 0.03);
    expect(Math.abs(ov.mean - predicted.overlap2)).toBeLessThan(4 * ov.se + 0.02);
  });

  it('additive spike θ = √3: outlier, ⟨v̂, v⟩² and ⟨û, u⟩²', () => {
    const theta = Math.sqrt(3);
    const stream = createStream('theory-bbp-additive');
    const outliers: number[] = [];
    const overlaps: number[] = [];
    const leftOverlaps: number[] = [];
    for (let d = 0; d < draws; d++) {
      const u = unitVector(fillNormal(stream, new Float64Array(n)));
      const v = unitVector(fillNormal(stream, new Float64Array(m)));
      const w = fillNormal(stream, new Float64Array(n * m));
      // W = G + √N θ u vᵀ (σ = 1).
      for (let r = 0; r < n; r++) for (let c = 0; c < m; c++) w[r * m + c] += Math.sqrt(n) * theta * u[r] * v[c];
      const top = topEigenpair(w, n, m, 120);
      let dot = 0;
      for (let c = 0; c < m; c++) dot += top.vector[c] * v[c];
      // Left singular vector û ∝ W v̂.
      const left = new Float64Array(n);
      for (let r = 0; r < n; r++) for (let c = 0; c < m; c++) left[r] += w[r * m + c] * top.vector[c];
      const uHat = unitVector(left);
      let dotLeft = 0;
      for (let r = 0; r < n; r++) dotLeft += uHat[r] * u[r];
      outliers.push(top.value);
      overlaps.push(dot * dot);
      leftOverlaps.push(dotLeft * dotLeft);
    }
    const predicted = bbpAdditive(theta, q);
    const o = meanSe(outliers);
    const ov = meanSe(overlaps);
    const ol = meanSe(leftOverlaps);
    // Same statistics and allowances as the covariance case.
    expect(Math.abs(o.mean - predicted.outlier!)).toBeLessThan(4 * o.se + 0.03);
    expect(Math.abs(ov.mean - predicted.overlap2)).toBeLessThan(4 * ov.se + 0.02);
    expect(Math.abs(ol.mean - predicted.overlapLeft2)).toBeLessThan(4 * ol.se + 0.02);
  });
});

describe('BBP limits for very strong spikes', () => {
  it('overlaps tend to 1 instead of ∞/∞, and an outlier beyond the doubles is refused', () => {
    // θ = 1e80, γ = ½: θ⁴ = 1e320 overflowed and both overlaps were NaN. mpmath (50 digits):
    // (θ⁴ − γ)/(θ²(θ² + γ)) = 1 − O(1e-160) = 1.0, (1 + θ²)(γ + θ²)/θ² = 1.0000000000000000005e160.
    const r = bbpAdditive(1e80, 2);
    expect(r.overlap2).toBe(1);
    expect(r.overlapLeft2).toBe(1);
    expect(Math.abs((r.outlier as number) / 1e160 - 1)).toBeLessThan(1e-15);
    const c = bbpCovariance(1e200, 2);
    expect(c.overlap2).toBe(1);
    expect(c.outlier).toBe(1e200 * (1 + 0.5 / (1e200 - 1)));
    // Outliers 1e320 and 2e308: not representable, refused with the input that made them so.
    expect(() => bbpAdditive(1e160, 2)).toThrow(ParameterError);
    expect(() => bbpCovariance(1e308, 2, 2)).toThrow(ParameterError);
    // Moderate θ: the rewritten forms agree with the originals to rounding.
    const m = bbpAdditive(1.7, 2);
    const t2 = 1.7 * 1.7;
    expect(m.overlap2).toBeCloseTo((t2 * t2 - 0.5) / (t2 * (t2 + 0.5)), 15);
    expect(m.overlapLeft2).toBeCloseTo((t2 * t2 - 0.5) / (t2 * (t2 + 1)), 15);
  });
});
