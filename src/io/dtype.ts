import { FormatError, ParameterError } from '../core/errors.js';
import type { NumericArray } from './ndarray.js';

/** numpy dtype descriptors ('<f8', '>i4', '|b1', ...) for the numeric types that map onto JS typed arrays. */

export type DtypeKind = 'f' | 'i' | 'u' | 'b';

export interface DtypeInfo {
  /** Canonical descr: byte-order mark, kind, item size ('|' for one-byte types). */
  descr: string;
  kind: DtypeKind;
  size: 1 | 2 | 4 | 8;
  littleEndian: boolean;
}

type TypedArrayConstructor = new (buffer: ArrayBuffer, byteOffset?: number, length?: number) => NumericArray;

const constructors: Record<string, TypedArrayConstructor> = {
  f4: Float32Array,
  f8: Float64Array,
  i1: Int8Array,
  i2: Int16Array,
  i4: Int32Array,
  i8: BigInt64Array,
  u1: Uint8Array,
  u2: Uint16Array,
  u4: Uint32Array,
  u8: BigUint64Array,
  b1: Uint8Array,
};

const unsupportedKinds: Record<string, string> = {
  O: 'object arrays (Python objects, saved with pickle)',
  U: 'unicode string arrays',
  S: 'byte string arrays',
  a: 'byte string arrays',
  V: 'void (raw or structured) arrays',
  c: 'complex arrays',
  M: 'datetime64 arrays',
  m: 'timedelta64 arrays',
};

const supportedList = 'f4, f8, i1, i2, i4, i8, u1, u2, u4, u8, b1 (bool)';

/** Reads a descr string; names the type when it is one we cannot hold (object, unicode, complex, float16, ...). */
export function parseDescr(descr: string, what: string): DtypeInfo {
  const match = /^([<>|=]?)([a-zA-Z])(\d*)(.*)$/s.exec(descr);
  if (!match) throw new FormatError(what, `unsupported dtype ${JSON.stringify(descr)}; supported: ${supportedList}`);
  const [, order, kind, digits, rest] = match;
  const reason = unsupportedKinds[kind];
  if (reason) throw new FormatError(what, `unsupported dtype ${JSON.stringify(descr)}: ${reason} cannot be read; supported: ${supportedList}`);
  const code = `${kind}${digits}`;
  if (rest !== '' || !(code in constructors)) {
    throw new FormatError(what, `unsupported dtype ${JSON.stringify(descr)}${unsupportedDetail(kind, digits, rest)}; supported: ${supportedList}`);
  }
  const size = Number(digits) as 1 | 2 | 4 | 8;
  if (size > 1 && order !== '<' && order !== '>') {
    throw new FormatError(what, `dtype ${JSON.stringify(descr)} does not state its byte order ('<' or '>')`);
  }
  return {
    descr: size === 1 ? `|${code}` : `${order}${code}`,
    kind: kind as DtypeKind,
    size,
    littleEndian: size === 1 || order === '<',
  };
}

/** Why a descr that looks numeric is refused: a dtype name, a size numpy has no such type of, float16, long double. */
function unsupportedDetail(kind: string, digits: string, rest: string): string {
  if (rest !== '' || digits === '') return ": not a numpy descr string (those look like '<f8' or '|u1')";
  const size = Number(digits);
  if (kind === 'f' && size === 2) return ': float16 is not supported';
  if (kind === 'f' && (size === 10 || size === 12 || size === 16)) return ': extended-precision floats (long double) are not supported';
  if (kind === 'f' || kind === 'i' || kind === 'u') return `: numpy has no ${size}-byte ${kind === 'f' ? 'float' : 'integer'} type`;
  if (kind === 'b' && size !== 1) return ': booleans are 1 byte (|b1)';
  return '';
}

/** A typed array viewing `buffer` (host byte order) with the element type of `dtype`. */
export function typedArrayFor(dtype: DtypeInfo, buffer: ArrayBuffer, length: number, byteOffset = 0): NumericArray {
  return new constructors[`${dtype.kind}${dtype.size}`](buffer, byteOffset, length);
}

/** The little-endian dtype that stores `data`; `declared` ('|b1', '<f8', ...) must agree with the typed array. */
export function dtypeOfData(data: unknown, declared?: string): DtypeInfo {
  const code = Object.keys(constructors).find((key) => key !== 'b1' && data instanceof constructors[key]);
  if (!code) {
    throw new ParameterError('data', Object.prototype.toString.call(data), 'a typed array: Float64Array, Float32Array, (Big)Int8/16/32/64Array or (Big)Uint8/16/32/64Array');
  }
  if (declared !== undefined) {
    let info: DtypeInfo;
    try {
      info = parseDescr(declared, 'dtype');
    } catch (error) {
      throw new ParameterError('dtype', declared, supportedList, (error as Error).message);
    }
    const declaredCode = `${info.kind}${info.size}`;
    if (declaredCode !== code && !(declaredCode === 'b1' && code === 'u1')) {
      throw new ParameterError('dtype', declared, `a dtype stored by ${data!.constructor.name} (${code})`);
    }
    return { ...info, descr: info.size === 1 ? info.descr : `<${declaredCode}`, littleEndian: true };
  }
  const size = Number(code.slice(1)) as 1 | 2 | 4 | 8;
  return { descr: size === 1 ? `|${code}` : `<${code}`, kind: code[0] as DtypeKind, size, littleEndian: true };
}
