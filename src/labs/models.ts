/**
 * The fitter lab's model files: what the page sends the worker (the picked files' bytes, transferred) and what
 * comes back: the same record `vsdl analyze --json` prints, plus each layer's ESD drawn for the lab's chart.
 */
import type { ConvLayout, LayerRecord, SkippedTensor } from '../core/analyze/index.js';
import type { AlignedSeries, Marker } from './results.js';
import { MAX_UPLOAD_BYTES } from './definitions.js';

/** Largest selection read, all files together (a model of 64 M float32 weights). */
export const MAX_MODEL_BYTES = MAX_UPLOAD_BYTES;

/** File name endings the picker offers: safetensors, .npz, and a TF.js model.json with its .bin shards. */
export const MODEL_FILE_TYPES = ['.safetensors', '.npz', '.json', '.bin'] as const;

/** One picked file, as the worker receives it. */
export interface ModelFileBytes {
  name: string;
  bytes: Uint8Array;
}

/** A layer's pooled ESD on log-log axes: the histogram (esd), the power-law fit and the MP law fitted to its bulk. */
export interface LayerChart {
  loglog: AlignedSeries;
  markers: Marker[];
}

/** `vsdl analyze --json`'s record (source: the picked file's name), with one chart per analysed layer, in order. */
export interface ModelAnalysisResult {
  source: string;
  format: 'safetensors' | 'npz' | 'tfjs';
  layout: ConvLayout | null;
  layout_source: 'given' | 'metadata' | 'format default' | null;
  metadata: Record<string, string>;
  layers: LayerRecord[];
  skipped: SkippedTensor[];
  charts: LayerChart[];
}

/**
 * Seconds to analyse layers of this much spectrumWork (N·M² + M³ per matrix) on a laptop-class core: the Gram
 * product and the eigenvalues together, as the dense labs count them (denseSeconds: 6.7e-11·N·M² + 1.2e-10·M³).
 */
export const SECONDS_PER_SPECTRUM_WORK = 1.2e-10;
