import { ParameterError } from '../errors.js';
import { MIN_MP_EIGENVALUES } from '../fit/index.js';
import { oneOf } from '../validate.js';
import { analyzeLayer, checkFalsePositiveRate, type AnalyzeLayerOptions, type LayerRecord } from './layer.js';
import { CONV_LAYOUTS, weightGeometry, type ConvLayout, type WeightTensor } from './matrices.js';

/**
 * A whole model: which of its tensors are layer weights, and each one's record.
 *
 * The rule (first match skips the tensor, with the reason in `skipped`):
 *   1. not floating point (integer or boolean: step counters, indices, masks);
 *   2. not 2-D or 4-D: scalars and 1-D tensors are biases, normalization scales and running statistics;
 *      3-D and 5-D+ tensors are not dense weights or 2-D convolution kernels;
 *   3. fewer than 10 pooled eigenvalues, min(N, M)·k_h·k_w < 10 (WeightWatcher's min_evals): too few to fit.
 * Everything else is analysed: 2-D tensors as dense weights (embeddings included), 4-D tensors as convolution
 * kernels in the tensor's own layout or, failing that, the one in the options. An empty 2-D or 4-D float tensor
 * (a dimension of 0) is not skipped but analysed, and gets a failed record that says so: a weight with no entries
 * is a defect of the file, not a bias.
 */

/** A named tensor of any numeric type, as the model readers return them; `layout` states a 4-D kernel's layout. */
export interface ModelTensor {
  name: string;
  shape: readonly number[];
  data: ArrayBufferView;
  layout?: ConvLayout;
}

export interface SkippedTensor {
  name: string;
  shape: number[];
  reason: string;
}

export interface ModelAnalysis {
  layers: LayerRecord[];
  skipped: SkippedTensor[];
}

export interface AnalyzeModelOptions extends AnalyzeLayerOptions {
  /** Called before each layer is analysed (index among the selected weights, their count). */
  onLayer?: (index: number, count: number, name: string) => void;
  /** Checked between layers: an aborted signal stops the analysis with its reason. */
  signal?: AbortSignal;
}

export interface WeightSelection {
  weights: { tensor: WeightTensor; layout?: ConvLayout }[];
  skipped: SkippedTensor[];
}

/** Splits a model's tensors into layer weights and skipped tensors by the rule above. */
export function selectWeights(tensors: Iterable<ModelTensor>, layout?: ConvLayout): WeightSelection {
  if (tensors === null || typeof tensors !== 'object' || !(Symbol.iterator in tensors)) {
    throw new ParameterError('tensors', tensors, 'an array (or iterable) of { name, shape, data }');
  }
  if (layout !== undefined) oneOf('layout', layout, CONV_LAYOUTS);
  const weights: WeightSelection['weights'] = [];
  const skipped: SkippedTensor[] = [];
  for (const t of tensors) {
    if (t === null || typeof t !== 'object' || !Array.isArray(t.shape)) {
      throw new ParameterError('tensors[]', t, 'objects { name, shape, data }');
    }
    const shape = [...t.shape];
    const skip = (reason: string) => skipped.push({ name: t.name, shape, reason });
    if (!(t.data instanceof Float32Array) && !(t.data instanceof Float64Array)) {
      skip('not floating point (integer or boolean: a counter, an index or a mask)');
      continue;
    }
    if (shape.length < 2) {
      skip(`${shape.length}-D: a bias, a normalization scale or a running statistic, not a weight matrix`);
      continue;
    }
    if (shape.length !== 2 && shape.length !== 4) {
      skip(`${shape.length}-D: not a dense weight (2-D) or a 2-D convolution kernel (4-D)`);
      continue;
    }
    const tensor: WeightTensor = { name: t.name, shape, data: t.data };
    const own = t.layout ?? layout;
    const g = weightGeometry(tensor, own, { allowEmpty: true });
    if (g.M * g.matrices < MIN_MP_EIGENVALUES && t.data.length > 0) {
      skip(`${g.M * g.matrices} eigenvalues (${g.matrices} × ${g.N}×${g.M}): fewer than ${MIN_MP_EIGENVALUES}, too few for a fit`);
      continue;
    }
    weights.push({ tensor, layout: g.layout ?? undefined });
  }
  return { weights, skipped };
}

/** Selects the layer weights of a model and analyses each one (analyzeLayer), in the order given. */
export function analyzeModel(tensors: Iterable<ModelTensor>, options: AnalyzeModelOptions = {}): ModelAnalysis {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  checkFalsePositiveRate(options.falsePositiveRate); // before any layer: a bad rate is refused whatever the layers are
  const { weights, skipped } = selectWeights(tensors, options.layout);
  const layers: LayerRecord[] = [];
  weights.forEach(({ tensor, layout }, i) => {
    options.signal?.throwIfAborted();
    options.onLayer?.(i, weights.length, tensor.name);
    layers.push(analyzeLayer(tensor, { layout, falsePositiveRate: options.falsePositiveRate }));
  });
  return { layers, skipped };
}
