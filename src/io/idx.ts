import { FormatError, ParameterError } from '../core/errors.js';
import { copyBytes } from './bytes.js';

/**
 * MNIST's IDX format (LeCun et al.): two zero bytes, a type byte, the number of dimensions, each dimension as a
 * big-endian uint32, then the values in C order. Only unsigned bytes (type 0x08), the type of MNIST's images and
 * labels, are read; the sizes are checked against the file before anything is allocated.
 */
export interface IdxArray {
  shape: number[];
  data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

export function readIdx(bytes: Uint8Array, what = 'IDX file'): IdxArray {
  if (!(bytes instanceof Uint8Array)) throw new ParameterError('bytes', typeof bytes, 'a Uint8Array');
  if (bytes.length < 4) throw new FormatError(what, `truncated: ${bytes.length} bytes, an IDX header has at least 4`);
  if (bytes[0] !== 0 || bytes[1] !== 0) throw new FormatError(what, 'bad magic: an IDX file starts with two zero bytes');
  if (bytes[2] !== UNSIGNED_BYTE) throw new FormatError(what, `unsupported value type 0x${bytes[2].toString(16).padStart(2, '0')}; supported: 0x08 (unsigned byte)`);
  const rank = bytes[3];
  if (rank === 0) throw new FormatError(what, 'zero dimensions');
  const start = 4 + 4 * rank;
  if (bytes.length < start) throw new FormatError(what, `truncated header: ${rank} dimensions need ${start} bytes, the file has ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = shape.reduce((a, b) => a * b, 1);
  const found = bytes.length - start;
  if (found !== count) {
    throw new FormatError(what, `${found < count ? 'truncated data' : 'unexpected bytes after the data'}: shape ${shape.join('×')} needs ${count} bytes, found ${found}`);
  }
  return { shape, data: copyBytes(bytes, start) };
}
