import { FormatError } from '../core/errors.js';

/** Byte-level helpers shared by the readers: bounds-checked little-endian fields and text decoding. */

export const hostIsLittleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Bytes [start, end) copied into an ArrayBuffer of their own (offset 0, exact length). Not `bytes.slice`: Node's
 * Buffer, a Uint8Array that readFileSync returns, overrides slice to return a view of the same memory.
 */
export function copyBytes(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes.subarray(start, end));
}

/** Unsigned little-endian integer of `size` bytes (1, 2 or 4) at `offset`; past the end → FormatError. */
export function readUint(bytes: Uint8Array, offset: number, size: 1 | 2 | 4, what: string, field: string): number {
  if (offset < 0 || offset + size > bytes.length) {
    throw new FormatError(what, `truncated: ${field} needs bytes ${offset}..${offset + size - 1}, file has ${bytes.length}`);
  }
  let value = 0;
  for (let i = size - 1; i >= 0; i--) value = value * 256 + bytes[offset + i];
  return value;
}

/** Unsigned 64-bit little-endian integer as a number; values beyond 2^53 cannot be offsets or sizes here. */
export function readUint64(bytes: Uint8Array, offset: number, what: string, field: string): number {
  const low = readUint(bytes, offset, 4, what, field);
  const high = readUint(bytes, offset + 4, 4, what, field);
  if (high >= 2 ** 21) throw new FormatError(what, `${field} is too large (≥ 2^53)`);
  return high * 2 ** 32 + low;
}

export function writeUint(out: Uint8Array, offset: number, value: number, size: 1 | 2 | 4): void {
  for (let i = 0; i < size; i++) {
    out[offset + i] = value & 0xff;
    value = Math.floor(value / 256);
  }
}

export function decodeLatin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  }
  return text;
}

/** Strict UTF-8: invalid sequences are a FormatError, never silently replaced. */
export function decodeUtf8(bytes: Uint8Array, what: string, field: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new FormatError(what, `${field} is not valid UTF-8`);
  }
}

export function encodeUtf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Characters below 256 map to one byte each; anything else means the text is not latin-1. */
export function encodeLatin1(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 255) return undefined;
    out[i] = code;
  }
  return out;
}

export function concatBytes(parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Reverses the byte order of every `size`-byte element in place. */
export function swapBytes(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let start = 0; start + size <= bytes.length; start += size) {
    for (let i = start, j = start + size - 1; i < j; i++, j--) {
      const t = bytes[i];
      bytes[i] = bytes[j];
      bytes[j] = t;
    }
  }
}
