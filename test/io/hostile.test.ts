import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../src/io/bytes.js';
import { crc32 } from '../../src/io/crc32.js';
import { readNpy, readNpyHeader, writeNpy } from '../../src/io/npy.js';
import { readNpz } from '../../src/io/npz.js';
import { formatError } from './fixtures.js';

/** Readers facing files made to hurt: refused from their headers and directories, before any large allocation. */

function npyWithHeader(header: string, data = new Uint8Array(0)): Uint8Array {
  const text = `${header}\n`;
  const bytes = new Uint8Array(10 + text.length + data.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, text.length & 0xff, text.length >> 8]);
  for (let i = 0; i < text.length; i++) bytes[10 + i] = text.charCodeAt(i);
  bytes.set(data, 10 + text.length);
  return bytes;
}

describe('.npy headers', () => {
  it('decides from the first bytes: bad magic at once, a layout from the header alone', () => {
    expect(() => readNpyHeader(new Uint8Array([0, 0, 0]))).toThrow(/bad magic/);
    expect(readNpyHeader(new Uint8Array([0x93, 0x4e]))).toEqual({ needBytes: 6 });
    const full = writeNpy({ data: new Float64Array(6), shape: [3, 2] });
    const header = readNpyHeader(full.subarray(0, 12));
    expect('needBytes' in header && header.needBytes).toBe(128);
    expect(readNpyHeader(full.subarray(0, 128))).toMatchObject({ shape: [3, 2], count: 6, dataStart: 128, dataBytes: 48 });
  });

  it.each([
    ['<f0', /numpy has no 0-byte float type/],
    ['<f7', /numpy has no 7-byte float type/],
    ['float64', /not a numpy descr string/],
    ['<f16', /extended-precision floats \(long double\)/],
    ['<f2', /float16/],
    ['<i3', /numpy has no 3-byte integer type/],
  ])('names dtype %s correctly', (descr, message) => {
    const error = formatError(() => readNpy(npyWithHeader(`{'descr': '${descr}', 'fortran_order': False, 'shape': (1,), }`)));
    expect(error.message).toMatch(message);
    if (descr !== '<f16') expect(error.message).not.toMatch(/extended-precision/);
  });

  it('reports a huge dimension beside a zero one as the huge dimension, not as "0 elements"', () => {
    const error = formatError(() => readNpy(npyWithHeader(`{'descr': '<f8', 'fortran_order': False, 'shape': (0, 99999999999999), }`)));
    expect(error.message).toMatch(/a dimension of 99999999999999/);
    expect(error.message).not.toMatch(/: 0 elements/);
  });
});

/**
 * A ZIP whose central directory lists `pointers` (name → index of a local entry), possibly several names for one
 * member: the shape of a zip bomb. Local entries are deflated.
 */
function zipWithDirectory(members: Uint8Array[], pointers: [string, number][]): Uint8Array {
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  const info: { crc: number; size: number; compressed: number }[] = [];
  let offset = 0;
  members.forEach((data, k) => {
    const raw = deflateRawSync(data);
    const name = new TextEncoder().encode(`m${k}.npy`);
    const local = new Uint8Array(30 + name.length);
    const view = new DataView(local.buffer);
    view.setUint32(0, 0x04034b50, true);
    view.setUint16(4, 20, true);
    view.setUint16(8, 8, true);
    view.setUint32(14, crc32(data), true);
    view.setUint32(18, raw.length, true);
    view.setUint32(22, data.length, true);
    view.setUint16(26, name.length, true);
    local.set(name, 30);
    offsets.push(offset);
    info.push({ crc: crc32(data), size: data.length, compressed: raw.length });
    parts.push(local, raw);
    offset += local.length + raw.length;
  });
  const directoryStart = offset;
  for (const [name, k] of pointers) {
    const bytes = new TextEncoder().encode(name);
    const central = new Uint8Array(46 + bytes.length);
    const view = new DataView(central.buffer);
    view.setUint32(0, 0x02014b50, true);
    view.setUint16(4, 20, true);
    view.setUint16(6, 20, true);
    view.setUint16(10, 8, true);
    view.setUint32(16, info[k].crc, true);
    view.setUint32(20, info[k].compressed, true);
    view.setUint32(24, info[k].size, true);
    view.setUint16(28, bytes.length, true);
    view.setUint32(42, offsets[k], true);
    central.set(bytes, 46);
    parts.push(central);
    offset += central.length;
  }
  const end = new Uint8Array(22);
  const view = new DataView(end.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, pointers.length, true);
  view.setUint16(10, pointers.length, true);
  view.setUint32(12, offset - directoryStart, true);
  view.setUint32(16, directoryStart, true);
  parts.push(end);
  return concatBytes(parts);
}

describe('.npz archives that claim more than they hold', () => {
  // One deflated member of 20 MB of zeros (a .npy of 2.5·10⁶ float64) compresses to ~20 KB.
  const member = writeNpy({ data: new Float64Array(2_500_000), shape: [2_500_000] });

  it('refuses twelve directory entries that all point at one member, before inflating any', () => {
    const bomb = zipWithDirectory([member], Array.from({ length: 12 }, (_, k): [string, number] => [`a${k}.npy`, 0]));
    expect(bomb.length).toBeLessThan(member.length / 100);
    expect(formatError(() => readNpz(bomb)).message).toMatch(/overlaps|out of order/);
  });

  it('refuses entries out of order', () => {
    const zip = zipWithDirectory([member.subarray(0, 1000), member.subarray(0, 2000)], [['b.npy', 1], ['a.npy', 0]]);
    expect(formatError(() => readNpz(zip)).message).toMatch(/out of order/);
  });

  it('bounds what all entries together inflate to, from the directory', () => {
    const zip = zipWithDirectory([member, member], [['a.npy', 0], ['b.npy', 1]]);
    // Each entry alone is within the bound; together they are not.
    expect(formatError(() => readNpz(zip, 'two.npz', { maxBytes: 1.5 * member.length })).message).toMatch(/inflate to more than/);
    expect(readNpz(zip, 'two.npz', { maxBytes: 2 * member.length }).size).toBe(2);
  });
});
