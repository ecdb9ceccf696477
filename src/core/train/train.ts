import * as tf from '@tensorflow/tfjs-core';
import { ParameterError } from '../errors.js';
import { createStream } from '../random/index.js';
import type { AbortSignalLike } from '../vsdl/abort.js';
import { BatchBuilder } from './batches.js';
import { splitData, type LabelledImages } from './data.js';
import { evaluate } from './evaluate.js';
import { knobs } from './knobs.js';
import { createModel, modelSpec, type Model } from './models.js';
import { resolveTrainParams, trainParamsRecord, type TrainParams } from './params.js';
import { permutation } from './permutation.js';
import { analyzeEpoch, modelTensors, recordHeader, weightCount, type EpochRecord, type ParameterTensor, type TrainRecord } from './record.js';
import { Sgd } from './sgd.js';

export interface TrainProgress {
  /** The epoch being trained (1-based; 0 while the random network is measured). */
  epoch: number;
  epochs: number;
  /** Minibatch steps done in this epoch, of `steps`. */
  step: number;
  steps: number;
  /** Fraction of the whole run's steps done, in [0, 1]. */
  fraction: number;
}

export interface TrainHooks {
  /** The MNIST digits, for data 'mnist' (reading them is the platform's job). */
  mnist?: LabelledImages;
  signal?: AbortSignalLike;
  /** After every epoch (epoch 0 included) with its record, the run so far, the weights it was measured on and its timing. */
  onEpoch?: (epoch: EpochRecord, record: TrainRecord, tensors: ParameterTensor[], timing: EpochTiming) => void;
  /** Now and then during an epoch (at most every 25 ms, when the run yields to the event loop). */
  onProgress?: (progress: TrainProgress) => void;
}

/** Wall-clock seconds of an epoch's parts. Kept out of the record, which the seed alone determines. */
export interface EpochTiming {
  epoch: number;
  /** Minibatch steps (0 for epoch 0). */
  train: number;
  /** Loss and accuracy on the train and test sets. */
  evaluate: number;
  /** Every layer's spectral analysis. */
  analyze: number;
}

export interface TrainResult {
  record: TrainRecord;
  /** The final parameters (kernels and biases). */
  tensors: ParameterTensor[];
  timing: EpochTiming[];
}

/** A cancelled run; `record` holds the epochs completed before the cancel, with status 'interrupted'. */
export class TrainAbortError extends Error {
  constructor(
    readonly record: TrainRecord,
    reason: unknown,
  ) {
    super('training cancelled', { cause: reason });
    this.name = 'AbortError';
  }
}

/** How often a run yields to the event loop, so that a worker hears a cancel and a CLI hears Ctrl-C. */
const YIELD_MS = 25;

/**
 * Trains a model by minibatch SGD on the active TensorFlow.js backend and records, from the random epoch 0 on,
 * the train and test loss and accuracy and every layer's spectral analysis. All randomness (split, randomized
 * labels, initial weights, minibatch order, input noise) comes from named streams of the seed, so the same seed
 * and backend give the same record.
 */
export async function train(input: Partial<TrainParams>, hooks: TrainHooks = {}): Promise<TrainResult> {
  const params = resolveTrainParams(input);
  const backend = activeBackend();
  const split = splitData(params, hooks.mnist);
  const spec = modelSpec(params.model, [split.train.height, split.train.width, split.train.channels]);
  const root = createStream(params.seed, 'train');
  const record = recordHeader(spec, params.data, trainParamsRecord(params), params.seed, backend,
    knobs(params, weightCount(spec), split.randomizedLabels, split.changedLabels));
  const model = createModel(spec, root.fork('init'));
  const sgd = new Sgd(model.variables, params);
  const steps = Math.ceil(params.trainSize / params.batchSize);
  const clock = new Yielder(hooks, params.epochs, steps);
  const timing: EpochTiming[] = [];
  let best = { epoch: 0, loss: Infinity };
  try {
    await measure(0, 0);
    for (let epoch = 1; epoch <= params.epochs && record.status === 'running'; epoch++) {
      const start = performance.now();
      await trainEpoch(model, sgd, params, split.train, root, epoch, steps, clock);
      await measure(epoch, (performance.now() - start) / 1000);
    }
    if (record.status === 'running') record.status = 'complete';
    return { record, tensors: modelTensors(model), timing };
  } catch (error) {
    if (error instanceof TrainAbortError) throw error;
    if (hooks.signal?.aborted) {
      record.status = 'interrupted';
      record.reason = `cancelled after ${Math.max(0, record.epochs.length - 1)} of ${params.epochs} epochs`;
      throw new TrainAbortError(record, hooks.signal.reason);
    }
    throw error;
  } finally {
    sgd.dispose();
    model.dispose();
  }

  async function measure(epoch: number, trainSeconds: number): Promise<void> {
    const pause = () => clock.pause();
    const t0 = performance.now();
    const train = await evaluate(model, split.train, pause);
    const test = await evaluate(model, split.test, pause);
    const t1 = performance.now();
    const tensors = modelTensors(model);
    const entry: EpochRecord = { epoch, train_loss: train.loss, train_acc: train.accuracy, test_loss: test.loss, test_acc: test.accuracy, ...(await analyzeEpoch(tensors, pause)) };
    const t2 = performance.now();
    timing.push({ epoch, train: trainSeconds, evaluate: (t1 - t0) / 1000, analyze: (t2 - t1) / 1000 });
    record.epochs.push(entry);
    // A NaN weight does not always reach the loss (a ReLU turns NaN into 0, so the layers after it see zeros and
    // the loss stays finite): the weights are checked as well as the loss, before the loss counts as a result.
    const broken = nonFiniteLayers(tensors);
    if (!Number.isFinite(train.loss) || !Number.isFinite(test.loss)) {
      record.status = 'diverged';
      const loss = Number.isFinite(train.loss) ? test.loss : train.loss;
      record.reason = `the loss became ${loss} at epoch ${epoch}${broken.length ? ` (${brokenText(broken)})` : ''}: lower the learning rate`;
    } else if (broken.length > 0) {
      record.status = 'diverged';
      record.reason = `${brokenText(broken)} at epoch ${epoch}: lower the learning rate`;
    } else if (test.loss < best.loss) {
      best = { epoch, loss: test.loss };
    } else if (params.patience > 0 && epoch - best.epoch >= params.patience) {
      record.status = 'stopped-early';
      record.reason = `the test loss did not improve for ${params.patience} epochs (lowest ${best.loss.toPrecision(4)} at epoch ${best.epoch})`;
    }
    hooks.onEpoch?.(entry, record, tensors, timing.at(-1)!);
  }
}

/** The layers (in model order) that have a NaN or ±Infinity among their parameters, kernels or biases. */
function nonFiniteLayers(tensors: readonly ParameterTensor[]): string[] {
  const layers: string[] = [];
  for (const { name, data } of tensors) {
    const layer = name.replace(/\.(kernel|bias)$/, '');
    if (layers.includes(layer)) continue;
    for (let i = 0; i < data.length; i++) {
      // x − x is 0 for a finite x and NaN for NaN and ±Infinity.
      if (data[i] - data[i] !== 0) {
        layers.push(layer);
        break;
      }
    }
  }
  return layers;
}

function brokenText(layers: readonly string[]): string {
  return `the weights of ${layers.length === 1 ? 'layer' : 'layers'} ${layers.join(', ')} became NaN or infinite`;
}

async function trainEpoch(model: Model, sgd: Sgd, p: TrainParams, set: LabelledImages, root: ReturnType<typeof createStream>, epoch: number, steps: number, clock: Yielder): Promise<void> {
  const order = permutation(root.fork('order').fork(epoch), set.count);
  const builder = new BatchBuilder(set, p.batchSize);
  const noise = root.fork('input-noise').fork(epoch);
  for (let step = 0; step < steps; step++) {
    const from = step * p.batchSize;
    const to = Math.min(set.count, from + p.batchSize);
    tf.tidy(() => {
      const { x, y } = builder.build(from, to, order, p.inputNoise, p.inputNoise > 0 ? noise.fork(step) : undefined);
      const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.forward(x)) as tf.Scalar, model.variables);
      sgd.apply(grads);
    });
    await clock.tick(epoch, step + 1);
  }
}

/** Yields to the event loop every YIELD_MS, reports progress then, and throws when the signal has fired. */
class Yielder {
  private last = performance.now();

  constructor(
    private readonly hooks: TrainHooks,
    private readonly epochs: number,
    private readonly steps: number,
  ) {}

  async tick(epoch: number, step: number): Promise<void> {
    if (performance.now() - this.last < YIELD_MS && step < this.steps) return;
    await this.yield();
    const fraction = ((epoch - 1) * this.steps + step) / (this.epochs * this.steps);
    this.hooks.onProgress?.({ epoch, epochs: this.epochs, step, steps: this.steps, fraction });
  }

  /** Between the pieces of an epoch's measurement: a yield when one is due, no progress. */
  async pause(): Promise<void> {
    if (performance.now() - this.last >= YIELD_MS) await this.yield();
  }

  private async yield(): Promise<void> {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.last = performance.now();
    if (this.hooks.signal?.aborted) throw new Error('aborted');
  }
}

/** The name of the TensorFlow.js backend in use; an error that says what to do when none is ready. */
function activeBackend(): string {
  let name: string | undefined;
  try {
    name = tf.getBackend();
  } catch {
    name = undefined;
  }
  if (!name) throw new ParameterError('backend', 'none', 'a TensorFlow.js backend made ready by the platform (wasm or cpu in Node; wasm, webgl or webgpu in a browser)');
  if (!tf.getGradient('BatchMatMul')) {
    throw new ParameterError('backend', name, 'a TensorFlow.js setup with its gradients registered (the platform registers them)');
  }
  return name;
}
