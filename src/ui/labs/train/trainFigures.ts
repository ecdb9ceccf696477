/**
 * The training lab's pictures, as notebook Figures (plain data the shared chart draws and the SVG writer writes):
 * the shown layer's ESD with its fits, and the per-epoch curves. Also the run's record for export, which a
 * cancelled run rebuilds from the epochs it streamed. Only arrangement: every number comes from the engine.
 */
import type { WeightSpectrum } from '../../../core/analyze/index.js';
import { layerOfParameter } from '../../../core/train/architectures.js';
import type { TrainRecord } from '../../../core/train/record.js';
import type { EpochUpdate, TrainOutcome } from '../../../labs/index.js';
import type { Figure, Series } from '../../../report/notebook.js';
import { layerSpectrumSeries } from '../../../report/layerSpectrum.js';

const epochsOf = (updates: readonly EpochUpdate[]) => updates.map((u) => u.epoch.epoch);
/** null (no fit) becomes NaN: a break in the curve, never a zero. */
const value = (v: number | null | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);

/** The ESD of layer `index` at the given update: log-log density, power-law fit and Marchenko–Pastur fit. */
export function esdFigure(update: EpochUpdate, index: number): Figure | null {
  const layer = update.epoch.layers[index];
  const spectrum = update.spectra[index];
  if (!layer || !spectrum || spectrum.eigenvalues.length === 0) return null;
  // layerSpectrumSeries reads only the eigenvalues; the geometry it would also carry is in the layer record.
  const shape = spectrum as unknown as WeightSpectrum;
  return {
    title: `${layer.name} (${layer.N}×${layer.M}) at epoch ${update.epoch.epoch}: ${layer.phase ?? 'no phase'}`,
    x: { label: 'λ (eigenvalue of WᵀW)', log: true },
    y: { label: 'density', log: true },
    series: layerSpectrumSeries(shape, layer, { label: layer.name, color: '#37474f' }),
    legend: 'bottom-left',
  };
}

function curves(title: string, yLabel: string, updates: readonly EpochUpdate[], series: { label: string; y: (u: EpochUpdate) => number | null | undefined; theory?: boolean }[]): Figure {
  const x = epochsOf(updates);
  return {
    title,
    x: { label: 'epoch', min: 0 },
    y: { label: yLabel },
    series: series.map((s): Series => ({ label: s.label, x, y: updates.map((u) => value(s.y(u))), kind: 'line' })),
  };
}

const layerNames = (updates: readonly EpochUpdate[]) => updates[0]?.epoch.layers.map((l) => l.name) ?? [];

export function accuracyFigure(updates: readonly EpochUpdate[]): Figure {
  return curves('accuracy', 'fraction correct', updates, [
    { label: 'train', y: (u) => u.epoch.train_acc },
    { label: 'test', y: (u) => u.epoch.test_acc },
  ]);
}

export function lossFigure(updates: readonly EpochUpdate[]): Figure {
  return curves('loss (cross-entropy, nats)', 'loss', updates, [
    { label: 'train', y: (u) => u.epoch.train_loss },
    { label: 'test', y: (u) => u.epoch.test_loss },
  ]);
}

export function alphaFigure(updates: readonly EpochUpdate[]): Figure {
  return curves('power-law exponent α per layer, mean α and α̂', 'α', updates, [
    ...layerNames(updates).map((name, i) => ({ label: name, y: (u: EpochUpdate) => u.epoch.layers[i]?.alpha })),
    { label: 'mean α', y: (u) => u.epoch.alpha_mean },
    { label: 'α̂ (weighted)', y: (u) => u.epoch.alpha_weighted_mean },
  ]);
}

export function entropyFigure(updates: readonly EpochUpdate[]): Figure {
  return curves('spectral entropy per layer', 'entropy (normalised)', updates, [
    ...layerNames(updates).map((name, i) => ({ label: name, y: (u: EpochUpdate) => u.epoch.layers[i]?.entropy })),
    { label: 'mean', y: (u) => u.epoch.entropy_mean },
  ]);
}

/** One row per epoch: the CSV of per-epoch metrics (every layer's α, α̂, entropy and phase index beside the totals). */
export function epochColumns(updates: readonly EpochUpdate[]): Record<string, number[]> {
  const columns: Record<string, number[]> = {
    epoch: epochsOf(updates),
    train_loss: updates.map((u) => value(u.epoch.train_loss)),
    train_acc: updates.map((u) => value(u.epoch.train_acc)),
    test_loss: updates.map((u) => value(u.epoch.test_loss)),
    test_acc: updates.map((u) => value(u.epoch.test_acc)),
    alpha_mean: updates.map((u) => value(u.epoch.alpha_mean)),
    alpha_weighted_mean: updates.map((u) => value(u.epoch.alpha_weighted_mean)),
    entropy_mean: updates.map((u) => value(u.epoch.entropy_mean)),
  };
  layerNames(updates).forEach((name, i) => {
    const stem = layerOfParameter(name);
    columns[`${stem}_alpha`] = updates.map((u) => value(u.epoch.layers[i]?.alpha));
    columns[`${stem}_alpha_weighted`] = updates.map((u) => value(u.epoch.layers[i]?.alpha_weighted));
    columns[`${stem}_entropy`] = updates.map((u) => value(u.epoch.layers[i]?.entropy));
  });
  return columns;
}

/**
 * The run's record as `vsdl train --json` writes it: the worker's own when the run ended, otherwise (cancelled,
 * or still running) its header and the epochs streamed so far, with the status that says so.
 */
export function runRecord(updates: readonly EpochUpdate[], outcome: TrainOutcome | null, status: 'running' | 'cancelled' | 'done' | string): TrainRecord | null {
  if (outcome && status === 'done') return outcome.record;
  const last = updates.at(-1);
  if (!last) return null;
  const interrupted = status === 'cancelled';
  return {
    ...last.header,
    status: interrupted ? 'interrupted' : last.status,
    reason: interrupted ? `cancelled in the browser after epoch ${last.epoch.epoch}` : last.header.reason,
    epochs: updates.map((u) => u.epoch),
  } as TrainRecord;
}
