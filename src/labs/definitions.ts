/**
 * The labs and their fields: one table per lab with every control's default and limits. The page builds its
 * controls and parses its URL from these tables, and the worker checks every request against them, so the page can
 * never offer a value the worker refuses.
 */
import { BACKEND_REQUESTS } from '../core/backends.js';
import { columnsFor, HEAVY_TAILED_LAWS } from '../core/ensembles/index.js';
import { DATASETS, MAX_TEACHER_EXAMPLES, MODELS, TRAIN_DEFAULTS } from '../core/train/params.js';
import { COUPLING_LAWS, DEFAULT_LANDSCAPE_LIMITS, DESCENT_RULES, LANDSCAPE_METHODS, MIN_MU } from '../core/landscape/index.js';
import { boolField, enumField, listField, numberField, seedField, type Field, type FieldValue } from './fields.js';

export const LAB_IDS = ['spectrum', 'edge', 'fitter', 'phase', 'landscape', 'train'] as const;
export type LabId = (typeof LAB_IDS)[number];

export const LAB_TITLES: Record<LabId, string> = {
  spectrum: 'Spectrum',
  edge: 'Edge',
  fitter: 'Fitter',
  phase: 'Phase',
  landscape: 'Landscape',
  train: 'Training',
};

/** Largest minibatch the training lab offers (the batch-size experiment's largest). */
export const MAX_TRAIN_BATCH = 1024;
/** Most epochs the training lab runs: every epoch's spectra stay in the page. */
export const MAX_TRAIN_EPOCHS = 100;
/** Most analysed layers of any model (lenet5 and minialexnet have five): the `layer` field's range. */
export const MAX_TRAIN_LAYERS = 5;

/** The heavy-tailed element laws, as the core describes them (src/core/ensembles/laws.ts). */
export const HEAVY_LAWS = HEAVY_TAILED_LAWS;

/** Beyond this many eigenvalues a spectrum takes seconds: the lab asks before running it. */
export const SLOW_M = 3000;
/** Hard cap of the dense labs (memory and minutes, not theory, set it). */
export const MAX_M = 6000;
/**
 * Eigenvalues below this fraction of λ_max are rounding, not spectrum (the dense solver is accurate to about 1e-14
 * of λ_max): the spectrum lab does not draw them and says how many there are.
 */
export const SPECTRUM_RESOLUTION = 1e-12;
/** Largest upload read (a 4000×4000 float64 matrix is 128 MB). */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
/** Widest uploaded matrix fitted: a dense spectrum of a bigger one would hold the worker for minutes. */
export const MAX_UPLOAD_COLUMNS = 4000;
/**
 * The landscape lab's spins: a quench costs about 3N² field updates and the spectrum of J N³, so N = 1000 is
 * seconds per hundred quenches and a fraction of a second per spectrum, which a cancel can still interrupt.
 */
export const LANDSCAPE_MAX_N = 1000;
/** Largest N the landscape lab enumerates: the core's limit for enumerating without confirmation (2^35 configurations). */
export const LANDSCAPE_MAX_ENUMERATION_N = DEFAULT_LANDSCAPE_LIMITS.maxEnumerationN;
/** Minima kept per coupling law (instances × quenches), so that a run's minima stay a few megabytes. */
export const LANDSCAPE_MAX_MINIMA = 100_000;

export const LAB_FIELDS = {
  spectrum: {
    ensemble: enumField('ensemble', ['gaussian', 'spiked', 'heavy-tailed'], 'gaussian'),
    law: enumField('element law', HEAVY_LAWS, 'pareto'),
    n: numberField('N (rows)', 1000, 2, 20000, { integer: true }),
    q: numberField('Q = N/M', 2, 1, 20, { step: 0.05 }),
    sigma: numberField('σ', 1, 0.05, 5, { step: 0.01 }),
    mu: numberField('μ (tail)', 3, 0.2, 8, { step: 0.05 }),
    spikes: listField('spikes', [4], 0, 1000, 6),
    spikeModel: enumField('spike model', ['covariance', 'additive'], 'covariance'),
    bins: numberField('bins', 80, 10, 300, { integer: true }),
    seed: seedField('seed', '1'),
  },
  edge: {
    ensemble: enumField('ensemble', ['gaussian', 'heavy-tailed'], 'gaussian'),
    law: enumField('element law', HEAVY_LAWS, 'pareto'),
    n: numberField('N (rows)', 400, 4, 100000, { integer: true }),
    q: numberField('Q = N/M', 2, 1, 20, { step: 0.05 }),
    mu: numberField('μ (tail)', 3, 0.2, 8, { step: 0.05 }),
    draws: numberField('draws', 400, 20, 5000, { integer: true }),
    bins: numberField('bins', 40, 10, 200, { integer: true }),
    seed: seedField('seed', '1'),
    backend: enumField('compute on', BACKEND_REQUESTS, 'auto'),
  },
  fitter: {
    law: enumField('element law', HEAVY_LAWS, 'pareto'),
    n: numberField('N (rows)', 600, 20, 4000, { integer: true }),
    q: numberField('Q = N/M', 2, 1, 20, { step: 0.05 }),
    // A batch needs at least one μ: an empty one would draw an empty chart and export empty files.
    mus: listField('μ values', [1, 1.5, 2, 2.5, 3, 3.5, 4, 5], 0.2, 8, 16, { minLength: 1 }),
    reps: numberField('seeds per μ', 3, 1, 10, { integer: true }),
    seed: seedField('seed', '1'),
  },
  phase: {
    mode: enumField('map', ['perceptron', 'layer'], 'perceptron'),
    weights: enumField('student', ['ising', 'spherical'], 'ising'),
    observable: enumField('show', ['eps_g', 'R', 'q', 'eps_t'], 'eps_g'),
    alphaMax: numberField('α max', 3, 0.5, 10, { step: 0.1 }),
    alphaSteps: numberField('α steps', 24, 4, 60, { integer: true }),
    tauMax: numberField('τ max', 1, 0.05, 5, { step: 0.05 }),
    tauSteps: numberField('τ steps', 12, 2, 40, { integer: true }),
    noise: numberField('label noise p', 0, 0, 0.5, { step: 0.01 }),
    mcN: numberField('MC: N', 50, 10, 400, { integer: true }),
    mcAlphaSteps: numberField('MC: α cells', 6, 2, 16, { integer: true }),
    mcTauSteps: numberField('MC: τ cells', 4, 2, 16, { integer: true }),
    teacher: enumField('layer: teacher', ['spiked', 'gaussian'], 'spiked'),
    layerSpikes: listField('layer: spikes ℓ', [5, 10], 1, 1000, 6),
    layerK: numberField('layer: K (rows)', 40, 10, 200, { integer: true }),
    layerN: numberField('layer: N (inputs)', 80, 10, 400, { integer: true }),
    layerAlphaSteps: numberField('layer: α cells', 4, 2, 12, { integer: true }),
    layerTauSteps: numberField('layer: τ cells', 3, 1, 8, { integer: true }),
    samples: numberField('MC: samples', 1, 1, 8, { integer: true }),
    sweeps: numberField('MC: sweeps', 300, 50, 5000, { integer: true }),
    seed: seedField('seed', '1'),
    backend: enumField('compute on', BACKEND_REQUESTS, 'auto'),
  },
  landscape: {
    couplings: enumField('couplings', COUPLING_LAWS, 'pareto'),
    mu: numberField('μ (tail)', 1.5, MIN_MU, 8, { step: 0.05 }),
    compare: boolField('beside Gaussian (SK) couplings', true),
    planted: numberField('planted λ', 0, 0, 10, { step: 0.1 }),
    n: numberField('N (spins)', 24, 2, LANDSCAPE_MAX_N, { integer: true }),
    instances: numberField('instances', 8, 1, 100, { integer: true }),
    method: enumField('ground state', LANDSCAPE_METHODS, 'enumerate'),
    quenches: numberField('quenches per instance', 300, 1, 10_000, { integer: true }),
    rule: enumField('descent rule', DESCENT_RULES, 'greedy'),
    sizes: listField('widths at N =', [16, 32, 64, 128], 4, LANDSCAPE_MAX_N, 6, { integer: true }),
    units: enumField('gap units', ['per-spin', 'relative'], 'per-spin'),
    seed: seedField('seed', '1'),
  },
  // The training lab's knobs are the core's TrainParams by name (`vsdl train`'s defaults); limits lie inside the
  // core's, which the worker applies again. The test set is the CLI's default 2,000 examples.
  train: {
    model: enumField('model', MODELS, TRAIN_DEFAULTS.model),
    data: enumField('data', DATASETS, TRAIN_DEFAULTS.data),
    batchSize: numberField('batch size', TRAIN_DEFAULTS.batchSize, 1, MAX_TRAIN_BATCH, { integer: true }),
    learningRate: numberField('learning rate ε', TRAIN_DEFAULTS.learningRate, 0.0001, 1, { step: 0.0001 }),
    momentum: numberField('momentum μ', TRAIN_DEFAULTS.momentum, 0, 0.99, { step: 0.01 }),
    weightDecay: numberField('weight decay λ', TRAIN_DEFAULTS.weightDecay, 0, 0.01, { step: 0.0001 }),
    epochs: numberField('epochs', TRAIN_DEFAULTS.epochs, 1, MAX_TRAIN_EPOCHS, { integer: true }),
    patience: numberField('patience (0: never stop early)', TRAIN_DEFAULTS.patience, 0, MAX_TRAIN_EPOCHS, { integer: true }),
    trainSize: numberField('training examples', TRAIN_DEFAULTS.trainSize, 10, MAX_TEACHER_EXAMPLES - TRAIN_DEFAULTS.testSize, { integer: true }),
    labelNoise: numberField('randomized labels (fraction)', TRAIN_DEFAULTS.labelNoise, 0, 1, { step: 0.01 }),
    inputNoise: numberField('input noise σ', TRAIN_DEFAULTS.inputNoise, 0, 5, { step: 0.05 }),
    seed: seedField('seed', String(TRAIN_DEFAULTS.seed)),
    layer: numberField('layer shown', 1, 1, MAX_TRAIN_LAYERS, { integer: true }),
  },
} satisfies Record<LabId, Record<string, Field>>;

export type LabFields = typeof LAB_FIELDS;
type ValueOf<F> = F extends { default: infer T } ? T : never;
/** A lab's values, field by field, with each field's own type (enums as the union of their options). */
export type LabValues<L extends LabId> = { [K in keyof LabFields[L]]: ValueOf<LabFields[L][K]> };
/** The values of every lab at once (the page keeps them all, so switching labs loses nothing). */
export type AllLabValues = { [L in LabId]: LabValues<L> };
/** Any lab's values, seen as a record of field values (for code that walks the field table). */
export type AnyLabValues = Record<string, FieldValue>;

/** A lab's field table, seen as a record (for code that walks it by name). */
export function labFields(lab: LabId): Readonly<Record<string, Field>> {
  return LAB_FIELDS[lab];
}

export function isLabId(text: string): text is LabId {
  return (LAB_IDS as readonly string[]).includes(text);
}

/** Number of eigenvalues M of an N×M matrix with aspect ratio Q (the core's definition). */
export { columnsFor };

/**
 * Which fields each of the phase lab's computations reads: changing one of them makes that computation's picture
 * stale (the theory map, the Monte Carlo cells, the layer map).
 */
export const PHASE_INPUTS: Record<'theory' | 'monteCarlo' | 'layer', readonly string[]> = {
  theory: ['weights', 'alphaMax', 'alphaSteps', 'tauMax', 'tauSteps', 'noise'],
  // The backend changes the Monte Carlo's numbers (the GPU's chains have streams of their own), not their law.
  monteCarlo: ['weights', 'alphaMax', 'tauMax', 'noise', 'mcN', 'mcAlphaSteps', 'mcTauSteps', 'samples', 'sweeps', 'seed', 'backend'],
  layer: ['weights', 'alphaMax', 'tauMax', 'teacher', 'layerSpikes', 'layerK', 'layerN', 'layerAlphaSteps', 'layerTauSteps', 'samples', 'sweeps', 'seed', 'backend'],
} satisfies Record<string, readonly (keyof LabFields['phase'])[]>;
