import { ParameterError } from '../../core/errors.js';
import { DATASETS, GRID_KNOBS, MAX_TEACHER_EXAMPLES, MNIST_COUNT, MODELS, TRAIN_DEFAULTS, type DatasetName, type GridKnob, type TrainParams } from '../../core/train/params.js';
import type { CommandContext, OptionSpec } from '../command.js';
import { parseChoice, parseInteger, parseList, parseNumber, parseSeedFlag, required, withFlagNames } from '../parse.js';
import { NODE_BACKENDS, type NodeBackend } from './platform.js';

/** The flags of `vsdl train` and `vsdl train-grid`, and their mapping to the engine's parameters. */

const d = TRAIN_DEFAULTS;

export const TRAIN_OPTIONS: Record<string, OptionSpec> = {
  model: { type: 'string', value: 'M', description: MODELS.join(', '), default: d.model },
  data: { type: 'string', value: 'D', description: 'mnist (10,000 digits) or teacher (Gaussian inputs labelled by a random linear teacher)', default: d.data },
  'batch-size': { type: 'string', value: 'B', description: 'examples per SGD step', default: String(d.batchSize) },
  epochs: { type: 'string', value: 'E', description: 'passes over the training set (0: only the random network)', default: String(d.epochs) },
  lr: { type: 'string', value: 'ε', description: 'learning rate', default: String(d.learningRate) },
  momentum: { type: 'string', value: 'μ', description: 'momentum in [0, 1)', default: String(d.momentum) },
  'weight-decay': { type: 'string', value: 'λ', description: 'L2 weight decay in [0, 1)', default: String(d.weightDecay) },
  'train-size': { type: 'string', value: 'N', description: 'training examples', default: String(d.trainSize) },
  'test-size': { type: 'string', value: 'N', description: 'test examples (the same digits whatever --train-size)', default: String(d.testSize) },
  'label-noise': { type: 'string', value: 'F', description: 'fraction of training labels replaced by random classes, in [0, 1]', default: '0' },
  'input-noise': { type: 'string', value: 'S', description: 'SD of Gaussian noise added to each training input at every presentation', default: '0' },
  patience: { type: 'string', value: 'P', description: 'stop after P epochs without a lower test loss (0: never)', default: '0' },
  seed: { type: 'string', value: 'S', description: 'integer or string seed: split, labels, initial weights, batch order, noise', default: String(d.seed) },
  backend: { type: 'string', value: 'B', description: `TensorFlow.js backend: ${NODE_BACKENDS.join(' (WebAssembly, XNNPACK) or ')} (plain JavaScript)`, default: 'wasm' },
};

/** Engine parameter → the flag that sets it (for withFlagNames), so that every message names what the user typed. */
export const PARAM_FLAGS: Record<string, string> = {
  model: '--model',
  data: '--data',
  batchSize: '--batch-size',
  epochs: '--epochs',
  learningRate: '--lr',
  momentum: '--momentum',
  weightDecay: '--weight-decay',
  trainSize: '--train-size',
  testSize: '--test-size',
  labelNoise: '--label-noise',
  inputNoise: '--input-noise',
  patience: '--patience',
  seed: '--seed',
};

/**
 * Runs f (which resolves the training parameters from the flags) with the engine's messages naming flags; a value
 * the user never typed, a default that does not fit the flags given, is called the default and set against the
 * flag it conflicts with: --test-size 5000 leaves the default --train-size 8000 no room in mnist's 10,000 digits.
 */
export function withTrainFlagNames<T>(o: CommandContext['options'], f: () => T): T {
  try {
    return withFlagNames(PARAM_FLAGS, f);
  } catch (error) {
    if (!(error instanceof ParameterError) || !error.parameter.startsWith('--') || o[error.parameter.slice(2)] !== undefined) throw error;
    throw new ParameterError(error.parameter, error.value, error.allowed, defaultConflict(error, o));
  }
}

/** Why a default value was refused, in words that name the flags involved. */
function defaultConflict(error: ParameterError, o: CommandContext['options']): string {
  const flag = error.parameter;
  const prefix = `the default, as ${flag} was not given`;
  if (flag === '--train-size') {
    const data = typeof o.data === 'string' ? o.data.trim() : d.data;
    const total = data === 'teacher' ? `${MAX_TEACHER_EXAMPLES.toLocaleString('en-US')} examples --data teacher draws at most` : `${MNIST_COUNT.toLocaleString('en-US')} digits of mnist`;
    const test = o['test-size'] === undefined ? `--test-size ${d.testSize} (the default)` : `--test-size ${String(o['test-size'])}`;
    return `${prefix}: with ${test} the two exceed the ${total}`;
  }
  // The engine's range for --batch-size ends at the run's (or the grid cell's) training-set size.
  const train = /^an integer in \[1, (\d+)\]$/.exec(error.allowed)?.[1];
  if (flag === '--batch-size' && train !== undefined) return `${prefix}: it exceeds --train-size ${train}`;
  return prefix;
}

export function backendFlag(o: CommandContext['options']): NodeBackend {
  return parseChoice('backend', o.backend, NODE_BACKENDS, 'wasm')!;
}

/** The flags that take one number per run, and how each is read. */
const NUMERIC: [flag: string, param: keyof TrainParams, integer: boolean][] = [
  ['batch-size', 'batchSize', true],
  ['epochs', 'epochs', true],
  ['lr', 'learningRate', false],
  ['momentum', 'momentum', false],
  ['weight-decay', 'weightDecay', false],
  ['train-size', 'trainSize', true],
  ['test-size', 'testSize', true],
  ['label-noise', 'labelNoise', false],
  ['input-noise', 'inputNoise', false],
  ['patience', 'patience', true],
];

/**
 * Parameters of one run from the flags (given values only; the engine fills and checks the rest). With `grid`,
 * the knobs a grid may vary take comma lists, returned as axes.
 */
export function trainParamsFromFlags(o: CommandContext['options'], grid = false): { params: Partial<TrainParams>; axes: Partial<Record<GridKnob, number[]>> } {
  const params: Partial<TrainParams> = {
    model: parseChoice('model', o.model, MODELS, d.model),
    data: parseChoice('data', o.data, DATASETS, d.data),
  };
  const axes: Partial<Record<GridKnob, number[]>> = {};
  for (const [flag, param, integer] of NUMERIC) {
    const text = o[flag];
    if (text === undefined) continue;
    const value = required(flag, text, integer ? 'an integer' : 'a number');
    if (grid && (GRID_KNOBS as readonly string[]).includes(param) && value.includes(',')) {
      axes[param as GridKnob] = parseList(flag, value).map((x) => (integer ? integerValue(flag, x, o, params.data!) : x));
    } else {
      (params as Record<string, number>)[param] = integer ? integerFlag(flag, value, o, params.data!) : parseNumber(flag, value);
    }
  }
  if (o.seed !== undefined) params.seed = parseSeedFlag('seed', o.seed);
  return { params, axes };
}

/** The most epochs (and --patience) resolveTrainParams allows. */
const MAX_EPOCHS = 10_000;

/**
 * An integer flag's value. A value written as an integer goes to the engine, whose message gives the range it
 * checks (--batch-size 0: "an integer in [1, 300]"); one that is not an integer, or too large to be one, is refused
 * here with that same range.
 */
function integerFlag(flag: string, value: string, o: CommandContext['options'], data: DatasetName): number {
  try {
    return parseInteger(flag, value, 0);
  } catch (error) {
    if (!(error instanceof ParameterError)) throw error;
    const allowed = integerRange(flag, o, data);
    const refused = new ParameterError(error.parameter, error.value, allowed);
    refused.message = error.message.replace(/; allowed: [^]*$/, `; allowed: ${allowed}`);
    throw refused;
  }
}

/** One value of a grid axis given as a comma list. */
function integerValue(flag: string, x: number, o: CommandContext['options'], data: DatasetName): number {
  if (!Number.isSafeInteger(x) || x < 0) throw new ParameterError(`--${flag}`, x, integerRange(flag, o, data).replace(/^an integer/, 'integers'));
  return x;
}

/** The range resolveTrainParams checks an integer flag against, as its messages write it. */
function integerRange(flag: string, o: CommandContext['options'], data: DatasetName): string {
  const total = data === 'mnist' ? MNIST_COUNT : MAX_TEACHER_EXAMPLES;
  // Another flag's value when it is one plain integer (the default when not given), else null.
  const single = (name: string, fallback: number): number | null => {
    const text = o[name];
    if (text === undefined) return fallback;
    return typeof text === 'string' && /^(0|[1-9]\d*)$/.test(text.trim()) ? Number(text.trim()) : null;
  };
  switch (flag) {
    case 'epochs':
    case 'patience':
      return `an integer in [0, ${MAX_EPOCHS}]`;
    case 'test-size':
      return `an integer in [1, ${total - 1}]`;
    case 'train-size': {
      const test = single('test-size', d.testSize);
      return test !== null && test >= 1 && test < total ? `an integer in [1, ${total - test}]` : `an integer in [1, ${total} − the test size]`;
    }
    case 'batch-size': {
      const train = single('train-size', d.trainSize);
      return train !== null && train >= 1 ? `an integer in [1, ${train}]` : 'an integer in [1, N], N the number of training examples (--train-size)';
    }
    default:
      return 'an integer ≥ 0';
  }
}
