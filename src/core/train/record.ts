import * as tf from '@tensorflow/tfjs-core';
import { GENERATOR, type Seed } from '../random/index.js';
import { SOFTWARE } from '../../version.js';
import { analyzeLayer, selectWeights, type LayerRecord, type ModelTensor } from '../analyze/index.js';
import type { Model, ModelSpec } from './models.js';
import type { DatasetName, ModelName, TrainParamsRecord } from './params.js';
import type { Knobs } from './knobs.js';

/** The serialised record of a run (run.json): snake_case fields, one entry per epoch from the random epoch 0. */

export type RunStatus = 'running' | 'complete' | 'stopped-early' | 'interrupted' | 'diverged';

export interface EpochRecord {
  epoch: number;
  train_loss: number;
  train_acc: number;
  test_loss: number;
  test_acc: number;
  /** Mean α over the analysed layers with a power-law fit (null when none has one). */
  alpha_mean: number | null;
  /** WeightWatcher's α̂: the mean over those layers of α·log10 λ_max. */
  alpha_weighted_mean: number | null;
  /** Mean spectral entropy over the analysed layers (1 = flat spectrum). */
  entropy_mean: number | null;
  layers: LayerRecord[];
}

export interface TrainRecord {
  model: ModelName;
  data: DatasetName;
  params: TrainParamsRecord;
  seed: Seed;
  backend: string;
  software: typeof SOFTWARE & { tfjs: string };
  generator: typeof GENERATOR;
  architecture: { parameters: { name: string; shape: number[] }[]; weights: number; macs_per_example: number };
  knobs: Knobs;
  status: RunStatus;
  /** What stopped the run early, diverged or was interrupted; empty otherwise. */
  reason: string;
  epochs: EpochRecord[];
}

export function recordHeader(spec: ModelSpec, data: DatasetName, params: TrainParamsRecord, seed: Seed, backend: string, knobs: Knobs): TrainRecord {
  return {
    model: spec.name,
    data,
    params,
    seed,
    backend,
    software: { ...SOFTWARE, tfjs: tf.version_core },
    generator: GENERATOR,
    architecture: {
      parameters: spec.parameters.map((p) => ({ name: p.name, shape: [...p.shape] })),
      weights: weightCount(spec),
      macs_per_example: spec.macs,
    },
    knobs,
    status: 'running',
    reason: '',
    epochs: [],
  };
}

export function weightCount(spec: ModelSpec): number {
  return spec.parameters.reduce((sum, p) => sum + p.shape.reduce((a, b) => a * b, 1), 0);
}

/** A parameter of a trained model, as the layer analysis and the model files take it. */
export interface ParameterTensor extends ModelTensor {
  data: Float32Array;
}

/** The model's parameters as named float32 arrays (copies), kernels in TensorFlow's layout. */
export function modelTensors(model: Model): ParameterTensor[] {
  return model.spec.parameters.map((p, i) => ({
    name: p.name,
    shape: [...p.shape],
    data: model.variables[i].dataSync() as Float32Array,
    ...(p.shape.length === 4 ? { layout: 'hwio' as const } : {}),
  }));
}

/**
 * Every layer weight's analysis (analyzeModel's selection and records: biases are skipped), and the model averages
 * over them. `pause` is awaited between layers, so that the analysis can yield to the event loop and hear a cancel.
 */
export async function analyzeEpoch(tensors: ModelTensor[], pause?: () => Promise<void>): Promise<Pick<EpochRecord, 'alpha_mean' | 'alpha_weighted_mean' | 'entropy_mean' | 'layers'>> {
  const layers: LayerRecord[] = [];
  for (const { tensor, layout } of selectWeights(tensors).weights) {
    await pause?.();
    layers.push(analyzeLayer(tensor, { layout }));
  }
  const mean = (values: (number | null)[]) => {
    const ok = values.filter((v): v is number => v !== null && Number.isFinite(v));
    return ok.length === 0 ? null : ok.reduce((a, b) => a + b, 0) / ok.length;
  };
  return {
    alpha_mean: mean(layers.map((l) => l.alpha)),
    alpha_weighted_mean: mean(layers.map((l) => l.alpha_weighted)),
    entropy_mean: mean(layers.map((l) => l.entropy)),
    layers,
  };
}

/** The phase whose layers hold the most weights (ties: the earlier layer's); null when no layer has a phase. */
export function dominantPhase(layers: readonly LayerRecord[]): string | null {
  const weight = new Map<string, number>();
  for (const l of layers) {
    if (!l.phase) continue;
    weight.set(l.phase, (weight.get(l.phase) ?? 0) + l.shape.reduce((a, b) => a * b, 1));
  }
  let best: string | null = null;
  for (const [phase, w] of weight) if (best === null || w > weight.get(best)!) best = phase;
  return best;
}
