/**
 * # 09 · How a layer learns
 *
 * A lesson in watching one network train: mlp3 (784 → 300 → 100 → 10) on MNIST digits, every layer's spectrum
 * recorded from the random epoch 0 on. The first layer starts as a Marchenko–Pastur bulk with a Tracy–Widom edge,
 * then the data write directions into it as outliers, the bulk bleeds out and decays, the power-law tail steepens
 * into view and the spectral entropy falls: Martin & Mahoney's phases, in the order training visits them.
 */
import {
  check,
  johnstone,
  layerSpectrumSeries,
  mpDensity,
  mpEdges,
  PALETTE,
  PHASES,
  train,
  weightSpectrum,
  type Check,
  type EpochRecord,
  type Figure,
  type LayerRecord,
  type ModelName,
  type Notebook,
  type NotebookContext,
  type ParameterTensor,
  type Series,
  type TableRow,
} from 'vsdl-lab';

interface Params {
  [key: string]: number | string;
  seed: number;
  model: string;
  trainSize: number;
  testSize: number;
  batchSize: number;
  epochs: number;
  learningRate: number;
}

const FIRST = 'fc1.kernel';

async function run(p: Params, ctx: NotebookContext = {}) {
  const platform = ctx.platform;
  if (!platform) throw new Error('this notebook trains a network: run it with `vsdl notebook run 09` or in the lessons view');
  const backend = await platform.ready();
  const mnist = await platform.mnist();
  const snapshots = new Map<number, ParameterTensor[]>();
  const { record } = await train(
    { model: p.model as ModelName, data: 'mnist', trainSize: p.trainSize, testSize: p.testSize, batchSize: p.batchSize, epochs: p.epochs, learningRate: p.learningRate, seed: p.seed },
    {
      mnist,
      signal: ctx.signal,
      onProgress: (pr) => ctx.onProgress?.(pr.fraction, `epoch ${pr.epoch}/${pr.epochs}`),
      onEpoch: (e, _r, tensors) => {
        if (e.epoch === 0 || e.epoch === p.epochs) snapshots.set(e.epoch, tensors);
      },
    },
  );
  const epochs = record.epochs;
  const last = epochs.at(-1)!;
  const layer = (e: EpochRecord, name: string) => e.layers.find((l) => l.name === name)!;
  const names = epochs[0].layers.map((l) => l.name);
  const x = epochs.map((e) => e.epoch);

  // Figure 1: the random first layer against the law of its initialisation (entries N(0, 2/784), W is N×M).
  const w0 = snapshots.get(0)!.find((t) => t.name === FIRST)!;
  const l0 = layer(epochs[0], FIRST);
  const [N, M] = [l0.N, l0.M];
  const sigma = Math.sqrt(2 / w0.shape[0]);
  const edges = mpEdges(N / M, sigma);
  const spectrum0 = weightSpectrum(w0);
  const top = N * edges.lambdaPlus;
  const bins = 30;
  const counts = new Array<number>(bins).fill(0);
  const width = (1.25 * top) / bins;
  for (const v of spectrum0.eigenvalues) counts[Math.min(bins - 1, Math.floor(v / width))]++;
  const mx = Array.from({ length: 120 }, (_, i) => (N * edges.lambdaMinus) + ((top - N * edges.lambdaMinus) * (i + 0.5)) / 120);
  const figures: Figure[] = [
    {
      title: `${FIRST} at epoch 0: the random layer (${N}×${M}, entries N(0, 2/${w0.shape[0]}))`,
      x: { label: 'eigenvalue λ of WᵀW' },
      y: { label: 'density' },
      series: [
        { label: 'ESD', x: counts.map((_, b) => (b + 0.5) * width), y: counts.map((c) => c / (M * width)), kind: 'bars', color: PALETTE[0] },
        { label: 'Marchenko–Pastur law of the initialisation', x: mx, y: mx.map((v) => mpDensity(v / N, N / M, sigma) / N), kind: 'line', color: PALETTE[1], theory: true },
        { label: `bulk edge N·σ²(1 + 1/√Q)² = ${top.toFixed(2)}`, x: [top, top], y: [0, 1.1 * Math.max(...counts) / (M * width)], kind: 'line', color: PALETTE[8], theory: true },
      ],
      caption: `No eigenvalue leaves the bulk: the layer is random-like. (Trained on the ${backend} backend.)`,
    },
  ];
  // Figure 2: the first layer before and after, log–log, with what each epoch's fit found.
  const wN = snapshots.get(p.epochs)!.find((t) => t.name === FIRST)!;
  figures.push({
    title: `${FIRST}: epoch 0 against epoch ${p.epochs}`,
    x: { label: 'eigenvalue λ of WᵀW', log: true },
    y: { label: 'density', log: true },
    series: [
      ...layerSpectrumSeries(spectrum0, l0, { label: 'epoch 0', color: PALETTE[0] }),
      ...layerSpectrumSeries(weightSpectrum(wN), layer(last, FIRST), { label: `epoch ${p.epochs}`, color: PALETTE[3] }),
    ],
    caption: `After training: ${layer(last, FIRST).num_spikes ?? 0} eigenvalue(s) past the Tracy–Widom edge, phase ${layer(last, FIRST).phase ?? '–'}.`,
    legend: 'bottom-left',
  });
  // Figure 3: the phase of every layer, epoch by epoch.
  figures.push({
    title: 'Phase of each layer per epoch',
    x: { label: 'epoch' },
    y: { label: 'phase (0 random-like … 5 rank-collapse)', min: -0.5, max: 5.5 },
    series: names.map((name, i): Series => ({
      label: name,
      x,
      y: epochs.map((e) => {
        const ph = layer(e, name).phase;
        return ph === null ? NaN : PHASES.indexOf(ph) + 0.08 * (i - 1);
      }),
      kind: 'line',
      color: PALETTE[i],
    })),
    caption: `Phases: ${PHASES.map((ph, j) => `${j} ${ph}`).join(', ')}.`,
    legend: 'top-left',
  });
  // Figures 4–5: α and the spectral entropy per epoch; figure 6: the accuracies.
  const perLayer = (pick: (l: LayerRecord) => number | null): Series[] =>
    names.map((name, i) => ({ label: name, x, y: epochs.map((e) => pick(layer(e, name)) ?? NaN), kind: 'line', color: PALETTE[i] }));
  figures.push({ title: 'Power-law exponent α of each layer per epoch', x: { label: 'epoch' }, y: { label: 'α' }, series: perLayer((l) => l.alpha) });
  figures.push({ title: 'Spectral entropy of each layer per epoch (1 = flat spectrum)', x: { label: 'epoch' }, y: { label: 'normalized entropy' }, series: perLayer((l) => l.entropy), legend: 'bottom-left' });
  figures.push({
    title: 'Accuracy per epoch',
    x: { label: 'epoch' },
    y: { label: 'accuracy', min: 0, max: 1 },
    series: [
      { label: 'train', x, y: epochs.map((e) => e.train_acc), kind: 'line', color: PALETTE[0] },
      { label: 'test', x, y: epochs.map((e) => e.test_acc), kind: 'line', color: PALETTE[1] },
    ],
    legend: 'bottom-right',
  });

  const table: TableRow[] = epochs.map((e) => {
    const row: TableRow = { epoch: e.epoch, train_acc: e.train_acc, test_acc: e.test_acc, alpha_mean: e.alpha_mean ?? NaN, alpha_weighted_mean: e.alpha_weighted_mean ?? NaN, entropy_mean: e.entropy_mean ?? NaN };
    for (const l of e.layers) {
      const name = l.name.replace(/\.kernel$/, '');
      row[`${name}_phase`] = l.phase ?? '';
      row[`${name}_alpha`] = l.alpha ?? NaN;
      row[`${name}_spikes`] = l.num_spikes ?? NaN;
    }
    return row;
  });

  const checks: Check[] = [];
  const tw = johnstone(N, M, { sigma, normalization: 'none' });
  checks.push(check(`${FIRST} at epoch 0: TW score of λ_max under the initialisation's law`, ((l0.lambda_max ?? NaN) - tw.center) / tw.scale, 0, 4.5,
    `Johnstone's centre and scale for N = ${N}, M = ${M}, σ² = 2/${w0.shape[0]} (no fit): the score is TW₁-distributed, |score| > 4.5 has probability below 0.1 %`));
  // The hidden layers: the classifier's 100×10 kernel has 10 eigenvalues, too few to tell a bulk from its edge.
  for (const l of epochs[0].layers.filter((l) => l.phase !== null && l.name !== 'fc3.kernel')) {
    checks.push(check(`${l.name} at epoch 0 is random-like (1 = yes)`, l.phase === 'random-like' ? 1 : 0, 1, 0, 'iid Gaussian initial weights: no eigenvalue past the TW edge except with the spike test’s 1 % false-positive rate'));
  }
  const lN = layer(last, FIRST);
  checks.push(check(`${FIRST} after ${p.epochs} epochs: eigenvalues past the TW edge`, lN.num_spikes ?? NaN, 1, 0, 'learned directions stand out of the bulk (BBP); a trained first layer without any has not learned', 'at-least'));
  checks.push(check(`${FIRST}: spectral entropy after training, against epoch 0`, lN.entropy ?? NaN, l0.entropy ?? NaN, 0, 'outliers concentrate the spectrum: the entropy falls as the layer learns', 'at-most'));
  checks.push(check('test accuracy after training', last.test_acc, 0.85, 0,
    `chance is 10 %; ${p.trainSize} digits and ${p.epochs} epochs give ≥ 90 % with a working trainer (binomial SE over ${p.testSize} test digits ≤ ${(100 * Math.sqrt(0.25 / p.testSize)).toFixed(1)} %)`, 'at-least'));
  ctx.onProgress?.(1, 'done');
  return { figures, table, checks };
}

export const notebook: Notebook<Params> = {
  id: '09-how-a-layer-learns',
  title: 'How a layer learns',
  summary: 'One network trained on MNIST, every layer’s spectrum from the random epoch 0: Marchenko–Pastur at birth, then spikes, a bleeding edge and a tail as it learns.',
  sections: [
    {
      heading: 'A layer at birth',
      markdown:
        'Before training, the first layer of **mlp3** is a 784×300 matrix of independent Gaussian entries of variance ' +
        '2/784 (He initialisation). Random-matrix theory says exactly what its spectrum looks like: the eigenvalues of ' +
        'WᵀW fill the **Marchenko–Pastur** bulk, and the largest one sits at its upper edge within Tracy–Widom ' +
        'fluctuations. Nothing in it is information: the phase is *random-like*.',
    },
    {
      heading: 'The edge at birth, worked out',
      markdown:
        'The bulk lies between N·σ²(1 ∓ 1/√Q)² with Q = N/M: here N·σ² = 784 · 2/784 = 2 and Q = 784/300, so the ' +
        'upper edge is 2(1 + 1/√Q)² = 5.24.',
      afterPrediction: true,
    },
    {
      heading: 'Learning writes outliers',
      markdown:
        'Each minibatch step adds to W a low-rank outer product of inputs and errors. What recurs across steps (the ' +
        'directions that tell the digits apart) accumulates; the rest averages out. A direction that has grown strong ' +
        'enough leaves the bulk as an **outlier** (the BBP transition of notebook 02): first close to the edge ' +
        '(*bleeding-out*), then far from it (*bulk+spikes*).',
    },
    {
      heading: 'From spikes to a tail',
      markdown:
        'As more directions are learned and the bulk itself is reshaped, the edge decays into the outliers ' +
        '(*bulk-decay*) and, for long or hot training, the top of the spectrum becomes a power law with a small ' +
        'exponent α (*heavy-tailed*, α < 3 here). Along the way the **spectral entropy** falls: the spectrum ' +
        'concentrates on fewer directions. Martin & Mahoney read a layer’s training quality from where it sits on this ' +
        'path; notebook 08 shows how the batch size (a temperature) moves a network along it.',
    },
    {
      heading: 'How it is measured',
      markdown:
        'After every epoch the train and test sets are evaluated and every layer weight is analysed: power-law fit ' +
        '(Clauset et al.), Marchenko–Pastur fit with a Tracy–Widom spike test at a 1 % false-positive rate, and the ' +
        '5+1 rules. The same seed gives the same run; `vsdl train` records the same numbers from the command line.',
    },
  ],
  params: {
    small: { seed: 1, model: 'mlp3', trainSize: 1500, testSize: 500, batchSize: 16, epochs: 4, learningRate: 0.01 },
    full: { seed: 1, model: 'mlp3', trainSize: 8000, testSize: 2000, batchSize: 16, epochs: 20, learningRate: 0.01 },
  },
  run,
  predict: [
    {
      figure: 0,
      prompt: 'The random first layer is 784×300 with entries of variance 2/784. Where does the Marchenko–Pastur bulk of WᵀW end? Guess its upper edge.',
      answer: (result) => result.figures[0]?.series.find((s) => s.label.startsWith('bulk edge'))?.x[0] ?? NaN,
      min: 0,
      max: 10,
    },
    {
      figure: 1,
      prompt: 'After training, how many eigenvalues of the first layer will stand past the bulk’s Tracy–Widom edge?',
      answer: (result) => Number(result.table.at(-1)?.fc1_spikes ?? NaN),
      min: 0,
      max: 50,
    },
  ],
};
