import { fstatSync, readSync, statSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { FormatError, ParameterError } from '../core/errors.js';
import type { MatrixRows } from '../core/linalg/rows.js';
import { ENTRY_LIMIT, MAX_ENTRIES, overEntryLimit } from '../core/limits.js';
// The .npy reader itself, not the io barrel (model formats, MNIST…): every command that reads a matrix starts faster.
import { readNpy, readNpyHeader, type NpyLayout, type ReadNpyOptions } from '../io/npy.js';
import type { NdArray } from '../io/ndarray.js';
import { concatBytes } from '../io/bytes.js';
import { formatShape } from '../io/ndarray.js';
import { fsReason } from './fsErrors.js';

/**
 * Reading input files, bounded. Every command reads through these helpers, so no input is read whole before it
 * is checked: a regular file is refused from its size (stat) or its header, and a stream that has no size (a FIFO,
 * /dev/zero, /dev/urandom, a pipe from `<(…)`) is read incrementally and refused as soon as it passes the bound.
 *
 * - readFileBounded(path, { flag, maxBytes }): a whole file of at most maxBytes bytes (JSON, CSV, small binaries).
 * - readHeaderFirst(path, { flag, parse, … }): formats with a header (.npy, safetensors): reads just enough to
 *   parse the header, checks it (size limits, the file's real size), then reads exactly the bytes it describes.
 * - readNpyFile(path, flag): a .npy file through readHeaderFirst, refused beyond the limit of `vsdl generate`.
 * - readPrefix(path, { flag, bytes }): the first bytes, to tell a file's format before reading it whole.
 *
 * Problems with the path (missing, a folder, no permission) are ParameterErrors naming the flag (exit code 2);
 * problems with the contents (too large, truncated, not the format) are FormatErrors (exit code 1).
 */

/** Bytes of a .npy file at the entry limit: the data of MAX_ENTRIES float64 values plus the largest header read. */
export const MAX_NPY_BYTES = MAX_ENTRIES * 8 + 2 ** 20;
/** JSON and CSV inputs (sidecars, sweep documents): far above any the commands write, below V8's string limit. */
export const MAX_TEXT_BYTES = 256 * 2 ** 20;

const CHUNK = 1 << 16;

export interface InputOptions {
  /** The flag or argument that named the path, for messages ('W.npy', '--resume'). */
  flag: string;
  /** Name of the input in messages; the path by default. */
  what?: string;
}

interface OpenInput {
  handle: FileHandle;
  stats: Stats;
  /** A regular file: its size is known before reading. */
  regular: boolean;
}

async function openInput(path: string, flag: string): Promise<OpenInput> {
  if (typeof path !== 'string' || path === '') throw new ParameterError(flag, path ?? 'missing', 'the path of a readable file');
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new ParameterError(flag, path, 'a readable file', fsReason(error));
  }
  const stats = await handle.stat();
  if (stats.isDirectory()) {
    await handle.close();
    throw new ParameterError(flag, path, 'a readable file', 'it is a folder');
  }
  return { handle, stats, regular: stats.isFile() };
}

/** Reads into out[from, to) until it is full or the input ends; returns the end of what was read. */
async function readInto(handle: FileHandle, out: Uint8Array, from: number, to: number, what: string): Promise<number> {
  let at = from;
  while (at < to) {
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(out, at, Math.min(to - at, 1 << 24), null));
    } catch (error) {
      throw new FormatError(what, `reading failed: ${fsReason(error)}`);
    }
    if (bytesRead === 0) break;
    at += bytesRead;
  }
  return at;
}

/** Whether anything follows the bytes read so far (one more byte is enough to know). */
async function hasMore(handle: FileHandle, what: string): Promise<boolean> {
  return (await readInto(handle, new Uint8Array(1), 0, 1, what)) > 0;
}

const sizeText = (bytes: number): string => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${bytes} bytes`);

/** A whole file of at most maxBytes bytes. */
export async function readFileBounded(path: string, { flag, what = path, maxBytes }: InputOptions & { maxBytes: number }): Promise<Uint8Array> {
  const input = await openInput(path, flag);
  const tooLarge = (found: string) => new FormatError(what, `${found}; at most ${sizeText(maxBytes)} are read`);
  try {
    if (input.regular && input.stats.size > maxBytes) throw tooLarge(`the file has ${sizeText(input.stats.size)}`);
    // A regular file is read to its end (it may have grown since stat); a stream until it ends or passes the bound.
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = new Uint8Array(Math.min(maxBytes + 1 - total, input.regular ? Math.max(CHUNK, input.stats.size - total + 1) : CHUNK));
      const end = await readInto(input.handle, chunk, 0, chunk.length, what);
      if (end === 0) break;
      chunks.push(chunk.subarray(0, end));
      total += end;
      if (total > maxBytes) throw tooLarge(input.regular ? 'the file grew while it was read' : `the stream goes on past ${sizeText(maxBytes)}`);
    }
    return concatBytes(chunks);
  } finally {
    await input.handle.close();
  }
}

/** The first `bytes` bytes of a file (fewer when it is shorter): enough to tell its format before reading it. */
export async function readPrefix(path: string, { flag, what = path, bytes }: InputOptions & { bytes: number }): Promise<Uint8Array> {
  const input = await openInput(path, flag);
  try {
    const prefix = new Uint8Array(input.regular ? Math.min(bytes, input.stats.size || bytes) : bytes);
    return prefix.subarray(0, await readInto(input.handle, prefix, 0, prefix.length, what));
  } finally {
    await input.handle.close();
  }
}

/** How much of an input may be read, decided from its first bytes (readFileByPrefix). */
export type PrefixBound =
  | { needBytes: number }
  | {
      maxBytes: number;
      /** What the bound is, for messages ('its header describes 4000 bytes'); by default "at most N bytes are read". */
      says?: string;
    };

/**
 * A whole file whose first bytes decide how much of it may be read. `bound(prefix, complete)` is given the bytes
 * read so far (the first `prefixBytes`, or all of the input when `complete`) and throws a FormatError to refuse the
 * input, asks for more ({ needBytes }), or returns the most the whole input may hold ({ maxBytes }). A regular file
 * over the bound is refused from its size, a stream (a FIFO, /dev/zero) as soon as it passes the bound by one byte,
 * so an endless input costs at most the bound in reading. The input is opened once: a FIFO cannot be peeked at and
 * opened again (closing it ends its writer, and the second open waits forever for another). A shorter input is
 * returned as it is, for the format's reader to report the shortfall.
 */
export async function readFileByPrefix(
  path: string,
  bound: (prefix: Uint8Array, complete: boolean) => PrefixBound,
  { flag, what = path, prefixBytes = CHUNK }: InputOptions & { prefixBytes?: number },
): Promise<Uint8Array> {
  const input = await openInput(path, flag);
  try {
    const size = input.regular ? input.stats.size : Infinity;
    let buffer = new Uint8Array(Math.min(prefixBytes, size));
    let length = await readInto(input.handle, buffer, 0, buffer.length, what);
    let complete = length < buffer.length;
    let decided = bound(buffer.subarray(0, length), complete);
    while ('needBytes' in decided) {
      if (complete) throw new FormatError(what, `it ends after ${length} bytes`); // a bound that asks past the end
      // Room for what is asked, but no more than a regular file holds (its header may claim anything).
      let target = Math.max(decided.needBytes, length + 1);
      if (input.regular) target = Math.min(target, Math.max(size, length + 1));
      const grown = new Uint8Array(target);
      grown.set(buffer.subarray(0, length));
      buffer = grown;
      length = await readInto(input.handle, buffer, length, buffer.length, what);
      complete = length < buffer.length;
      decided = bound(buffer.subarray(0, length), complete);
    }
    const { maxBytes } = decided;
    const says = decided.says ?? `at most ${sizeText(maxBytes)} are read`;
    const goesOn = () => new FormatError(what, `the ${input.regular ? 'file' : 'stream'} goes on past ${sizeText(maxBytes)}; ${says}`);
    if (input.regular && size > maxBytes) throw new FormatError(what, `the file has ${sizeText(size)}; ${says}`);
    if (length > maxBytes) throw goesOn();
    const chunks = [buffer.subarray(0, length)];
    let total = length;
    while (!complete) {
      const chunk = new Uint8Array(Math.min(maxBytes + 1 - total, input.regular ? Math.max(CHUNK, size - total + 1) : CHUNK));
      const end = await readInto(input.handle, chunk, 0, chunk.length, what);
      chunks.push(chunk.subarray(0, end));
      total += end;
      if (total > maxBytes) throw goesOn();
      complete = end < chunk.length; // readInto stops short only at the end of the input
    }
    return concatBytes(chunks);
  } finally {
    await input.handle.close();
  }
}

/** A text file (UTF-8) of at most maxBytes bytes. */
export async function readTextBounded(path: string, options: InputOptions & { maxBytes?: number }): Promise<string> {
  const bytes = await readFileBounded(path, { ...options, maxBytes: options.maxBytes ?? MAX_TEXT_BYTES });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FormatError(options.what ?? path, 'not UTF-8 text');
  }
}

export interface HeaderFormat<L> {
  /**
   * Parses the bytes read so far: the layout, or `{ needBytes }` when it must see more; throws a FormatError as
   * soon as the bytes cannot be the format (bad magic), or, when `complete`, when they end too soon.
   */
  parse(prefix: Uint8Array, what: string, complete: boolean): L | { needBytes: number };
  /** The file's total size in bytes according to its header. */
  totalBytes(layout: L): number;
  /** Refuses a layout before its data is read (sizes beyond a limit); throws a FormatError. */
  check?(layout: L, what: string): void;
}

/**
 * A file whose header says how large it is: reads the header, checks it, then reads exactly the rest, so that a
 * bad or oversized file costs a few bytes of reading and no allocation. The bytes returned are the whole file;
 * when it is shorter than its header says they are what there is (the format's reader then reports the
 * shortfall), and when it is longer the excess is refused here without reading it.
 */
export async function readHeaderFirst<L extends object>(path: string, format: HeaderFormat<L>, { flag, what = path }: InputOptions): Promise<{ layout: L; bytes: Uint8Array }> {
  const input = await openInput(path, flag);
  try {
    let buffer = new Uint8Array(input.regular ? Math.min(CHUNK, input.stats.size) : CHUNK);
    let length = await readInto(input.handle, buffer, 0, buffer.length, what);
    let parsed = format.parse(buffer.subarray(0, length), what, false);
    while ('needBytes' in parsed) {
      // the input ended before the header did: the format reports the shortfall
      if (length < buffer.length) format.parse(buffer.subarray(0, length), what, true);
      const grown = new Uint8Array(Math.max(parsed.needBytes, 2 * buffer.length));
      grown.set(buffer.subarray(0, length));
      buffer = grown;
      length = await readInto(input.handle, buffer, length, buffer.length, what);
      parsed = format.parse(buffer.subarray(0, length), what, false);
    }
    const layout = parsed;
    format.check?.(layout, what);
    const total = format.totalBytes(layout);
    if (input.regular && input.stats.size > total) {
      throw new FormatError(what, `unexpected bytes after the data: the header describes ${total} bytes, the file has ${input.stats.size}`);
    }
    if (length > total) throw new FormatError(what, `unexpected bytes after the data: the header describes ${total} bytes, the input goes on`);
    // Room for what the file holds (a short file costs its size, not what its header claims), growing for streams.
    let bytes = new Uint8Array(input.regular && input.stats.size > 0 ? Math.min(total, input.stats.size) : Math.min(total, Math.max(length, CHUNK)));
    bytes.set(buffer.subarray(0, length));
    let end = length;
    for (;;) {
      end = await readInto(input.handle, bytes, end, bytes.length, what);
      if (end < bytes.length || end === total) break;
      const grown = new Uint8Array(Math.min(total, 2 * bytes.length));
      grown.set(bytes);
      bytes = grown;
    }
    if (end === total && (await hasMore(input.handle, what))) {
      throw new FormatError(what, `unexpected bytes after the data: the header describes ${total} bytes, the input goes on`);
    }
    return { layout, bytes: bytes.subarray(0, end) };
  } finally {
    await input.handle.close();
  }
}

/** A float64 .npy matrix open for reading by rows (the dense spectra read it in order, a block at a time). */
export interface NpyRows extends MatrixRows {
  /** The whole file in pieces, in order (for a checksum). */
  pieces(): Iterable<Uint8Array>;
  /** Throws when the file was modified (size or modification time) since it was opened. */
  checkUnchanged(): void;
  close(): Promise<void>;
}

/**
 * A 2-D little-endian float64 .npy file in C order, opened for reading by rows (MatrixRows: W never lies whole in
 * memory), or null when the file is anything else; the caller then reads it with readNpyFile, which reports
 * every problem a file can have. Reads are synchronous, at the row's position in the file.
 */
export async function openNpyRows(path: string, flag: string): Promise<NpyRows | null> {
  // Anything but a regular file (a FIFO, a device; or no file at all) is left unopened to the usual reader:
  // opening a FIFO here and closing it would end its writer, and the second open would wait forever.
  if (typeof path !== 'string' || statSync(path, { throwIfNoEntry: false })?.isFile() !== true) return null;
  const input = await openInput(path, flag);
  let layout: NpyLayout | { needBytes: number } | undefined;
  if (input.regular) {
    const prefix = new Uint8Array(Math.min(CHUNK, input.stats.size));
    const length = await readInto(input.handle, prefix, 0, prefix.length, path);
    try {
      layout = readNpyHeader(prefix.subarray(0, length), path);
    } catch {
      layout = undefined;
    }
  }
  const usable =
    layout !== undefined &&
    !('needBytes' in layout) &&
    layout.dtype.descr === '<f8' &&
    !layout.fortranOrder &&
    layout.shape.length === 2 &&
    layout.count > 0 &&
    !overEntryLimit(layout.count) &&
    input.stats.size === layout.dataStart + layout.dataBytes;
  if (!usable) {
    await input.handle.close();
    return null;
  }
  const { dataStart, shape } = layout as NpyLayout;
  const [rows, cols] = shape;
  const fd = input.handle.fd;
  const { size, mtimeMs } = input.stats;
  const changed = (): FormatError => new FormatError(path, `the file changed while it was read (it is read twice): its header describes ${size} bytes`);
  /** Fills `out` from byte `position` of the file. */
  const readAt = (out: Uint8Array, position: number): void => {
    for (let at = 0; at < out.length; ) {
      let count: number;
      try {
        count = readSync(fd, out, at, Math.min(out.length - at, 1 << 30), position + at);
      } catch (error) {
        throw new FormatError(path, `reading failed: ${fsReason(error)}`);
      }
      if (count === 0) throw changed();
      at += count;
    }
  };
  return {
    rows,
    cols,
    read(first, into) {
      readAt(new Uint8Array(into.buffer, into.byteOffset, into.byteLength), dataStart + first * cols * 8);
    },
    *pieces() {
      const piece = new Uint8Array(Math.min(size, 1 << 23));
      for (let position = 0; position < size; position += piece.length) {
        const part = piece.subarray(0, Math.min(piece.length, size - position));
        readAt(part, position);
        yield part;
      }
    },
    checkUnchanged() {
      const now = fstatSync(fd);
      if (now.size !== size || now.mtimeMs !== mtimeMs) throw changed();
    },
    close: () => input.handle.close(),
  };
}

/** The .npy header format for readHeaderFirst, with the entry limit of `vsdl generate`. */
export const NPY_FORMAT: HeaderFormat<NpyLayout> = {
  parse: (prefix, what, complete) => readNpyHeader(prefix, what, { complete }),
  totalBytes: (layout) => layout.dataStart + layout.dataBytes,
  check(layout, what) {
    const tooLarge = overEntryLimit(layout.count);
    if (tooLarge) throw new FormatError(what, `shape ${formatShape(layout.shape)} has ${layout.count} entries: ${tooLarge}; ${ENTRY_LIMIT} are read, as vsdl generate builds`);
  },
};

/** A .npy file, refused from its header when it is not one or exceeds the entry limit. */
export async function readNpyFile(path: string, flag: string, options: ReadNpyOptions = {}): Promise<{ array: NdArray; bytes: Uint8Array }> {
  const { bytes } = await readHeaderFirst(path, NPY_FORMAT, { flag });
  return { array: readNpy(bytes, path, options), bytes };
}
