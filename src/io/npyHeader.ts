import { FormatError } from '../core/errors.js';
import { parseDescr, type DtypeInfo } from './dtype.js';
import { formatShape, MAX_ELEMENTS } from './ndarray.js';
import { parsePyLiteral, type PyValue } from './pyLiteral.js';

/** The header dict of a .npy file: {'descr': ..., 'fortran_order': ..., 'shape': (...), }. */

export interface NpyHeader {
  dtype: DtypeInfo;
  fortranOrder: boolean;
  shape: number[];
  count: number;
}

const requiredKeys = ['descr', 'fortran_order', 'shape'];

export function parseNpyHeader(text: string, what: string): NpyHeader {
  const dict = parsePyLiteral(text, what);
  if (!(dict instanceof Map)) throw new FormatError(what, 'header is not a Python dict');
  const keys = [...dict.keys()].sort();
  if (keys.join() !== requiredKeys.join()) {
    throw new FormatError(what, `header keys are ${JSON.stringify(keys)}; expected exactly ${JSON.stringify(requiredKeys)}`);
  }
  const descr = dict.get('descr');
  if (Array.isArray(descr)) throw new FormatError(what, 'structured arrays (record dtypes) are not supported');
  if (typeof descr !== 'string') throw new FormatError(what, `descr must be a string, got ${describe(descr)}`);
  const fortranOrder = dict.get('fortran_order');
  if (typeof fortranOrder !== 'boolean') throw new FormatError(what, `fortran_order must be True or False, got ${describe(fortranOrder)}`);
  const { shape, count } = parseShape(dict.get('shape')!, what);
  return { dtype: parseDescr(descr, what), fortranOrder, shape, count };
}

function parseShape(value: PyValue, what: string): { shape: number[]; count: number } {
  if (value === null || typeof value !== 'object' || !('tuple' in value)) {
    throw new FormatError(what, `shape must be a tuple of integers, got ${describe(value)}`);
  }
  const dims = value.tuple;
  for (const dim of dims) {
    if (typeof dim !== 'bigint') throw new FormatError(what, `shape ${describe(value)} has a non-integer dimension ${describe(dim)}`);
    if (dim < 0n) throw new FormatError(what, `shape ${describe(value)} has a negative dimension`);
  }
  const big = dims as bigint[];
  const count = big.reduce((product, dim) => product * dim, 1n);
  const huge = big.find((dim) => dim > BigInt(MAX_ELEMENTS));
  if (huge !== undefined) {
    throw new FormatError(what, `shape ${formatShape(big)} is too large: a dimension of ${huge}; at most 2^31 − 1 per dimension and in all`);
  }
  if (count > BigInt(MAX_ELEMENTS)) {
    throw new FormatError(what, `shape ${formatShape(big)} is too large: ${count} elements; at most 2^31 − 1 are supported`);
  }
  return { shape: big.map(Number), count: Number(count) };
}

function describe(value: PyValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'None';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (value instanceof Map) return 'a dict';
  if ('float' in value) return String(value.float);
  return formatShape(value.tuple.map(describe));
}

/**
 * The header text exactly as numpy writes it, including the spare spaces numpy reserves for growing the first
 * (C order) or last (Fortran order) axis in place, so that our files are byte-identical to np.save's.
 */
export function formatNpyHeader(descr: string, fortranOrder: boolean, shape: readonly number[]): string {
  const dict = `{'descr': '${descr}', 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': ${formatShape(shape)}, }`;
  const growthAxisMaxDigits = 21;
  const growthDim = shape.length === 0 ? undefined : shape[fortranOrder ? shape.length - 1 : 0];
  return dict + (growthDim === undefined ? '' : ' '.repeat(growthAxisMaxDigits - String(growthDim).length));
}
