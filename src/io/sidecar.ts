import { ParameterError } from '../core/errors.js';

/**
 * JSON sidecars that describe an export (seed, generator, parameters, ground truth). JSON has no NaN or
 * Infinity, so they become the strings "NaN", "Infinity" and "-Infinity" (which Python's float() accepts);
 * typed arrays become plain arrays and bigints become numbers (or decimal strings beyond 2^53).
 */
export function sidecarJson(meta: object): string {
  return `${jsonText(meta, 2)}\n`;
}

/** The same encoding on one line (indent 0) or indented: for a JSON object printed on stdout. */
export function jsonText(meta: object, indent = 0): string {
  if (meta === null || typeof meta !== 'object') throw new ParameterError('meta', meta, 'an object');
  let text: string | undefined;
  try {
    text = JSON.stringify(meta, replace, indent || undefined);
  } catch (error) {
    throw new ParameterError('meta', Object.prototype.toString.call(meta), 'JSON-serializable data without cycles', (error as Error).message);
  }
  if (text === undefined) throw new ParameterError('meta', meta, 'JSON-serializable data');
  return text;
}

function replace(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (typeof value === 'bigint') return -(2n ** 53n) <= value && value <= 2n ** 53n ? Number(value) : value.toString();
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as unknown as ArrayLike<unknown>);
  return value;
}
