import { boolean, options as optionsObject, record } from '../core/validate.js';
import { FormatError, ParameterError } from '../core/errors.js';
import { copyBytes, decodeLatin1, decodeUtf8, hostIsLittleEndian, readUint, swapBytes, writeUint } from './bytes.js';
import { dtypeOfData, typedArrayFor, type DtypeInfo } from './dtype.js';
import { elementCount, formatShape, MAX_ELEMENTS, type ArrayInput, type NdArray } from './ndarray.js';
import { formatNpyHeader, parseNpyHeader } from './npyHeader.js';

/** The .npy format (numpy.lib.format): magic, version, a Python-dict header, then the raw array bytes. */

const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const arrayAlign = 64;

/** `copy: false` lets the data share memory with `bytes` when it can (aligned, in host byte order): no copy. */
export interface ReadNpyOptions {
  copy?: boolean;
}

export function readNpy(bytes: Uint8Array, what = '.npy file', options: ReadNpyOptions = {}): NdArray {
  const copy = boolean('copy', optionsObject<ReadNpyOptions>('options', options).copy ?? true);
  if (!(bytes instanceof Uint8Array)) throw new ParameterError('bytes', typeof bytes, 'a Uint8Array');
  const layout = readNpyHeader(bytes, what, { complete: true }) as NpyLayout;
  const { dtype, shape, count, dataStart, dataBytes } = layout;
  const found = bytes.length - dataStart;
  if (found !== dataBytes) {
    const problem = found < dataBytes ? 'truncated data' : 'unexpected bytes after the data';
    throw new FormatError(what, `${problem}: shape ${formatShape(shape)} of ${dtype.descr} needs ${dataBytes} bytes, found ${found}`);
  }
  const offset = bytes.byteOffset + dataStart;
  const hostOrder = dtype.littleEndian === hostIsLittleEndian;
  if (!copy && hostOrder && offset % dtype.size === 0) {
    return { shape, dtype: dtype.descr, fortranOrder: layout.fortranOrder, data: typedArrayFor(dtype, bytes.buffer as ArrayBuffer, count, offset) };
  }
  // A copy: the result owns aligned memory in host byte order, whatever the input's offset and endianness.
  const owned = copyBytes(bytes, dataStart, dataStart + dataBytes);
  if (!hostOrder) swapBytes(owned, dtype.size);
  return { shape, dtype: dtype.descr, fortranOrder: layout.fortranOrder, data: typedArrayFor(dtype, owned.buffer, count) };
}

/** Where a .npy file's data lies and how large it is, from its magic, version and header alone. */
export interface NpyLayout {
  dtype: DtypeInfo;
  fortranOrder: boolean;
  shape: number[];
  count: number;
  /** Offset of the first data byte. */
  dataStart: number;
  /** count × item size. */
  dataBytes: number;
}

/**
 * Reads the magic string, version and header dict from the first bytes of a .npy file, so that a caller can
 * refuse a file from its header before reading (or allocating) its data. With a prefix too short to decide it
 * returns `{ needBytes }`: read at least that many bytes and call again. Bad magic is reported from the first
 * differing byte. With `complete: true` the bytes are the whole file and a shortfall is a FormatError.
 */
export function readNpyHeader(prefix: Uint8Array, what = '.npy file', options: { complete?: boolean } = {}): NpyLayout | { needBytes: number } {
  if (!(prefix instanceof Uint8Array)) throw new ParameterError('prefix', typeof prefix, 'a Uint8Array');
  if (typeof what !== 'string') throw new ParameterError('what', typeof what, 'a name for messages');
  const complete = record<{ complete?: boolean }>('options', options).complete === true;
  const shortOf = (needBytes: number, problem: () => string): { needBytes: number } => {
    if (complete) throw new FormatError(what, problem());
    return { needBytes };
  };
  const head = prefix.subarray(0, magic.length);
  if (!head.every((byte, i) => byte === magic[i])) {
    const shown = [...head].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`));
    throw new FormatError(what, `bad magic: expected "\\x93NUMPY", found "${shown.join('')}"; not a .npy file`);
  }
  if (prefix.length < magic.length) return shortOf(magic.length, () => `truncated: ${prefix.length} bytes, shorter than the magic string`);
  if (prefix.length < 8) return shortOf(8, () => `truncated: ${prefix.length} bytes, the version needs 8`);
  const major = prefix[6];
  const minor = prefix[7];
  if (minor !== 0 || major < 1 || major > 3) {
    throw new FormatError(what, `unsupported .npy format version ${major}.${minor}; supported: 1.0, 2.0, 3.0`);
  }
  const lengthSize = major === 1 ? 2 : 4;
  const headerStart = 8 + lengthSize;
  if (prefix.length < headerStart) return shortOf(headerStart, () => `truncated: the header length needs ${headerStart} bytes, file has ${prefix.length}`);
  const headerLength = readUint(prefix, 8, lengthSize, what, 'header length');
  const dataStart = headerStart + headerLength;
  if (prefix.length < dataStart) {
    if (!complete && headerLength > MAX_HEADER_BYTES) {
      throw new FormatError(what, `header of ${headerLength} bytes; at most ${MAX_HEADER_BYTES} are read (numpy writes a few hundred)`);
    }
    return shortOf(dataStart, () => `truncated header: it declares ${headerLength} bytes, only ${prefix.length - headerStart} follow`);
  }
  const headerBytes = prefix.subarray(headerStart, dataStart);
  const headerText = major === 3 ? decodeUtf8(headerBytes, what, 'header') : decodeLatin1(headerBytes);
  const { dtype, fortranOrder, shape, count } = parseNpyHeader(headerText, what);
  return { dtype, fortranOrder, shape, count, dataStart, dataBytes: count * dtype.size };
}

/** The longest header read from a stream: numpy's own reader stops at 10 000 bytes; 1 MiB leaves room. */
export const MAX_HEADER_BYTES = 2 ** 20;

export interface WriteNpyOptions {
  /** Format version; by default 1.0, or 2.0 when the header does not fit in 1.0's 65535 bytes. */
  version?: 1 | 2 | 3;
}

/** Little-endian .npy bytes, identical to what np.save writes for the same array. */
export function writeNpy(arr: ArrayInput, options: WriteNpyOptions = {}): Uint8Array {
  if (arr === null || typeof arr !== 'object') throw new ParameterError('arr', arr, 'an object { data, shape }');
  const dtype = dtypeOfData(arr.data, arr.dtype);
  const shape = checkShape(arr.shape, arr.data.length);
  if (dtype.kind === 'b' && (arr.data as Uint8Array).some((value) => value > 1)) {
    throw new ParameterError('data', 'a byte other than 0 or 1', "0 and 1 only for dtype '|b1'");
  }
  const fortranOrder = arr.fortranOrder ?? false;
  if (typeof fortranOrder !== 'boolean') throw new ParameterError('fortranOrder', fortranOrder, 'true or false');
  const requested = options.version;
  if (requested !== undefined && requested !== 1 && requested !== 2 && requested !== 3) {
    throw new ParameterError('version', requested, '1, 2 or 3');
  }

  const header = formatNpyHeader(dtype.descr, fortranOrder, shape); // ASCII: latin-1 and UTF-8 agree
  const paddedLength = (version: number): number => {
    const prefix = version === 1 ? 10 : 12;
    const unpadded = header.length + 1; // + '\n'
    return unpadded + arrayAlign - ((prefix + unpadded) % arrayAlign);
  };
  let version = requested ?? 1;
  if (version === 1 && paddedLength(1) > 0xffff) {
    if (requested === 1) throw new ParameterError('version', 1, '2 or 3', `a header of ${paddedLength(1)} bytes does not fit in version 1.0`);
    version = 2;
  }
  const headerLength = paddedLength(version);
  const dataStart = (version === 1 ? 10 : 12) + headerLength;

  const source = new Uint8Array(arr.data.buffer, arr.data.byteOffset, arr.data.byteLength);
  const out = new Uint8Array(dataStart + source.length);
  out.set(magic, 0);
  out[6] = version;
  out[7] = 0;
  writeUint(out, 8, headerLength, version === 1 ? 2 : 4);
  const headerStart = dataStart - headerLength;
  out.fill(0x20, headerStart, dataStart - 1);
  for (let i = 0; i < header.length; i++) out[headerStart + i] = header.charCodeAt(i);
  out[dataStart - 1] = 0x0a;
  out.set(source, dataStart);
  if (!hostIsLittleEndian) swapBytes(out.subarray(dataStart), dtype.size);
  return out;
}

/** A shape of non-negative integers whose product is the data length. */
export function checkShape(shape: unknown, length: number, name = 'shape'): number[] {
  if (!Array.isArray(shape) || !shape.every((dim) => Number.isSafeInteger(dim) && dim >= 0)) {
    throw new ParameterError(name, Array.isArray(shape) ? `[${shape.join(', ')}]` : shape, 'an array of non-negative integers');
  }
  const count = elementCount(shape);
  if (count !== length) {
    throw new ParameterError(name, `[${shape.join(', ')}]`, `dimensions whose product is the data length ${length}`);
  }
  if (count > MAX_ELEMENTS) throw new ParameterError(name, `[${shape.join(', ')}]`, 'at most 2^31 − 1 elements');
  return [...shape];
}
