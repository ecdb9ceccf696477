/**
 * The training lab's shared definitions: how its values become the core's training parameters, which layers a
 * model has, what a run costs before it starts, and the training worker's contract (one line per call). Pure and
 * free of TensorFlow.js: the page reads this without loading the engine.
 */
import { parseSeed } from '../core/random/index.js';
import { modelSpec } from '../core/train/architectures.js';
import { estimateTrainSeconds } from '../core/train/cost.js';
import { resolveTrainParams, TRAIN_DEFAULTS, type ModelName, type TrainParams } from '../core/train/params.js';
import type { EpochRecord, RunStatus, TrainRecord } from '../core/train/record.js';
import type { TrainProgress } from '../core/train/train.js';
import type { LabValues } from './definitions.js';
import type { Estimate } from './estimate.js';

export type TrainLabValues = LabValues<'train'>;

/** A training run above this many seconds by its estimate waits for "run anyway" (pressing Train is already a choice). */
export const TRAIN_ASK_SECONDS = 120;

/** The analysed layers (weights, not biases) of a model, in the record's order: 'fc1.kernel', … */
export function trainLayers(model: ModelName): string[] {
  return modelSpec(model).parameters.filter((p) => p.kind === 'kernel').map((p) => p.name);
}

/** The core's parameters of the lab's values (the view-only `layer` is not one; the test set is the CLI's). */
export function trainParamsOf(v: TrainLabValues): Partial<TrainParams> {
  return {
    model: v.model,
    data: v.data,
    batchSize: v.batchSize,
    learningRate: v.learningRate,
    momentum: v.momentum,
    weightDecay: v.weightDecay,
    epochs: v.epochs,
    patience: v.patience,
    trainSize: v.trainSize,
    testSize: TRAIN_DEFAULTS.testSize,
    labelNoise: v.labelNoise,
    inputNoise: v.inputNoise,
    // As the CLI reads --seed: '1' is the integer 1, so run.json says what `vsdl train --seed 1` says.
    seed: parseSeed(v.seed),
  };
}

/** A run's cost by the core's own estimate (rates of the WebAssembly backend; a GPU is usually quicker). */
export function trainEstimate(v: TrainLabValues): Estimate {
  const seconds = estimateTrainSeconds(resolveTrainParams(trainParamsOf(v)));
  return { seconds, ask: seconds > TRAIN_ASK_SECONDS };
}

/** What a training run reports after every epoch (epoch 0 is the random network). */
export interface EpochUpdate {
  epoch: EpochRecord;
  status: RunStatus;
  /** The TensorFlow.js backend that runs the job: 'webgl', 'webgpu' or 'wasm'. */
  backend: string;
  /** The run's record without its epochs (model, params, seed, software, knobs…): a cancelled run is exported from it. */
  header: Omit<TrainRecord, 'epochs'>;
  /** Eigenvalues of WᵀW (ascending) of every analysed layer, in the record's order. */
  spectra: { name: string; eigenvalues: Float64Array }[];
}

export interface TrainOutcome {
  /** The whole record, as `vsdl train --json` writes it (status `interrupted` when cancelled). */
  record: TrainRecord;
  /** Wall-clock seconds from the call to the end. */
  seconds: number;
}

/**
 * The training worker's contract (workers/trainApi.ts implements it; the page calls it through comlink). A run's
 * parameters are checked by the core on arrival, like `vsdl train`'s flags.
 */
export interface TrainWorkerApi {
  /** Job: trains and streams every epoch (spectra transferred); a cancelled run resolves with the epochs done. `backend`: 'auto' is WebGL on a hardware GPU, WebAssembly otherwise. */
  run: (job: number, params: Partial<TrainParams>, backend?: 'auto' | 'webgl' | 'wasm' | 'cpu', onEpoch?: (update: EpochUpdate) => void, onProgress?: (progress: TrainProgress) => void) => Promise<TrainOutcome>;
  /** Stops a run after its current step; false when no run of that id is going. */
  cancel: (job: number) => boolean;
}

/** The message the training worker posts once its module has loaded. */
export const TRAIN_WORKER_READY = 'vsdl-train-worker-ready';
