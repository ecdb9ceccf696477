import { describe, expect, it } from 'vitest';
import { perceptronPhaseLines, perceptronReplica } from '../../../../src/core/theory/perceptron/index.js';

describe('perceptronPhaseLines (Ising)', () => {
  it('Gibbs learning (τ = 0): α_c = 1.245 (Györgyi 1990), where the poor entropy vanishes', () => {
    const lines = perceptronPhaseLines({ tau: 0 });
    expect(Math.abs(lines.alpha_c! - 1.245)).toBeLessThan(1e-3);
    expect(lines.alpha_zero_entropy).toBeCloseTo(lines.alpha_c!, 8); // both free energies are 0 at τ = 0
    expect(lines.alpha_spinodal!).toBeGreaterThan(1.45);
    expect(lines.alpha_spinodal!).toBeLessThan(1.55);
  });

  it('α_c(τ = 0.5) ≈ 1.571, with equal free energies there and a switch of branch across it', () => {
    const lines = perceptronPhaseLines({ tau: 0.5 });
    expect(Math.abs(lines.alpha_c! - 1.571)).toBeLessThan(1e-3);
    expect(lines.alpha_zero_entropy).toBeNull(); // the poor entropy stays positive up to the spinodal
    const atC = perceptronReplica({ weights: 'ising', alpha: lines.alpha_c!, tau: 0.5, branch: 'poor' });
    expect(Math.abs(atC.f)).toBeLessThan(1e-8); // the teacher state has f = 0
    expect(perceptronReplica({ weights: 'ising', alpha: lines.alpha_c! * 0.999, tau: 0.5 }).branch).toBe('poor');
    expect(perceptronReplica({ weights: 'ising', alpha: lines.alpha_c! * 1.001, tau: 0.5 }).branch).toBe('perfect');
  });

  it('with noise the teacher state has f = αp and the free energies cross there', () => {
    const p = 0.1;
    const tau = 0.5;
    const lines = perceptronPhaseLines({ tau, noise: p });
    const poor = perceptronReplica({ weights: 'ising', alpha: lines.alpha_c!, tau, noise: p, branch: 'poor' });
    expect(Math.abs(poor.f - lines.alpha_c! * p)).toBeLessThan(1e-8);
    const zero = perceptronReplica({ weights: 'ising', alpha: lines.alpha_zero_entropy!, tau, noise: p, branch: 'poor' });
    expect(Math.abs(zero.s)).toBeLessThan(1e-8);
  });

  it('finds the zero-entropy load in the last interval before the spinodal (τ = 0.3, 0.32)', () => {
    // The poor entropy changes sign between these loads (each solved on its own, away from the scan of the
    // phase lines); the root lies closer to the spinodal than the scan's last regular step.
    for (const [tau, lo, hi] of [
      [0.3, 1.59, 1.595],
      [0.32, 1.62, 1.629],
    ]) {
      const s = (alpha: number) => perceptronReplica({ weights: 'ising', alpha, tau, branch: 'poor' }).s;
      expect(s(lo)).toBeGreaterThan(0);
      expect(s(hi)).toBeLessThan(0);
      const lines = perceptronPhaseLines({ tau });
      expect(lines.alpha_zero_entropy).not.toBeNull();
      expect(lines.alpha_zero_entropy!).toBeGreaterThan(lo);
      expect(lines.alpha_zero_entropy!).toBeLessThan(Math.min(hi, lines.alpha_spinodal!));
      expect(Math.abs(s(lines.alpha_zero_entropy!))).toBeLessThan(1e-8);
    }
  });

  it('the spinodal is a fold: the poor solution turns marginally stable as α → α_spinodal', () => {
    const { alpha_spinodal } = perceptronPhaseLines({ tau: 0.5 });
    const below = perceptronReplica({ weights: 'ising', alpha: alpha_spinodal! * (1 - 1e-4), tau: 0.5, branch: 'poor' });
    expect(below.branch).toBe('poor');
    expect(() => perceptronReplica({ weights: 'ising', alpha: alpha_spinodal! * (1 + 1e-4), tau: 0.5, branch: 'poor' })).toThrow(
      /spinodal/,
    );
  });

  it('high-temperature limit: α_c/τ ≈ 1.70 and α_spinodal/τ = π·max x·sech x ≈ 2.08 (Seung et al. 1992)', () => {
    const lines = perceptronPhaseLines({ tau: 1, method: 'high-temperature' });
    expect(Math.abs(lines.alpha_c! - 1.6959)).toBeLessThan(1e-4);
    // max of x·sech x, located independently by a fine scan
    let best = 0;
    for (let x = 0; x < 3; x += 1e-6) best = Math.max(best, x / Math.cosh(x));
    expect(lines.alpha_spinodal!).toBeCloseTo(Math.PI * best, 9);
    expect(lines.alpha_zero_entropy).toBeNull();
    const scaled = perceptronPhaseLines({ tau: 3, noise: 0.1, method: 'high-temperature' });
    expect(scaled.alpha_c!).toBeCloseTo((3 * lines.alpha_c!) / 0.8, 9); // α/τ and 1 − 2p are its only scales
  });

  it('the replica α_c(τ)/τ approaches the high-temperature 1.696 as τ grows', () => {
    const highT = perceptronPhaseLines({ tau: 1, method: 'high-temperature' }).alpha_c!;
    const gap = (tau: number): number => Math.abs(perceptronPhaseLines({ tau }).alpha_c! / tau - highT);
    const [g5, g20] = [gap(5), gap(20)];
    expect(g20).toBeLessThan(0.03);
    expect(g20).toBeLessThan(g5 / 2);
  });

  it('annealed Gibbs learning: α_c = 1.44797, the threshold of the expected number of consistent students', () => {
    // Fu (1992) and Baum & Lyuu (1991): the expected number of non-teacher Ising perceptrons consistent with αN
    // examples grows exponentially iff α < 1.44797.
    const lines = perceptronPhaseLines({ tau: 0, method: 'annealed' });
    expect(Math.abs(lines.alpha_c! - 1.44797)).toBeLessThan(1e-5);
  });

  it('returns null for lines that do not exist', () => {
    const random = perceptronPhaseLines({ tau: 1, noise: 0.5, method: 'high-temperature' });
    expect(random).toEqual({ alpha_c: null, alpha_spinodal: null, alpha_zero_entropy: null });
  });
});
