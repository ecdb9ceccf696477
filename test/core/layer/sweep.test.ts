import { describe, expect, it } from 'vitest';
import { runLayerSweep, type LayerSweepOptions } from '../../../src/core/layer/index.js';
import { MonteCarloAbortError } from '../../../src/core/vsdl/index.js';

const small: LayerSweepOptions = {
  teacher: { ensemble: 'spiked', spikes: [8] },
  k: 16,
  n: 60,
  alphas: [2],
  taus: [0.5],
  seed: 11,
  schedule: { equilibrationSweeps: 150 },
};

describe('layer Monte Carlo', () => {
  it('learns rows whose overlap matches perceptron theory', async () => {
    // K = 40 rows of N = 60, α = 2, τ = 0.5, automatic equilibration. Each row's R is one Gibbs sample with
    // spread ≈ 0.07 (thermal + disorder), so the mean over 40 rows has SE ≈ 0.011 (measured from the rows);
    // tolerance 3 SE + 1/N for the finite-size bias of the replica theory.
    const res = await runLayerSweep({ ...small, k: 40, schedule: { maxEquilibrationSweeps: 1000 } });
    const cell = res.cells[0]!;
    expect(cell.theory!.R).toBeCloseTo(0.614, 2);
    expect(Math.abs(cell.R - cell.theory!.R)).toBeLessThan(3 * cell.R_se + 1 / 60);
    expect(cell.eps_g).toBeGreaterThan(0);
    expect(cell.p).toBe(120);
    expect(cell.spectrum.density.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(cell.spectrum.top).toHaveLength(10);
    expect(cell.spectrum.top[0]).toBeCloseTo(cell.lambda_max, 12);
  });

  it('gives a cell the same numbers whatever grid it is part of, and reuses completed cells', async () => {
    const alone = await runLayerSweep(small);
    const grid = await runLayerSweep({ ...small, alphas: [1, 2], taus: [0.25, 0.5] });
    expect(grid.cells).toHaveLength(4);
    const same = grid.cells.find((c) => c.alpha === 2 && c.tau === 0.5)!;
    expect(same).toEqual(alone.cells[0]);
    expect(grid.phase_grid).toHaveLength(2);
    expect(grid.phase_grid[1]![1]).toBe(alone.cells[0]!.phase);
    let ran = 0;
    const resumed = await runLayerSweep({ ...small, alphas: [1, 2], taus: [0.25, 0.5], completed: [same], onCell: () => ran++ });
    expect(ran).toBe(3);
    expect(resumed.cells).toEqual(grid.cells);
  });

  it('stops on an abort signal', async () => {
    const controller = new AbortController();
    const run = runLayerSweep({ ...small, alphas: [1, 2, 3], signal: controller.signal, onCell: () => controller.abort('stop') });
    await expect(run).rejects.toBeInstanceOf(MonteCarloAbortError);
  });

  it('keeps a Gaussian teacher random-like at high R', async () => {
    // α = 4, τ = 0.25: R ≈ 0.89 (automatic equilibration: from a random start R needs several hundred sweeps
    // here). The learned layer R·T + noise is iid with variance 1: MP (the TW test's false-positive rate is 1 %;
    // fixed seed).
    const res = await runLayerSweep({ ...small, teacher: { ensemble: 'gaussian' }, k: 20, alphas: [4], taus: [0.25], schedule: { maxEquilibrationSweeps: 1500 } });
    expect(res.cells[0]!.R).toBeGreaterThan(0.8);
    expect(res.cells[0]!.phase).toBe('random-like');
    expect(res.cells[0]!.theory!.predicted_phase).toBe('random-like');
  });

  it('shares one input set across rows with inputs = shared', async () => {
    const shared = await runLayerSweep({ ...small, inputs: 'shared' });
    const independent = await runLayerSweep(small);
    expect(shared.cells[0]!.key).not.toBe(independent.cells[0]!.key);
    expect(shared.inputs).toBe('shared');
    expect(shared.cells[0]!.R).not.toBe(independent.cells[0]!.R);
  });
});
