import { CONV_LAYOUTS, type ConvLayout, type ModelTensor } from '../core/analyze/index.js';
import { FormatError, ParameterError } from '../core/errors.js';
import { oneOf } from '../core/validate.js';
import { toFloat64 } from './convert.js';
import { readNpz } from './npz.js';
import { readSafetensors } from './safetensors.js';
import { readTfjsManifest, readTfjsWeights, tfjsShardPaths, type TfjsManifest } from './tfjs.js';

/**
 * Model files as the tensors the layer analysis takes: safetensors, .npz archives of layer arrays and TensorFlow.js
 * model.json + shards. Each format says what it can about the layout of its convolution kernels: TF.js kernels
 * are HWIO; a safetensors file may state it in its metadata (`conv_layout`), else it is PyTorch's OIHW, the
 * format's usual origin; a .npz archive says nothing, so the caller must. An explicit layout overrides the file.
 */

export type ModelFormat = 'safetensors' | 'npz' | 'tfjs';

export interface ModelFile {
  format: ModelFormat;
  tensors: ModelTensor[];
  /** The layout given to the 4-D tensors, and where it came from; null when there is none. */
  layout: ConvLayout | null;
  layoutSource: 'given' | 'metadata' | 'format default' | null;
  /** safetensors metadata (empty for the other formats). */
  metadata: Record<string, string>;
}

/** The format of a model file from its first bytes, or null. model.json is JSON text; .npz is a ZIP archive. */
export function detectModelFormat(bytes: Uint8Array): ModelFormat | null {
  if (!(bytes instanceof Uint8Array)) throw new ParameterError('bytes', typeof bytes, 'a Uint8Array');
  if (bytes.length >= 9 && bytes[8] === 0x7b) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(4, true) === 0 && 8 + view.getUint32(0, true) <= bytes.length) return 'safetensors';
  }
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)) return 'npz';
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0; // UTF-8 byte-order mark
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x7b ? 'tfjs' : null;
}

/** A layout given by the caller, checked (undefined: none given). */
function givenLayout(layout: unknown): ConvLayout | undefined {
  return layout === undefined ? undefined : oneOf('layout', layout, CONV_LAYOUTS);
}

function withLayout(tensors: ModelTensor[], layout: ConvLayout | null): ModelTensor[] {
  return layout === null ? tensors : tensors.map((t) => (t.shape.length === 4 ? { ...t, layout } : t));
}

export function safetensorsModel(bytes: Uint8Array, what = 'safetensors file', layoutIn?: ConvLayout): ModelFile {
  const layout = givenLayout(layoutIn);
  const { tensors, metadata } = readSafetensors(bytes, what);
  const stated = metadata.conv_layout;
  if (stated !== undefined && !(CONV_LAYOUTS as readonly string[]).includes(stated)) {
    throw new FormatError(what, `metadata conv_layout ${JSON.stringify(stated)} is not one of ${CONV_LAYOUTS.join(', ')}`);
  }
  const chosen = layout ?? (stated as ConvLayout | undefined) ?? 'oihw';
  const layoutSource = layout ? 'given' : stated ? 'metadata' : 'format default';
  return { format: 'safetensors', tensors: withLayout(tensors, chosen), layout: chosen, layoutSource, metadata };
}

/** Floating-point arrays become float64 in C order; other arrays are kept (the analysis skips them). */
export function npzModel(bytes: Uint8Array, what = '.npz file', layoutIn?: ConvLayout): ModelFile {
  const layout = givenLayout(layoutIn);
  const tensors = [...readNpz(bytes, what)].map(([name, arr]): ModelTensor => ({
    name,
    shape: arr.shape,
    data: arr.dtype.endsWith('f4') || arr.dtype.endsWith('f8') ? toFloat64(arr, `${what} (array ${JSON.stringify(name)})`) : arr.data,
  }));
  return { format: 'npz', tensors: withLayout(tensors, layout ?? null), layout: layout ?? null, layoutSource: layout ? 'given' : null, metadata: {} };
}

export function tfjsModel(manifest: TfjsManifest, shards: Parameters<typeof readTfjsWeights>[1], what = 'model.json', layoutIn?: ConvLayout): ModelFile {
  const layout = givenLayout(layoutIn);
  const chosen = layout ?? 'hwio';
  const tensors = readTfjsWeights(manifest, shards, what);
  return { format: 'tfjs', tensors: withLayout(tensors, chosen), layout: chosen, layoutSource: layout ? 'given' : 'format default', metadata: {} };
}

/** The first floating-point 4-D tensor of a file that gives it no layout (a .npz read without one), or undefined. */
export function kernelWithoutLayout(file: ModelFile): ModelTensor | undefined {
  return file.tensors.find((t) => t.shape.length === 4 && t.layout === undefined && (t.data instanceof Float32Array || t.data instanceof Float64Array));
}

/** A file by name and content, as a browser's file picker gives them (no folders). */
export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

/** The last part of a path: a TF.js shard is matched to a picked file by its base name. */
const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * A model from a set of picked files: one safetensors or .npz file, or a TF.js model.json with its weight shards
 * (matched by base name; files the manifest does not name are an error, so a mixed-up selection is not half-read).
 * The format is recognised from the content; errors name the file they are about, and `source` the main file.
 */
export function modelFromFiles(files: readonly NamedBytes[], layout?: ConvLayout): ModelFile & { source: string } {
  if (!Array.isArray(files) || files.length === 0) throw new FormatError('selection', 'no file chosen');
  const formats = files.map((f) => detectModelFormat(f.bytes));
  // A model.json is chosen by its name first: a raw shard may begin with the byte '{' by chance.
  const json = files.findIndex((f, i) => formats[i] === 'tfjs' && f.name.toLowerCase().endsWith('.json'));
  const main = json >= 0 ? json : formats.findIndex((f) => f !== null);
  if (main < 0) {
    const names = files.map((f) => f.name).join(', ');
    throw new FormatError(names, 'not a safetensors file, a .npz archive of layer arrays or a TensorFlow.js model.json');
  }
  const { name, bytes } = files[main];
  const format = formats[main]!;
  if (format !== 'tfjs') {
    if (files.length > 1) throw new FormatError(name, `a ${format} file stands alone: choose it without other files (${files.length} were chosen)`);
    return { ...(format === 'safetensors' ? safetensorsModel(bytes, name, layout) : npzModel(bytes, name, layout)), source: name };
  }
  const manifest = readTfjsManifest(bytes, name);
  const wanted = new Set(tfjsShardPaths(manifest).map(baseName));
  const shards = new Map<string, Uint8Array>();
  files.forEach((f, i) => {
    if (i === main) return;
    if (!wanted.has(f.name)) throw new FormatError(name, `${f.name} is not one of its weight files (${[...wanted].join(', ') || 'none'})`);
    shards.set(f.name, f.bytes);
  });
  return { ...tfjsModel(manifest, (path) => shards.get(baseName(path)), name, layout), source: name };
}
