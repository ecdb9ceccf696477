import { ParameterError } from '../errors.js';
import { validateSeed, type Seed } from '../random/index.js';
import { inRange, integer, oneOf } from '../validate.js';

/** The knobs of a training run, checked once at the boundary; everything inside trusts them. */

export const MODELS = ['mlp3', 'lenet5', 'minialexnet'] as const;
export type ModelName = (typeof MODELS)[number];

export const DATASETS = ['mnist', 'teacher'] as const;
export type DatasetName = (typeof DATASETS)[number];

/** Digits in the `mnist` package, and the most Gaussian examples the teacher task makes (train + test, ~160 MB). */
export const MNIST_COUNT = 10_000;
export const MAX_TEACHER_EXAMPLES = 50_000;

export interface TrainParams {
  model: ModelName;
  data: DatasetName;
  batchSize: number;
  epochs: number;
  learningRate: number;
  momentum: number;
  weightDecay: number;
  trainSize: number;
  testSize: number;
  /** Fraction of training examples whose label is replaced by a uniformly random class (Zhang et al. 2017). */
  labelNoise: number;
  /** Standard deviation of Gaussian noise added to every training input each time it is presented. */
  inputNoise: number;
  /** Stop after this many epochs without a lower test loss; 0 never stops early. */
  patience: number;
  seed: Seed;
}

export const TRAIN_DEFAULTS: Omit<TrainParams, 'seed'> & { seed: number } = Object.freeze({
  model: 'mlp3',
  data: 'mnist',
  batchSize: 32,
  epochs: 10,
  learningRate: 0.01,
  momentum: 0.9,
  weightDecay: 0,
  trainSize: 8000,
  testSize: 2000,
  labelNoise: 0,
  inputNoise: 0,
  patience: 0,
  seed: 1,
});

/** Most cells of a training grid (grid.ts; readers of its output check the same bound). */
export const MAX_GRID_CELLS = 1024;

/** The knobs a grid may vary (grid.ts): load-like first, then temperature-like. */
export const GRID_KNOBS = ['trainSize', 'labelNoise', 'batchSize', 'learningRate'] as const;
export type GridKnob = (typeof GRID_KNOBS)[number];
/** The JSON names of the knobs. */
export const KNOB_FIELDS: Record<GridKnob, 'train_size' | 'label_noise' | 'batch_size' | 'learning_rate'> = {
  trainSize: 'train_size',
  labelNoise: 'label_noise',
  batchSize: 'batch_size',
  learningRate: 'learning_rate',
};

/** The serialised parameters (snake_case), as recorded in run.json. */
export interface TrainParamsRecord {
  batch_size: number;
  epochs: number;
  learning_rate: number;
  momentum: number;
  weight_decay: number;
  train_size: number;
  test_size: number;
  label_noise: number;
  input_noise: number;
  patience: number;
}

/** Fills defaults and checks every knob; a ParameterError names the first one that is out of range. */
export function resolveTrainParams(input: Partial<TrainParams> = {}): TrainParams {
  if (input === null || typeof input !== 'object') throw new ParameterError('params', input, 'an object of training parameters');
  const known = new Set(Object.keys(TRAIN_DEFAULTS));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) throw new ParameterError(key, (input as Record<string, unknown>)[key], `one of the parameters ${[...known].join(', ')}`);
  }
  const p = { ...TRAIN_DEFAULTS, ...dropUndefined(input) };
  const model = oneOf('model', p.model, MODELS);
  const data = oneOf('data', p.data, DATASETS);
  const testSize = integer('testSize', p.testSize, 1, data === 'mnist' ? MNIST_COUNT - 1 : MAX_TEACHER_EXAMPLES - 1);
  const available = data === 'mnist' ? MNIST_COUNT - testSize : MAX_TEACHER_EXAMPLES - testSize;
  const trainSize = integer('trainSize', p.trainSize, 1, available);
  return {
    model,
    data,
    batchSize: integer('batchSize', p.batchSize, 1, trainSize),
    epochs: integer('epochs', p.epochs, 0, 10_000),
    learningRate: inRange('learningRate', p.learningRate, 0, 10, { minOpen: true }),
    momentum: inRange('momentum', p.momentum, 0, 1, { maxOpen: true }),
    weightDecay: inRange('weightDecay', p.weightDecay, 0, 1, { maxOpen: true }),
    trainSize,
    testSize,
    labelNoise: inRange('labelNoise', p.labelNoise, 0, 1),
    inputNoise: inRange('inputNoise', p.inputNoise, 0, 100),
    patience: integer('patience', p.patience, 0, 10_000),
    seed: validateSeed(p.seed),
  };
}

export function trainParamsRecord(p: TrainParams): TrainParamsRecord {
  return {
    batch_size: p.batchSize,
    epochs: p.epochs,
    learning_rate: p.learningRate,
    momentum: p.momentum,
    weight_decay: p.weightDecay,
    train_size: p.trainSize,
    test_size: p.testSize,
    label_noise: p.labelNoise,
    input_noise: p.inputNoise,
    patience: p.patience,
  };
}

/** The inverse of trainParamsRecord for the fields a record holds (null: not fixed, e.g. a grid's varied knob). */
export function trainParamsFromRecord(record: { [K in keyof TrainParamsRecord]?: number | null }): Partial<TrainParams> {
  if (record === null || typeof record !== 'object') throw new ParameterError('params', record, 'an object of serialised training parameters');
  const fields: Record<keyof TrainParamsRecord, keyof TrainParams> = {
    batch_size: 'batchSize',
    epochs: 'epochs',
    learning_rate: 'learningRate',
    momentum: 'momentum',
    weight_decay: 'weightDecay',
    train_size: 'trainSize',
    test_size: 'testSize',
    label_noise: 'labelNoise',
    input_noise: 'inputNoise',
    patience: 'patience',
  };
  const params: Record<string, number> = {};
  for (const [field, param] of Object.entries(fields)) {
    const value = record[field as keyof TrainParamsRecord];
    if (value !== null && value !== undefined) params[param] = value;
  }
  return params as Partial<TrainParams>;
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
