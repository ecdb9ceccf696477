import { describe, expect, it } from 'vitest';
import { runCellSync } from '../../src/core/vsdl/index.js';
import { createGpuBackend } from '../../src/gpu/index.js';

/**
 * The GPU path against the CPU reference on the same disorder (same seed, hence the same createProblem data) and
 * the same fixed schedule. Start 'teacher': with 'mixed', the random-start replica at α = 1.5, τ = 0.3 sits in
 * the Ising coexistence region and its metastable branch depends on the trajectory, not on the sampler.
 */
const N = 40;
const schedule = { equilibrationSweeps: 200, measurementSweeps: 2000 };
const common = { n: N, samples: 2, seed: 7, start: 'teacher' as const };

describe('GPU path (cpu mode) versus runCell', () => {
  it('agrees per sample within 3 combined thermal SEs for R and ε_t', async () => {
    const backend = createGpuBackend({ mode: 'cpu' });
    const results = await backend.runGrid({ ...common, alphas: [0.5, 1.5], taus: [0.3, 1], ...schedule });
    expect(results.map((r) => [r.alpha, r.tau])).toEqual([[0.5, 0.3], [1.5, 0.3], [0.5, 1], [1.5, 1]]);
    for (const gpu of results) {
      const cpu = runCellSync({ ...common, weights: 'ising', alpha: gpu.alpha, tau: gpu.tau, schedule });
      expect(gpu.p).toBe(cpu.p);
      gpu.samples.forEach((g, k) => {
        const c = cpu.samples[k]!;
        // Thermal SEs from τ_int (Sokal window) of 2000 sweeps × 2 replicas per chain; z = Δ/√(se_g² + se_c²).
        for (const [a, b, sa, sb] of [[g.R, c.R, g.R_se, c.R_se], [g.eps_t, c.eps_t, g.eps_t_se, c.eps_t_se]] as const) {
          const se = Math.hypot(sa, sb);
          if (se === 0) expect(a).toBe(b); // both frozen at the teacher (E = 0, R = 1)
          else expect(Math.abs(a - b)).toBeLessThan(3 * se);
        }
        // Acceptance: a rate over 2·2000·40 proposals; its spread is dominated by the same thermal fluctuations,
        // bounded here loosely (absolute 0.03) only to catch a wrong Metropolis rule.
        expect(Math.abs(g.acceptance - c.acceptance)).toBeLessThan(0.03);
      });
      expect(gpu.backend).toBe('gpu.js:cpu');
      expect(gpu.schedule).toEqual({ mode: { equilibration: 'fixed', measurement: 'fixed' }, ...schedule, unequilibrated: 0 });
      // Field drift between refreshes (16 sweeps): float32 rounding of |h| ≲ 20, a few ulp per accepted flip.
      expect(gpu.gpu.maxFieldDrift).toBeLessThan(1e-3);
    }
  }, 60000);

  it('gives bit-identical results on the cpu mode (launches) and the webasm mode (plans)', async () => {
    const options = { ...common, start: 'mixed' as const, alphas: [0.5, 2], taus: [0, 0.7], equilibrationSweeps: 10, measurementSweeps: 30 };
    const [cpu, webasm] = await Promise.all([createGpuBackend({ mode: 'cpu' }).runGrid(options), createGpuBackend({ mode: 'webasm' }).runGrid(options)]);
    expect(webasm[0]!.gpu.executed).toEqual(['webasm']);
    expect(webasm[0]!.gpu.executor).toMatch(/^fused/);
    expect(cpu[0]!.gpu.executor).toBe('launches');
    const strip = (r: (typeof cpu)[number]) => ({ ...r, backend: undefined, gpu: { ...r.gpu, mode: undefined, executed: undefined, executor: undefined, launches: undefined } });
    expect(webasm.map(strip)).toEqual(cpu.map(strip));
  }, 30000);
});
