/**
 * # 08 · The batch-size experiment
 *
 * Martin & Mahoney's demonstration that a small network passes through the 5+1 phases when only the batch size
 * changes (after Zhang et al. 2017's MiniAlexNet on CIFAR-10): smaller batches, more heavy-tailed fully connected
 * layers (lower α) and better test accuracy; larger batches, layers closer to random and a larger generalization
 * gap. Here on MNIST digits, with the same budget for every batch size, each layer of each final network
 * analysed by the same fits and rules as any weight matrix.
 */
import {
  check,
  layerSpectrumSeries,
  PALETTE,
  planTrainGrid,
  runTrainGrid,
  weightSpectrum,
  type Check,
  type Figure,
  type LayerRecord,
  type ModelName,
  type Notebook,
  type NotebookContext,
  type ParameterTensor,
  type Series,
  type TableRow,
  type TrainCellRecord,
  type TrainRecord,
} from 'vsdl-lab';

interface Params {
  [key: string]: number | number[] | string;
  seed: number;
  model: string;
  batchSizes: number[];
  trainSize: number;
  testSize: number;
  epochs: number;
  learningRate: number;
  momentum: number;
}

interface Cell {
  summary: TrainCellRecord;
  record: TrainRecord;
  tensors: ParameterTensor[];
}

/** The fully connected layers whose spectra the phases are read from: every dense kernel but the classifier. */
function hiddenDense(layers: readonly LayerRecord[]): LayerRecord[] {
  return layers.filter((l) => l.kind === 'dense' && l.name !== 'fc3.kernel');
}

/** Kendall's τ between two lists (ties count as neither concordant nor discordant). */
function kendall(x: number[], y: number[]): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      s += Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
      n++;
    }
  }
  return n ? s / n : NaN;
}

async function run(p: Params, ctx: NotebookContext = {}) {
  const platform = ctx.platform;
  if (!platform) throw new Error('this notebook trains networks: run it with `vsdl notebook run 08` or in the lessons view');
  const backend = await platform.ready();
  const mnist = await platform.mnist();
  const plan = planTrainGrid({
    base: { model: p.model as ModelName, data: 'mnist', trainSize: p.trainSize, testSize: p.testSize, epochs: p.epochs, learningRate: p.learningRate, momentum: p.momentum, seed: p.seed },
    axes: { batchSize: p.batchSizes },
  });
  const cells: Cell[] = [];
  await runTrainGrid(plan, {
    mnist,
    signal: ctx.signal,
    onProgress: (f, cell, pr) => ctx.onProgress?.(f, `batch ${cell.params.batchSize}: epoch ${pr.epoch}/${pr.epochs}`),
    onCell: (summary, record, _done, tensors) => cells.push({ summary, record, tensors }),
  });

  const layerNames = hiddenDense(cells[0].record.epochs[0].layers).map((l) => l.name);
  const finalLayer = (c: Cell, name: string) => c.record.epochs.at(-1)!.layers.find((l) => l.name === name)!;
  const table: TableRow[] = cells.map((c) => {
    const s = c.summary;
    const row: TableRow = {
      batch_size: s.batch_size,
      updates: p.epochs * Math.ceil(p.trainSize / s.batch_size),
      train_acc: s.train_acc,
      test_acc: s.test_acc,
      generalization_gap: s.generalization_gap,
      alpha_weighted_mean: s.alpha_weighted_mean ?? NaN,
      dominant_phase: s.dominant_phase ?? '',
    };
    for (const l of c.record.epochs.at(-1)!.layers) {
      const name = l.name.replace(/\.kernel$/, '');
      row[`${name}_phase`] = l.phase ?? '';
      row[`${name}_alpha`] = l.alpha ?? NaN;
      row[`${name}_alpha_weighted`] = l.alpha_weighted ?? NaN;
    }
    return row;
  });

  // Figures 1–2: each hidden dense layer's final ESD at the smallest, a middle and the largest batch size.
  const figures: Figure[] = [];
  const shown = [...new Set([0, Math.floor((cells.length - 1) / 2), cells.length - 1])].map((i) => cells[i]);
  for (const name of layerNames) {
    const series: Series[] = [];
    shown.forEach((c, i) => {
      const tensor = c.tensors.find((t) => t.name === name)!;
      series.push(...layerSpectrumSeries(weightSpectrum(tensor), finalLayer(c, name), { label: `batch ${c.summary.batch_size}`, color: PALETTE[i] }));
    });
    const shape = cells[0].tensors.find((t) => t.name === name)!.shape.join('×');
    figures.push({
      title: `${name} (${shape}) after ${p.epochs} epochs: ESD per batch size`,
      x: { label: 'eigenvalue λ of WᵀW', log: true },
      y: { label: 'density', log: true },
      series,
      caption: `Phases: ${shown.map((c) => `batch ${c.summary.batch_size} ${finalLayer(c, name).phase ?? '–'}`).join(', ')}. Lines: the fitted power law over its tail and the fitted Marchenko–Pastur bulk.`,
      legend: 'bottom-left',
    });
  }
  // Figure 3: α per layer against the batch size.
  const bs = cells.map((c) => c.summary.batch_size);
  const trend = layerNames.map((name) => `${name} ${kendall(bs, cells.map((c) => finalLayer(c, name).alpha ?? NaN)).toFixed(2)}`).join(', ');
  figures.push({
    title: 'Power-law exponent α of each hidden dense layer against the batch size',
    x: { label: 'batch size', log: true },
    y: { label: 'α (fitted tail exponent)' },
    series: [
      ...layerNames.map((name, i): Series => ({ label: name, x: bs, y: cells.map((c) => finalLayer(c, name).alpha ?? NaN), kind: 'line', color: PALETTE[i] })),
      { label: 'heavy-tailed below α = 3 (the classifier’s boundary)', x: [bs[0], bs[bs.length - 1]], y: [3, 3], kind: 'line', color: PALETTE[8], theory: true },
    ],
    caption: `Martin & Mahoney: smaller batches give smaller α (more heavy-tailed layers). Kendall τ between batch size and α here: ${trend} (+1: α grows with the batch size at every step). Backend: ${backend}.`,
  });
  // Figure 4: test accuracy against α̂.
  figures.push({
    title: 'Test accuracy against the weighted α̂ (mean over the layers of α·log10 λ_max), one point per batch size',
    x: { label: 'α̂' },
    y: { label: 'test accuracy' },
    series: cells.map((c, i): Series => ({ label: `batch ${c.summary.batch_size}`, x: [c.summary.alpha_weighted_mean ?? NaN], y: [c.summary.test_acc], kind: 'points', color: PALETTE[i % PALETTE.length] })),
    caption: 'WeightWatcher’s claim: among models of one architecture, a smaller α̂ goes with better generalization.',
  });
  // Figure 5: accuracies and the gap.
  figures.push({
    title: 'Train and test accuracy, and the generalization gap, against the batch size',
    x: { label: 'batch size', log: true },
    y: { label: 'accuracy' },
    series: [
      { label: 'train', x: bs, y: cells.map((c) => c.summary.train_acc), kind: 'line', color: PALETTE[0] },
      { label: 'test', x: bs, y: cells.map((c) => c.summary.test_acc), kind: 'line', color: PALETTE[1] },
      { label: 'gap (train − test)', x: bs, y: cells.map((c) => c.summary.generalization_gap), kind: 'line', color: PALETTE[2] },
    ],
    legend: 'bottom-left',
  });

  const checks: Check[] = [];
  // 1. The random initialisation is random-like: iid N(0, 2/fan_in) entries follow Marchenko–Pastur with a TW edge.
  for (const l of hiddenDense(cells[0].record.epochs[0].layers)) {
    checks.push(check(`${l.name} at epoch 0 is random-like (1 = yes)`, l.phase === 'random-like' ? 1 : 0, 1, 0,
      'He-normal initial weights are iid Gaussian: MP bulk, no eigenvalue past the TW edge except with the spike test’s 1 % false-positive rate'));
  }
  // 2. Training moves the smallest batch's first layer away from random: spikes appear and the entropy falls.
  const first = cells[0];
  const l0 = first.record.epochs[0].layers.find((l) => l.name === layerNames[0])!;
  const l1 = finalLayer(first, layerNames[0]);
  checks.push(check(`${layerNames[0]} at batch ${first.summary.batch_size}: eigenvalues past the TW edge after training`, l1.num_spikes ?? NaN, 1, 0,
    'learning puts the data’s directions into the weights as outliers above the bulk (BBP); a trained layer with none has not learned', 'at-least'));
  checks.push(check(`${layerNames[0]} at batch ${first.summary.batch_size}: spectral entropy after training, against epoch 0`, l1.entropy ?? NaN, l0.entropy ?? NaN, 0,
    'spikes concentrate the spectrum, so the normalized spectral entropy falls below that of the random layer (Martin & Mahoney)', 'at-most'));
  // 3. The networks learn: the best test accuracy over the batch sizes.
  const best = Math.max(...cells.map((c) => c.summary.test_acc));
  const level = p.trainSize >= 4000 ? 0.9 : 0.8;
  checks.push(check('best test accuracy over the batch sizes', best, level, 0,
    `chance is 10 %; ${p.trainSize} digits and ${p.epochs} epochs reach ${100 * level} % with a working trainer (binomial SE over ${p.testSize} test digits ≤ ${(100 * Math.sqrt(0.25 / p.testSize)).toFixed(1)} %)`, 'at-least'));

  ctx.onProgress?.(1, 'done');
  return { figures, table, checks };
}

export const notebook: Notebook<Params> = {
  id: '08-batch-size',
  title: 'The batch-size experiment',
  summary: 'One network trained per batch size (2 … 1024) on MNIST, same epochs for all: the phases of its dense layers, α against batch size, test accuracy against α̂.',
  sections: [
    {
      heading: 'Batch size as temperature',
      markdown:
        'In VSDL the batch size acts like a temperature: the gradient of a minibatch is a noisy estimate of the full ' +
        'gradient, and Smith & Le (2018) put the scale of that noise at g = ε/(1 − μ)·N_train/B (ε the learning rate, ' +
        'μ the momentum, B the batch size). Small batches are hot, large ones cold. Martin & Mahoney trained ' +
        'MiniAlexNet (two convolutions, then dense layers of 384 and 192 units) on CIFAR-10 with batch sizes from 2 to ' +
        '1024 and nothing else changed: the dense layers went from random-like and bleeding-out at large batches, through ' +
        'bulk+spikes and bulk-decay, to heavy-tailed at small ones, and test accuracy fell as the batch grew (the ' +
        'generalization gap of Keskar et al. 2017).',
    },
    {
      heading: 'The budget',
      markdown:
        'Every batch size gets the same number of epochs, so every digit is seen equally often; a batch of 2 then makes ' +
        '512 times as many updates as a batch of 1024. That is the comparison the generalization-gap literature makes ' +
        '(Keskar et al. 2017; Hoffer et al. 2017 show that part of the gap closes when large batches get more updates), ' +
        'and the one under which batch size is a pure temperature knob: equal updates would also change how far the ' +
        'weights travel. The learning rate, momentum, initial weights (the same seed) and data are identical.',
    },
    {
      heading: 'How the layers are read',
      markdown:
        'Each dense kernel W (N×M, N ≥ M) gives the eigenvalues of WᵀW; the power-law fit (Clauset et al., as in ' +
        'WeightWatcher) gives α on its tail, the Marchenko–Pastur fit the bulk and its Tracy–Widom edge, and the 5+1 ' +
        'rules the phase. α̂ is WeightWatcher’s weighted alpha, the mean over the layers of α·log10 λ_max. The small ' +
        'version trains mlp3 (784 → 300 → 100 → 10) on 1,000 digits; the full one trains minialexnet (two 5×5 ' +
        'convolutions of 16 channels with max-pooling, then dense layers of 384 and 192 units) on 4,000 digits for 8 epochs.',
    },
    {
      heading: 'What MNIST shows',
      markdown:
        'MNIST is easier than CIFAR-10, and a few epochs of a small network are far from the long training of the ' +
        'paper: expect fewer phases. The table and figures report what appears; the committed figures of the full ' +
        'version and the README say which phases it reached.',
    },
  ],
  params: {
    small: { seed: 1, model: 'mlp3', batchSizes: [8, 64, 512], trainSize: 1000, testSize: 1000, epochs: 3, learningRate: 0.01, momentum: 0.9 },
    full: { seed: 1, model: 'minialexnet', batchSizes: [2, 4, 8, 16, 32, 64, 128, 256, 512, 1024], trainSize: 4000, testSize: 2000, epochs: 8, learningRate: 0.01, momentum: 0.9 },
  },
  run,
};
