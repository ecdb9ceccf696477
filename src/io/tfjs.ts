import { FormatError, ParameterError } from '../core/errors.js';
import { decodeUtf8, hostIsLittleEndian, swapBytes } from './bytes.js';
import { decodeFloat16 } from './float16.js';
import { formatShape, MAX_ELEMENTS } from './ndarray.js';

/**
 * TensorFlow.js models: a model.json whose `weightsManifest` lists groups of weights, each group stored as the
 * concatenation of its shard files (`paths`, relative to model.json) in order, each weight's little-endian bytes
 * following the previous one's. A weight may be quantized: uint8/uint16 values v stand for v·scale + min (in
 * float64, then stored as float32, as TF.js decodes them), float16 values for their float32 widening.
 * Reading is in two steps, so that a caller can fetch the shards the manifest names: readTfjsManifest checks
 * model.json and computes every weight's place; readTfjsWeights checks the shards' sizes, then decodes.
 */

const VALUE_SIZE = { float32: 4, int32: 4, bool: 1 } as const;
const QUANTIZED_SIZE = { uint8: 1, uint16: 2, float16: 2 } as const;
export type TfjsDtype = keyof typeof VALUE_SIZE;
type QuantizedDtype = keyof typeof QUANTIZED_SIZE;

export interface TfjsQuantization {
  dtype: QuantizedDtype;
  scale?: number;
  min?: number;
}

export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: TfjsDtype;
  quantization?: TfjsQuantization;
  /** Place of its bytes within its group's concatenated shards. */
  offset: number;
  byteLength: number;
}

export interface TfjsGroup {
  paths: string[];
  weights: TfjsWeightSpec[];
  byteLength: number;
}

export interface TfjsManifest {
  /** 'layers-model', 'graph-model', or null when model.json does not say. */
  format: string | null;
  groups: TfjsGroup[];
}

export interface TfjsTensor {
  name: string;
  dtype: TfjsDtype;
  shape: number[];
  data: Float32Array | Int32Array | Uint8Array;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A shard path must stay beside model.json: relative, no '..', no scheme, no backslashes. */
function checkShardPath(path: unknown, what: string): string {
  const ok =
    typeof path === 'string' && path !== '' && !path.startsWith('/') && !path.includes('\\') && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(path) &&
    !path.split('/').some((part) => part === '..' || part === '');
  if (!ok) throw new FormatError(what, `shard path ${JSON.stringify(path)} is not a relative file path below model.json's folder`);
  return path;
}

function parseQuantization(q: unknown, dtype: TfjsDtype, fail: (d: string) => FormatError): TfjsQuantization {
  if (!isObject(q)) throw fail('quantization is not an object');
  const qd = q.dtype;
  if (typeof qd !== 'string' || !(qd in QUANTIZED_SIZE)) {
    throw fail(`quantization dtype ${JSON.stringify(qd)} is not supported; supported: uint8, uint16 (with scale and min), float16`);
  }
  if (qd === 'float16') {
    if (dtype !== 'float32') throw fail(`float16 quantization applies to float32 weights, not ${dtype}`);
    return { dtype: 'float16' };
  }
  if (dtype === 'bool') throw fail(`${qd} quantization does not apply to bool weights`);
  if (typeof q.scale !== 'number' || !Number.isFinite(q.scale) || typeof q.min !== 'number' || !Number.isFinite(q.min)) {
    throw fail(`${qd} quantization needs finite numbers "scale" and "min"`);
  }
  return { dtype: qd as QuantizedDtype, scale: q.scale, min: q.min };
}

function parseWeight(w: unknown, offset: number, what: string): TfjsWeightSpec {
  const name = isObject(w) && typeof w.name === 'string' ? w.name : null;
  const fail = (detail: string) => new FormatError(what, `weight ${name === null ? '(unnamed)' : JSON.stringify(name)}: ${detail}`);
  if (!isObject(w) || name === null) throw fail('not an object with a string "name"');
  const { shape, dtype } = w;
  if (typeof dtype !== 'string' || !(dtype in VALUE_SIZE)) {
    throw fail(`dtype ${JSON.stringify(dtype)} is not supported; supported: float32, int32, bool`);
  }
  if (!Array.isArray(shape) || shape.length > 64 || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw fail(`shape ${JSON.stringify(shape)} is not a list of non-negative integers`);
  }
  let count = 1;
  for (const dim of shape as number[]) {
    count *= dim;
    if (count > MAX_ELEMENTS) throw fail(`shape ${formatShape(shape)} has more than 2^31 − 1 elements`);
  }
  const spec: TfjsWeightSpec = { name, shape: [...(shape as number[])], dtype: dtype as TfjsDtype, offset, byteLength: 0 };
  if (w.quantization !== undefined && w.quantization !== null) spec.quantization = parseQuantization(w.quantization, spec.dtype, fail);
  spec.byteLength = count * (spec.quantization ? QUANTIZED_SIZE[spec.quantization.dtype] : VALUE_SIZE[spec.dtype]);
  return spec;
}

/** Parses and checks model.json (bytes or text): the groups, their shard paths and every weight's place. */
export function readTfjsManifest(json: Uint8Array | string, what = 'model.json'): TfjsManifest {
  const text = typeof json === 'string' ? json : json instanceof Uint8Array ? decodeUtf8(json, what, 'the file') : null;
  if (text === null) throw new ParameterError('json', typeof json, 'model.json as a Uint8Array or a string');
  let model: unknown;
  try {
    model = JSON.parse(text);
  } catch (error) {
    throw new FormatError(what, `not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(model)) throw new FormatError(what, 'not a JSON object');
  const manifest = model.weightsManifest;
  if (!Array.isArray(manifest)) {
    throw new FormatError(what, 'no "weightsManifest" list: not a TensorFlow.js model.json with weight files');
  }
  const names = new Set<string>();
  const groups = manifest.map((group, g): TfjsGroup => {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) {
      throw new FormatError(what, `weightsManifest[${g}] is not an object { paths: [...], weights: [...] }`);
    }
    const paths = group.paths.map((p) => checkShardPath(p, what));
    let offset = 0;
    const weights = group.weights.map((w) => {
      const spec = parseWeight(w, offset, what);
      if (names.has(spec.name)) throw new FormatError(what, `weight ${JSON.stringify(spec.name)} is listed twice`);
      names.add(spec.name);
      offset += spec.byteLength;
      return spec;
    });
    if (weights.length > 0 && paths.length === 0) throw new FormatError(what, `weightsManifest[${g}] lists weights but no shard files`);
    return { paths, weights, byteLength: offset };
  });
  return { format: typeof model.format === 'string' ? model.format : null, groups };
}

/** Every shard path the manifest names, in order. */
export function tfjsShardPaths(manifest: TfjsManifest): string[] {
  return manifest.groups.flatMap((g) => g.paths);
}

function decodeWeight(spec: TfjsWeightSpec, raw: Uint8Array): TfjsTensor['data'] {
  const count = spec.byteLength / (spec.quantization ? QUANTIZED_SIZE[spec.quantization.dtype] : VALUE_SIZE[spec.dtype]);
  const q = spec.quantization;
  if (!q) {
    if (spec.dtype === 'bool') return raw;
    if (!hostIsLittleEndian) swapBytes(raw, 4);
    return spec.dtype === 'float32' ? new Float32Array(raw.buffer, 0, count) : new Int32Array(raw.buffer, 0, count);
  }
  if (q.dtype !== 'uint8' && !hostIsLittleEndian) swapBytes(raw, 2);
  const values = q.dtype === 'uint8' ? raw : new Uint16Array(raw.buffer, 0, count);
  if (q.dtype === 'float16') return decodeFloat16(values as Uint16Array);
  const out = spec.dtype === 'float32' ? new Float32Array(count) : new Int32Array(count);
  const { scale, min } = q as Required<TfjsQuantization>;
  for (let i = 0; i < count; i++) {
    const v = values[i] * scale + min;
    out[i] = spec.dtype === 'float32' ? v : Math.round(v);
  }
  return out;
}

/**
 * The weights of a model, given the bytes of every shard the manifest names (a Map keyed by path, or a function).
 * A missing shard, or shards whose total size differs from what the group's weights need, is a FormatError.
 */
export function readTfjsWeights(
  manifest: TfjsManifest,
  shards: ReadonlyMap<string, Uint8Array> | ((path: string) => Uint8Array | undefined),
  what = 'TensorFlow.js weights',
): TfjsTensor[] {
  if (!isObject(manifest) || !Array.isArray(manifest.groups)) throw new ParameterError('manifest', manifest, 'the result of readTfjsManifest');
  const shard = typeof shards === 'function' ? shards : (p: string) => shards.get(p);
  const tensors: TfjsTensor[] = [];
  manifest.groups.forEach((group, g) => {
    const parts = group.paths.map((p) => {
      const bytes = shard(p);
      if (!(bytes instanceof Uint8Array)) throw new FormatError(what, `shard ${JSON.stringify(p)} of weight group ${g} is missing`);
      return bytes;
    });
    const total = parts.reduce((sum, b) => sum + b.length, 0);
    if (total !== group.byteLength) {
      throw new FormatError(what, `the shards of weight group ${g} (${group.paths.join(', ')}) hold ${total} bytes; its weights need ${group.byteLength}`);
    }
    for (const spec of group.weights) tensors.push({ name: spec.name, dtype: spec.dtype, shape: [...spec.shape], data: decodeWeight(spec, gather(parts, spec.offset, spec.byteLength)) });
  });
  return tensors;
}

/** Copies bytes [offset, offset + length) of the concatenation of `parts` into a new array. */
function gather(parts: Uint8Array[], offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let filled = 0;
  let start = 0;
  for (const part of parts) {
    const end = start + part.length;
    if (end > offset + filled && filled < length) {
      const from = offset + filled - start;
      const take = Math.min(part.length - from, length - filled);
      out.set(part.subarray(from, from + take), filled);
      filled += take;
    }
    start = end;
  }
  return out;
}
