// The training lab's figures and exports from streamed epochs: a cancelled run's record says so and holds exactly
// the epochs that arrived; the per-epoch CSV has one row per epoch; a fit that failed is a break (NaN), not a zero.
import { describe, expect, it } from 'vitest';
import type { EpochUpdate } from '../../src/labs/index.js';
import { accuracyFigure, epochColumns, esdFigure, runRecord } from '../../src/ui/labs/train/trainFigures.js';

function update(epoch: number, alpha: number | null): EpochUpdate {
  const layer = { name: 'fc1.kernel', N: 784, M: 300, Q: 784 / 300, alpha, alpha_weighted: alpha, entropy: 0.9, xmin: 1, num_pl_spikes: 10, sigma_mp: 0.05, num_spikes: 0, lambda_max: 5 + epoch, phase: 'random-like', phase_reason: 'why' };
  return {
    epoch: { epoch, train_loss: 2 - epoch / 2, train_acc: 0.1 + epoch / 4, test_loss: 2.1 - epoch / 2, test_acc: 0.1 + epoch / 5, alpha_mean: alpha, alpha_weighted_mean: alpha, entropy_mean: 0.9, layers: [layer] },
    status: 'running',
    backend: 'wasm',
    header: { model: 'mlp3', data: 'teacher', seed: 3, status: 'running', reason: '' },
    spectra: [{ name: 'fc1.kernel', eigenvalues: Float64Array.from({ length: 300 }, (_, i) => 0.5 + (5 * i) / 300) }],
  } as unknown as EpochUpdate;
}

describe('training lab figures', () => {
  const updates = [update(0, 6), update(1, null), update(2, 4)];

  it('rebuilds a cancelled run’s record from its header and the epochs received', () => {
    const record = runRecord(updates, null, 'cancelled')!;
    expect(record.status).toBe('interrupted');
    expect(record.reason).toContain('after epoch 2');
    expect(record.epochs.map((e) => e.epoch)).toEqual([0, 1, 2]);
    expect((record as unknown as { seed: number }).seed).toBe(3);
    expect(runRecord([], null, 'cancelled')).toBeNull();
  });

  it('writes one CSV row per epoch, a missing fit as NaN', () => {
    const columns = epochColumns(updates);
    expect(columns.epoch).toEqual([0, 1, 2]);
    expect(columns.fc1_alpha).toEqual([6, NaN, 4]);
    expect(columns.test_acc[2]).toBeCloseTo(0.5);
  });

  it('draws the shown layer’s ESD with its fits, and nothing for a layer the model lacks', () => {
    const esd = esdFigure(updates[2], 0)!;
    expect(esd.title).toContain('fc1.kernel (784×300) at epoch 2');
    expect(esd.series.map((s) => s.label)).toEqual(['fc1.kernel: ESD', 'fc1.kernel: power law α = 4.00', 'fc1.kernel: Marchenko–Pastur fit']);
    expect(esdFigure(updates[2], 3)).toBeNull();
    expect(accuracyFigure(updates).series.map((s) => s.y.length)).toEqual([3, 3]);
  });
});
