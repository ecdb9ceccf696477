/**
 * The fitter lab's model files: the picked files read by the io readers (which check every header before any large
 * allocation), the layer weights chosen by selectWeights and each one analysed by analyzeLayerSpectrum: the same
 * selection, order and records as analyzeModel, hence as `vsdl analyze --json`, plus each layer's ESD chart.
 * Layers run one at a time with a yield between them, so a cancel is heard between layers (a single large layer
 * is stopped by the page terminating the worker).
 */
import { analyzeLayerSpectrum, CONV_LAYOUTS, LAYOUT_HELP, selectWeights, spectrumWork, weightGeometry, type ConvLayout, type LayerRecord } from '../../src/core/analyze/index.js';
import { ParameterError } from '../../src/core/errors.js';
import { formatSeconds } from '../../src/core/vsdl/index.js';
import { oneOf } from '../../src/core/validate.js';
import { kernelWithoutLayout, modelFromFiles } from '../../src/io/index.js';
import { JobCancelled, MAX_MODEL_BYTES, SECONDS_PER_SPECTRUM_WORK, type LayerChart, type ModelAnalysisResult, type ModelFileBytes } from '../../src/labs/index.js';
import { esdChart } from './esdChart.js';
import { yieldToEvents, type JobControl } from './jobs.js';

/** A job's control whose progress also says what it is doing (the layer, and the estimated time). */
export interface StagedControl extends JobControl {
  progress(done: number, total: number, stage?: string): void;
}

/** Checks what crossed the worker boundary: named byte arrays, at most MAX_MODEL_BYTES in all. */
function checkFiles(files: unknown): ModelFileBytes[] {
  const ok = Array.isArray(files) && files.length > 0 && files.every((f) => f !== null && typeof f === 'object' && typeof f.name === 'string' && f.bytes instanceof Uint8Array);
  if (!ok) throw new ParameterError('files', typeof files, 'a non-empty list of { name, bytes: Uint8Array }');
  const list = files as ModelFileBytes[];
  const total = list.reduce((sum, f) => sum + f.bytes.length, 0);
  if (total > MAX_MODEL_BYTES) throw new ParameterError('files', `${(total / 1e6).toFixed(0)} MB`, `at most ${MAX_MODEL_BYTES / 1e6} MB in all`);
  return list.map((f) => ({ name: f.name.slice(0, 200), bytes: f.bytes }));
}

function chartOf(record: LayerRecord, eigenvalues: Float64Array | null): LayerChart {
  if (eigenvalues === null) return esdChart(new Float64Array(0), { alpha: null, xmin: null, tail: null });
  const mp = record.Q !== null && record.lambda_plus !== null ? { q: record.Q, lambdaPlus: record.lambda_plus, spikes: record.num_spikes ?? 0 } : undefined;
  return esdChart(eigenvalues, { alpha: record.alpha, xmin: record.xmin, tail: record.num_pl_spikes }, mp);
}

export async function computeModelAnalysis(files: ModelFileBytes[], layout: ConvLayout | undefined, control: StagedControl): Promise<ModelAnalysisResult> {
  const picked = checkFiles(files);
  if (layout !== undefined) oneOf('layout', layout, CONV_LAYOUTS);
  control.progress(0, 1, `reading ${picked.map((f) => f.name).join(', ')}`);
  const file = modelFromFiles(picked, layout);
  const { source } = file;
  const kernel = kernelWithoutLayout(file);
  if (kernel) throw new ParameterError('layout', 'not chosen', LAYOUT_HELP, `${source} holds 4-D arrays (${kernel.name}, ...) and a .npz does not record their layout`);

  const { weights, skipped } = selectWeights(file.tensors);
  const work = weights.map(({ tensor, layout: l }) => spectrumWork(weightGeometry(tensor, l)));
  const total = work.reduce((a, b) => a + b, 0);
  const estimate = formatSeconds(total * SECONDS_PER_SPECTRUM_WORK);
  const layers: LayerRecord[] = [];
  const charts: LayerChart[] = [];
  let done = 0;
  for (let i = 0; i < weights.length; i++) {
    const { tensor, layout: l } = weights[i];
    control.progress(done, total, `layer ${i + 1}/${weights.length} ${tensor.name} · about ${estimate} in all`);
    await yieldToEvents();
    if (control.signal.aborted) throw new JobCancelled();
    const { record, eigenvalues } = analyzeLayerSpectrum(tensor, { layout: l });
    layers.push(record);
    charts.push(chartOf(record, eigenvalues));
    done += work[i];
  }
  control.progress(total, total);
  return { source, format: file.format, layout: file.layout, layout_source: file.layoutSource, metadata: file.metadata, layers, skipped, charts };
}
