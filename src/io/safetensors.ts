import { FormatError, ParameterError } from '../core/errors.js';
import { copyBytes, decodeUtf8, encodeUtf8, hostIsLittleEndian, readUint64, swapBytes, writeUint } from './bytes.js';
import { decodeBfloat16, decodeFloat16 } from './float16.js';
import { checkShape } from './npy.js';
import { formatShape, MAX_ELEMENTS, type NumericArray } from './ndarray.js';

/**
 * safetensors (Hugging Face): an 8-byte little-endian header length n, n bytes of UTF-8 JSON mapping each tensor
 * name to { dtype, shape, data_offsets: [begin, end] } (offsets into the data that follows; an optional
 * "__metadata__" maps strings to strings), then the raw little-endian, C-order tensor bytes. As the reference
 * implementation does, the tensors must tile the data exactly: no gaps, no overlaps, nothing after the last.
 * Every declared number is checked against the file before anything is allocated.
 */

const ITEM_SIZE = { F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U64: 8, U32: 4, U16: 2, U8: 1, BOOL: 1 } as const;
export type SafetensorsDtype = keyof typeof ITEM_SIZE;
export const SAFETENSORS_DTYPES = Object.keys(ITEM_SIZE) as SafetensorsDtype[];

/** The largest header accepted: the reference implementation's limit. */
export const MAX_SAFETENSORS_HEADER = 100 * 1024 * 1024;

export interface SafeTensor {
  name: string;
  /** The dtype in the file; F16 and BF16 are widened (exactly) to a Float32Array. */
  dtype: SafetensorsDtype;
  shape: number[];
  data: NumericArray;
}

export interface Safetensors {
  /** In the order of their data in the file. */
  tensors: SafeTensor[];
  metadata: Record<string, string>;
}

/** Where one tensor lies: data_offsets relative to the first byte after the header. */
export interface SafetensorsEntry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  begin: number;
  end: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isOffset = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function parseEntry(name: string, value: unknown, dataLength: number, what: string): SafetensorsEntry {
  const fail = (detail: string) => new FormatError(what, `tensor ${JSON.stringify(name)}: ${detail}`);
  if (!isObject(value)) throw fail('its header entry is not an object { dtype, shape, data_offsets }');
  const { dtype, shape, data_offsets: offsets } = value;
  if (typeof dtype !== 'string' || !(dtype in ITEM_SIZE)) {
    throw fail(`unsupported dtype ${JSON.stringify(dtype)}; supported: ${SAFETENSORS_DTYPES.join(', ')}`);
  }
  if (!Array.isArray(shape) || shape.length > 64 || !shape.every(isOffset)) {
    throw fail(`shape ${JSON.stringify(shape)} is not a list of non-negative integers`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isOffset) || offsets[0] > offsets[1]) {
    throw fail(`data_offsets ${JSON.stringify(offsets)} are not [begin, end] with 0 ≤ begin ≤ end`);
  }
  const [begin, end] = offsets as [number, number];
  if (end > dataLength) throw fail(`data_offsets [${begin}, ${end}] run past the end of the ${dataLength} data bytes`);
  let count = 1;
  for (const dim of shape as number[]) {
    count *= dim;
    if (count > MAX_ELEMENTS) throw fail(`shape ${formatShape(shape)} has more than 2^31 − 1 elements`);
  }
  const needed = count * ITEM_SIZE[dtype as SafetensorsDtype];
  if (needed !== end - begin) {
    throw fail(`shape ${formatShape(shape)} of ${dtype} needs ${needed} bytes, data_offsets [${begin}, ${end}] hold ${end - begin}`);
  }
  return { name, dtype: dtype as SafetensorsDtype, shape: shape as number[], begin, end };
}

function parseMetadata(value: unknown, what: string): Record<string, string> {
  if (!isObject(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new FormatError(what, '"__metadata__" must map strings to strings');
  }
  return { ...(value as Record<string, string>) };
}

/** The tensors, sorted by offset, must tile [0, dataLength) exactly. */
function checkTiling(entries: SafetensorsEntry[], dataLength: number, what: string): void {
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let covered = 0;
  let previous = '';
  for (const e of entries) {
    if (e.begin < covered) {
      throw new FormatError(what, `the data of tensors ${JSON.stringify(previous)} and ${JSON.stringify(e.name)} overlap (bytes ${e.begin}..${covered - 1})`);
    }
    if (e.begin > covered) {
      throw new FormatError(what, `data bytes ${covered}..${e.begin - 1} belong to no tensor (a gap before ${JSON.stringify(e.name)})`);
    }
    covered = e.end;
    previous = e.name;
  }
  if (covered !== dataLength) {
    throw new FormatError(what, `the tensors cover ${covered} of the ${dataLength} data bytes: unexpected bytes after the last tensor`);
  }
}

/**
 * Validates the header against the file's length and returns the tensors' places, sorted by offset. `bytes` may be
 * only the start of the file (at least the length field and the header) when `fileLength` gives its full size, so
 * that a caller can check a file before reading its data.
 */
export function readSafetensorsHeader(
  bytes: Uint8Array,
  what = 'safetensors file',
  fileLengthIn?: number,
): { entries: SafetensorsEntry[]; metadata: Record<string, string>; dataStart: number } {
  if (!(bytes instanceof Uint8Array)) throw new ParameterError('bytes', typeof bytes, 'a Uint8Array');
  const fileLength = fileLengthIn ?? bytes.length;
  if (!Number.isSafeInteger(fileLength) || fileLength < bytes.length) throw new ParameterError('fileLength', fileLength, `an integer ≥ bytes.length (${bytes.length})`);
  if (fileLength < 8) throw new FormatError(what, `truncated: ${fileLength} bytes, shorter than the 8-byte header length`);
  const n = readUint64(bytes, 0, what, 'header length');
  if (n > MAX_SAFETENSORS_HEADER) throw new FormatError(what, `header length ${n} exceeds the ${MAX_SAFETENSORS_HEADER}-byte limit`);
  if (8 + n > fileLength) {
    throw new FormatError(what, `header declares ${n} bytes, only ${fileLength - 8} follow (truncated, or not a safetensors file)`);
  }
  if (8 + n > bytes.length) throw new ParameterError('bytes', `${bytes.length} bytes`, `the first ${8 + n} bytes of the file (its header)`);
  const header = bytes.subarray(8, 8 + n);
  if (header[0] !== 0x7b) throw new FormatError(what, "the header does not start with '{': not a safetensors file");
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeUtf8(header, what, 'header'));
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw new FormatError(what, `the header is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new FormatError(what, 'the header is not a JSON object');
  const dataStart = 8 + n;
  const dataLength = fileLength - dataStart;
  let metadata: Record<string, string> = {};
  const entries: SafetensorsEntry[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (name === '__metadata__') metadata = parseMetadata(value, what);
    else entries.push(parseEntry(name, value, dataLength, what));
  }
  checkTiling(entries, dataLength, what);
  return { entries, metadata, dataStart };
}

function decode(bytes: Uint8Array, dtype: SafetensorsDtype, count: number): NumericArray {
  const size = ITEM_SIZE[dtype];
  if (!hostIsLittleEndian) swapBytes(bytes, size);
  const buffer = bytes.buffer as ArrayBuffer;
  switch (dtype) {
    case 'F64': return new Float64Array(buffer, 0, count);
    case 'F32': return new Float32Array(buffer, 0, count);
    case 'F16': return decodeFloat16(new Uint16Array(buffer, 0, count));
    case 'BF16': return decodeBfloat16(new Uint16Array(buffer, 0, count));
    case 'I64': return new BigInt64Array(buffer, 0, count);
    case 'I32': return new Int32Array(buffer, 0, count);
    case 'I16': return new Int16Array(buffer, 0, count);
    case 'I8': return new Int8Array(buffer, 0, count);
    case 'U64': return new BigUint64Array(buffer, 0, count);
    case 'U32': return new Uint32Array(buffer, 0, count);
    case 'U16': return new Uint16Array(buffer, 0, count);
    case 'U8':
    case 'BOOL': return new Uint8Array(buffer, 0, count);
  }
}

/** Reads a safetensors file: every tensor as a typed array in host byte order, and the metadata. */
export function readSafetensors(bytes: Uint8Array, what = 'safetensors file'): Safetensors {
  const { entries, metadata, dataStart } = readSafetensorsHeader(bytes, what);
  const tensors = entries.map(({ name, dtype, shape, begin, end }) => {
    // A copy: aligned memory the result owns, whatever the input's offset.
    const raw = copyBytes(bytes, dataStart + begin, dataStart + end);
    const count = (end - begin) / ITEM_SIZE[dtype];
    return { name, dtype, shape: [...shape], data: decode(raw, dtype, count) };
  });
  return { tensors, metadata };
}

/**
 * What writeSafetensors takes per tensor. The typed array gives the dtype; `dtype`, when given, must agree with it
 * ('BOOL' marks a Uint8Array of 0/1 as booleans), so that tensors read by readSafetensors can be written back.
 */
export interface SafetensorsInput {
  data: NumericArray;
  shape: readonly number[];
  dtype?: SafetensorsDtype;
}

function dtypeOfArray(d: NumericArray): SafetensorsDtype | null {
  if (d instanceof Float64Array) return 'F64';
  if (d instanceof Float32Array) return 'F32';
  if (d instanceof BigInt64Array) return 'I64';
  if (d instanceof Int32Array) return 'I32';
  if (d instanceof Int16Array) return 'I16';
  if (d instanceof Int8Array) return 'I8';
  if (d instanceof BigUint64Array) return 'U64';
  if (d instanceof Uint32Array) return 'U32';
  if (d instanceof Uint16Array) return 'U16';
  if (d instanceof Uint8Array) return 'U8';
  return null;
}

function dtypeOf(name: string, input: SafetensorsInput): SafetensorsDtype {
  const inferred = dtypeOfArray(input.data);
  if (inferred === null) {
    throw new ParameterError(`${name}: data`, Object.prototype.toString.call(input.data), 'a typed array (Float64/32, (Big)Int64/32/16/8, (Big)Uint64/32/16/8)');
  }
  const { dtype } = input;
  if (dtype === undefined || dtype === inferred) return inferred;
  if (dtype === 'BOOL' && inferred === 'U8') {
    if ((input.data as Uint8Array).some((v) => v > 1)) throw new ParameterError(`${name}: data`, 'a byte other than 0 or 1', 'booleans as a Uint8Array of 0/1');
    return 'BOOL';
  }
  throw new ParameterError(`${name}: dtype`, dtype, `${inferred} (the dtype of its ${input.data.constructor.name}), or unset; F16 and BF16 are read, not written`);
}

/**
 * A safetensors file of the given tensors (and string metadata). Tensors are stored by decreasing item size, in the
 * given order within a size, so that each one's data is aligned to its item size; the header is padded with spaces
 * to a multiple of 8 bytes, as the reference implementation writes it.
 */
export function writeSafetensors(tensors: Record<string, SafetensorsInput>, metadata?: Record<string, string>): Uint8Array {
  if (!isObject(tensors)) throw new ParameterError('tensors', tensors, 'an object of named tensors { data, shape }');
  if (metadata !== undefined && (!isObject(metadata) || !Object.values(metadata).every((v) => typeof v === 'string'))) {
    throw new ParameterError('metadata', metadata, 'an object mapping strings to strings');
  }
  const list = Object.entries(tensors).map(([name, input]) => {
    if (name === '' || name === '__metadata__') throw new ParameterError('tensors', name, 'non-empty names other than "__metadata__"');
    if (!isObject(input)) throw new ParameterError(name, input, 'a tensor { data, shape }');
    const dtype = dtypeOf(name, input as SafetensorsInput);
    const shape = checkShape(input.shape, input.data.length, `${name}: shape`);
    return { name, dtype, shape, data: input.data };
  });
  list.sort((a, b) => ITEM_SIZE[b.dtype] - ITEM_SIZE[a.dtype]); // stable: the given order within a size
  const header: Record<string, unknown> = metadata && Object.keys(metadata).length ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const t of list) {
    const entry = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.data.byteLength] };
    // defineProperty: a tensor named "__proto__" is a key like any other
    Object.defineProperty(header, t.name, { value: entry, enumerable: true, writable: true, configurable: true });
    offset += t.data.byteLength;
  }
  const json = encodeUtf8(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  writeUint(out, 0, headerLength, 4); // the upper four bytes stay 0: headers are far below 4 GiB
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const t of list) {
    const view = out.subarray(at, at + t.data.byteLength);
    view.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    if (!hostIsLittleEndian) swapBytes(view, t.data.BYTES_PER_ELEMENT);
    at += t.data.byteLength;
  }
  return out;
}
