import { FormatError, ParameterError } from '../core/errors.js';
import { concatBytes, copyBytes, decodeUtf8, encodeUtf8, readUint, readUint64, writeUint } from './bytes.js';
import { crc32 } from './crc32.js';
import { inflateRaw } from './inflate.js';
import { MAX_ENTRIES } from '../core/limits.js';

/**
 * ZIP archives as .npz uses them: read stored and deflated entries (ZIP64 included, as numpy always marks its
 * entries so), check every CRC-32; write stored entries with a fixed timestamp so that output is reproducible.
 */

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

const sig = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, end64: 0x06064b50, locator64: 0x07064b50 };
const methodNames: Record<number, string> = { 9: 'Deflate64', 12: 'bzip2', 14: 'LZMA', 93: 'Zstandard', 95: 'XZ' };
// Code page 437, the legacy encoding of names without the UTF-8 flag (bytes 0x80..0xFF).
const cp437High =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
// DEFLATE expands at most about 1032:1; a larger stated size is a corrupt directory, not something to allocate.
const maxDeflateRatio = 1032;

/**
 * The most bytes an archive may inflate to, all entries together: as much as the largest array the project
 * reads (MAX_ENTRIES float64 values) plus room for headers. Checked from the directory before inflating.
 */
export const MAX_INFLATED_BYTES = MAX_ENTRIES * 8 + 2 ** 24;

export function readZip(bytes: Uint8Array, what: string, maxInflatedBytes = MAX_INFLATED_BYTES): ZipEntry[] {
  const u16 = (offset: number, field: string): number => readUint(bytes, offset, 2, what, field);
  const u32 = (offset: number, field: string): number => readUint(bytes, offset, 4, what, field);

  const end = findEndRecord(bytes, what);
  if (u16(end + 4, 'disk number') !== 0 || u16(end + 6, 'disk number') !== 0) {
    throw new FormatError(what, 'multi-volume ZIP archives are not supported');
  }
  let count = u16(end + 10, 'entry count');
  let directorySize = u32(end + 12, 'directory size');
  let directoryOffset = u32(end + 16, 'directory offset');
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || u32(locator, 'ZIP64 locator') !== sig.locator64) throw new FormatError(what, 'ZIP64 end record locator missing');
    const end64 = readUint64(bytes, locator + 8, what, 'ZIP64 end record offset');
    if (u32(end64, 'ZIP64 end record') !== sig.end64) throw new FormatError(what, 'ZIP64 end record missing');
    count = readUint64(bytes, end64 + 32, what, 'entry count');
    directorySize = readUint64(bytes, end64 + 40, what, 'directory size');
    directoryOffset = readUint64(bytes, end64 + 48, what, 'directory offset');
  }
  if (directoryOffset + directorySize > bytes.length) throw new FormatError(what, 'truncated: the central directory lies past the end');

  // First the directory, then the data: sizes and positions are checked before anything is inflated, so that
  // a small archive cannot claim gigabytes (a "zip bomb"), and no two entries can share compressed bytes.
  const found: { name: string; method: number; crc: number; size: number; raw: Uint8Array; start: number; end: number }[] = [];
  let total = 0;
  let pos = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (u32(pos, 'central directory') !== sig.central) throw new FormatError(what, `central directory entry ${i} is corrupt`);
    const flags = u16(pos + 8, 'flags');
    const method = u16(pos + 10, 'compression method');
    const crc = u32(pos + 16, 'CRC-32');
    let compressedSize = u32(pos + 20, 'compressed size');
    let size = u32(pos + 24, 'size');
    const nameLength = u16(pos + 28, 'name length');
    const extraLength = u16(pos + 30, 'extra length');
    const commentLength = u16(pos + 32, 'comment length');
    let localOffset = u32(pos + 42, 'local header offset');
    const nameEnd = pos + 46 + nameLength;
    if (nameEnd + extraLength > bytes.length) throw new FormatError(what, 'truncated central directory');
    const name = decodeName(bytes.subarray(pos + 46, nameEnd), (flags & 0x800) !== 0, what);

    // ZIP64 extra field: 64-bit values replace, in this order, whichever 32-bit fields are saturated.
    for (let x = nameEnd; x + 4 <= nameEnd + extraLength; ) {
      const id = u16(x, 'extra field');
      const length = u16(x + 2, 'extra field');
      if (id === 0x0001) {
        let field = x + 4;
        const next = (): number => {
          if (field + 8 > x + 4 + length) throw new FormatError(what, `ZIP64 extra field of ${JSON.stringify(name)} is too short`);
          const value = readUint64(bytes, field, what, 'ZIP64 field');
          field += 8;
          return value;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localOffset === 0xffffffff) localOffset = next();
      }
      x += 4 + length;
    }
    pos = nameEnd + extraLength + commentLength;

    if (flags & 1) throw new FormatError(what, `entry ${JSON.stringify(name)} is encrypted`);
    if (u32(localOffset, 'local header') !== sig.local) throw new FormatError(what, `local header of ${JSON.stringify(name)} is missing`);
    const dataStart = localOffset + 30 + u16(localOffset + 26, 'name length') + u16(localOffset + 28, 'extra length');
    if (dataStart + compressedSize > bytes.length) throw new FormatError(what, `truncated: data of ${JSON.stringify(name)} runs past the end`);
    if (dataStart + compressedSize > directoryOffset) throw new FormatError(what, `data of ${JSON.stringify(name)} runs into the central directory`);
    const previous = found[found.length - 1];
    if (previous && localOffset < previous.end) {
      throw new FormatError(what, `entry ${JSON.stringify(name)} ${localOffset < previous.start ? 'is out of order' : 'overlaps'} entry ${JSON.stringify(previous.name)} (entries must follow each other, as zip writers put them)`);
    }
    total += size;
    if (total > maxInflatedBytes) {
      throw new FormatError(what, `the entries inflate to more than ${maxInflatedBytes} bytes (at least ${total} by entry ${i + 1} of ${count})`);
    }
    found.push({ name, method, crc, size, raw: bytes.subarray(dataStart, dataStart + compressedSize), start: localOffset, end: dataStart + compressedSize });
  }
  return found.map(({ name, method, crc, size, raw }) => ({ name, data: extract(raw, method, size, crc, `${what} (entry ${JSON.stringify(name)})`) }));
}

function extract(raw: Uint8Array, method: number, size: number, crc: number, what: string): Uint8Array {
  let data: Uint8Array;
  if (method === 0) {
    if (raw.length !== size) throw new FormatError(what, `stored entry of ${raw.length} bytes states size ${size}`);
    data = copyBytes(raw);
  } else if (method === 8) {
    if (size > raw.length * maxDeflateRatio + 1024) throw new FormatError(what, `stated size ${size} is impossible for ${raw.length} compressed bytes`);
    data = inflateRaw(raw, size, what);
  } else {
    const name = methodNames[method] ?? `method ${method}`;
    throw new FormatError(what, `compression ${name} is not supported (only stored and deflate)`);
  }
  const actual = crc32(data);
  if (actual !== crc) throw new FormatError(what, `CRC-32 mismatch (stored ${hex(crc)}, computed ${hex(actual)}): the archive is corrupt`);
  return data;
}

function findEndRecord(bytes: Uint8Array, what: string): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let pos = bytes.length - 22; pos >= lowest; pos--) {
    if (bytes[pos] === 0x50 && bytes[pos + 1] === 0x4b && bytes[pos + 2] === 5 && bytes[pos + 3] === 6) {
      // the comment must end exactly at the end of the file: anything else is a truncated or padded archive
      if (pos + 22 + readUint(bytes, pos + 20, 2, what, 'comment length') === bytes.length) return pos;
    }
  }
  const zipStart = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  throw new FormatError(what, zipStart ? 'truncated ZIP archive: end of central directory not found' : 'not a ZIP archive (no end of central directory record)');
}

function decodeName(raw: Uint8Array, utf8: boolean, what: string): string {
  if (utf8) return decodeUtf8(raw, what, 'entry name');
  let name = '';
  for (const byte of raw) name += byte < 0x80 ? String.fromCharCode(byte) : cp437High[byte - 0x80];
  return name;
}

const hex = (value: number): string => `0x${value.toString(16).padStart(8, '0')}`;

/** A ZIP archive of stored (uncompressed) entries; names are UTF-8, timestamps fixed at 1980-01-01 00:00. */
export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  if (entries.length > 0xfffe) throw new ParameterError('entries', entries.length, 'at most 65534 entries');
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = encodeUtf8(name);
    if (nameBytes.length > 0xffff) throw new ParameterError('name', name, 'an entry name of at most 65535 bytes');
    const flags = nameBytes.length !== name.length || /[^\x00-\x7f]/.test(name) ? 0x800 : 0;
    const crc = crc32(data);
    const local = new Uint8Array(30 + nameBytes.length);
    writeUint(local, 0, sig.local, 4);
    writeUint(local, 4, 20, 2); // version needed: 2.0
    writeUint(local, 6, flags, 2);
    writeUint(local, 10, 0, 2); // time 00:00:00
    writeUint(local, 12, 0x21, 2); // date 1980-01-01
    writeUint(local, 14, crc, 4);
    writeUint(local, 18, data.length, 4);
    writeUint(local, 22, data.length, 4);
    writeUint(local, 26, nameBytes.length, 2);
    local.set(nameBytes, 30);

    const central = new Uint8Array(46 + nameBytes.length);
    writeUint(central, 0, sig.central, 4);
    writeUint(central, 4, 20, 2); // made by: version 2.0, MS-DOS attributes
    central.set(local.subarray(4, 30), 6); // version needed .. name length are the same fields
    writeUint(central, 42, offset, 4);
    central.set(nameBytes, 46);

    offset += local.length + data.length;
    if (offset > 0xfffffffe) throw new ParameterError('entries', `${offset} bytes`, 'an archive below 4 GiB');
    locals.push(local, data);
    centrals.push(central);
  }
  const directory = concatBytes(centrals);
  const end = new Uint8Array(22);
  writeUint(end, 0, sig.end, 4);
  writeUint(end, 8, entries.length, 2);
  writeUint(end, 10, entries.length, 2);
  writeUint(end, 12, directory.length, 4);
  writeUint(end, 16, offset, 4);
  return concatBytes([...locals, directory, end]);
}
