import { FormatError, ParameterError } from '../core/errors.js';
import { decodeLatin1, decodeUtf8, hostIsLittleEndian, readUint, swapBytes, writeUint } from './bytes.js';
import { dtypeOfData, typedArrayFor } from './dtype.js';
import { elementCount, formatShape, MAX_ELEMENTS, type ArrayInput, type NdArray } from './ndarray.js';
import { formatNpyHeader, parseNpyHeader } from './npyHeader.js';

/** The .npy format (numpy.lib.format): magic, version, a Python-dict header, then the raw array bytes. */

const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const arrayAlign = 64;

/** `copy: false` lets the data share memory with `bytes` when it can (aligned, in host byte order): no copy. */
export interface ReadNpyOptions {
  copy?: boolean;
}

export function readNpy(bytes: Uint8Array, what = '.npy file', { copy = true }: ReadNpyOptions = {}): NdArray {
  if (!(bytes instanceof Uint8Array)) throw new ParameterError('bytes', typeof bytes, 'a Uint8Array');
  checkMagic(bytes, what);
  const major = readUint(bytes, 6, 1, what, 'version');
  const minor = readUint(bytes, 7, 1, what, 'version');
  if (minor !== 0 || major < 1 || major > 3) {
    throw new FormatError(what, `unsupported .npy format version ${major}.${minor}; supported: 1.0, 2.0, 3.0`);
  }
  const lengthSize = major === 1 ? 2 : 4;
  const headerLength = readUint(bytes, 8, lengthSize, what, 'header length');
  const headerStart = 8 + lengthSize;
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) {
    throw new FormatError(what, `truncated header: it declares ${headerLength} bytes, only ${bytes.length - headerStart} follow`);
  }
  const headerBytes = bytes.subarray(headerStart, dataStart);
  const headerText = major === 3 ? decodeUtf8(headerBytes, what, 'header') : decodeLatin1(headerBytes);
  const { dtype, fortranOrder, shape, count } = parseNpyHeader(headerText, what);

  const needed = count * dtype.size;
  const found = bytes.length - dataStart;
  if (found !== needed) {
    const problem = found < needed ? 'truncated data' : 'unexpected bytes after the data';
    throw new FormatError(what, `${problem}: shape ${formatShape(shape)} of ${dtype.descr} needs ${needed} bytes, found ${found}`);
  }
  const offset = bytes.byteOffset + dataStart;
  const hostOrder = dtype.littleEndian === hostIsLittleEndian;
  if (!copy && hostOrder && offset % dtype.size === 0) {
    return { shape, dtype: dtype.descr, fortranOrder, data: typedArrayFor(dtype, bytes.buffer as ArrayBuffer, count, offset) };
  }
  // A copy: the result owns aligned memory in host byte order, whatever the input's offset and endianness.
  const owned = bytes.slice(dataStart, dataStart + needed);
  if (!hostOrder) swapBytes(owned, dtype.size);
  return { shape, dtype: dtype.descr, fortranOrder, data: typedArrayFor(dtype, owned.buffer, count) };
}

function checkMagic(bytes: Uint8Array, what: string): void {
  const head = bytes.subarray(0, magic.length);
  const matches = [...head].every((byte, i) => byte === magic[i]);
  if (matches && head.length === magic.length) return;
  if (matches) throw new FormatError(what, `truncated: ${bytes.length} bytes, shorter than the magic string`);
  const shown = [...head].map((b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`));
  throw new FormatError(what, `bad magic: expected "\\x93NUMPY", found "${shown.join('')}"; not a .npy file`);
}

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
