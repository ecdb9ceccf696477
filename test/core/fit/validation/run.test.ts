import { describe, expect, it } from 'vitest';
import { generateLowRank, PHASES, presetCells, runValidation, spikeAtTwScore } from '../../../../src/core/fit/index.js';
import { esd } from '../../../../src/core/linalg/index.js';
import { bbpCovariance, johnstone } from '../../../../src/core/theory/index.js';

describe('validation grid', () => {
  it('places a near-threshold spike at the requested TW score', () => {
    const ell = spikeAtTwScore(400, 200, 4);
    const j = johnstone(400, 200);
    expect((bbpCovariance(ell, 2).outlier as number - j.center) / j.scale).toBeCloseTo(4, 10);
    expect(bbpCovariance(ell, 2).detached).toBe(true);
  });

  it('builds low-rank matrices with exactly M − r zero eigenvalues', () => {
    const { W, truth } = generateLowRank({ n: 60, m: 40, rank: 5, seed: 1 });
    const x = esd(W);
    expect(truth.zero_eigenvalues).toBe(35);
    expect(x[34] / x[39]).toBeLessThan(1e-13);
    expect(x[35] / x[39]).toBeGreaterThan(1e-3);
  });

  it('the quick preset has one construction per phase', () => {
    expect(presetCells('quick').map((c) => c.phase).sort()).toEqual([...PHASES].sort());
  });
});

describe('runValidation (quick preset)', () => {
  it('classifies each constructed phase correctly in at least 6 of 8 draws, and recovers the truths', async () => {
    // Seeds 0–3 gave 46–47 of 48 right (one bleeding-out draw whose spikes stayed below the TW threshold, one
    // Student-t μ = 3 draw with a single isolated outlier). A per-class error rate of 1/16 makes ≥ 3 misses
    // in 8 draws a 1 % event per class.
    let progressCalls = 0;
    const result = await runValidation({ preset: 'quick', seed: 0, onProgress: () => progressCalls++ });
    expect(result.rows).toHaveLength(48);
    expect(progressCalls).toBe(48);
    const { labels, counts } = result.summary.confusion;
    PHASES.forEach((phase, i) => expect(counts[i][labels.indexOf(phase)]).toBeGreaterThanOrEqual(6));
    expect(result.summary.accuracy).toBeGreaterThanOrEqual(0.9);
    const q = (cell: string, quantity: string) => result.summary.quantities.find((s) => s.cell.startsWith(cell) && s.quantity === quantity)!;
    // σ̂: SD 0.25 % per draw, so the mean of 8 has SE 0.1 %; allow 1 %.
    expect(Math.abs(q('gaussian', 'sigma_mp').bias as number)).toBeLessThan(0.01);
    // Both strong spikes are found in every draw (see mpFit.test.ts).
    expect(q('strong-spikes', 'num_spikes').rmse).toBe(0);
    // λ_max of Gaussian W against the TW mean: ln-ratio SD ≈ 1.2 % per draw, mean of 8 within 2 %.
    expect(Math.abs(q('gaussian', 'lambda_max').bias as number)).toBeLessThan(0.02);
    // α̂ for Pareto μ = 1.5 against 1 + μ/2 = 1.75: finite-size bias +0.14 (SD 0.11) measured; allow 0.35.
    expect(Math.abs(q('pareto', 'alpha').bias as number)).toBeLessThan(0.35);
    expect(result.rows.every((r) => r.status === 'ok')).toBe(true);
  });

  it('is reproducible per matrix and stops on abort', async () => {
    const cells = presetCells('quick').slice(0, 2).map((c) => ({ ...c, replicates: 2 }));
    const a = await runValidation({ cells, seed: 'x' });
    const b = await runValidation({ cells: [cells[1]], seed: 'x' });
    expect(b.rows).toEqual(a.rows.slice(2));
    const controller = new AbortController();
    const run = runValidation({ preset: 'quick', seed: 1, signal: controller.signal, onProgress: (done) => done === 3 && controller.abort() });
    await expect(run).rejects.toThrow(/aborted after 3 of 48/);
  });
});
