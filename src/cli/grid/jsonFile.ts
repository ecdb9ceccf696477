import { statSync, type Stats } from 'node:fs';
import { FormatError } from '../../core/errors.js';
import { MAX_TEXT_BYTES, readHeaderFirst, type HeaderFormat } from '../input.js';

/**
 * The JSON files of grids (parts for vsdl merge, the --out of a --resume) are JSON objects, so that their first
 * byte after whitespace is '{': anything else (/dev/zero, /dev/urandom, a binary file, an endless FIFO of either)
 * is refused from that byte instead of after reading up to the text limit.
 */

const BOM = [0xef, 0xbb, 0xbf];
/** JSON's whitespace: space, tab, line feed, carriage return. */
const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);
const OPEN_BRACE = 0x7b;
const MIB = 2 ** 20;
/** The limit as readFileBounded words it, so that both readers refuse in the same words. */
const LIMIT_TEXT = `${(MAX_TEXT_BYTES / MIB).toFixed(1)} MiB`;

/** Where the JSON text of `prefix` starts: past a UTF-8 byte-order mark (the text decoder drops it) and whitespace. */
function textStart(prefix: Uint8Array): number {
  let at = BOM.every((byte, i) => prefix[i] === byte) ? BOM.length : 0;
  while (at < prefix.length && WHITESPACE.has(prefix[at]!)) at++;
  return at;
}

/** Why `prefix` cannot start a JSON object, or null when it can: its text starts with '{', or has not started yet. */
function notObjectStart(prefix: Uint8Array): string | null {
  const at = textStart(prefix);
  if (at === prefix.length || prefix[at] === OPEN_BRACE) return null;
  return `not a JSON object: it starts with ${describeByte(prefix[at]!)}, not '{'`;
}

function describeByte(byte: number): string {
  return byte > 0x20 && byte < 0x7f ? `'${String.fromCharCode(byte)}'` : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

/**
 * The JSON object as readHeaderFirst's "header": its first byte. The rest has no size of its own, so the text limit
 * stands in for it (what follows is read to the input's end, at most MAX_TEXT_BYTES).
 */
const JSON_OBJECT: HeaderFormat<object> = {
  parse(prefix, what, complete) {
    const problem = notObjectStart(prefix);
    if (problem) throw new FormatError(what, problem);
    if (textStart(prefix) < prefix.length) return {};
    if (complete) throw new FormatError(what, prefix.length === 0 ? 'not JSON: the file is empty' : 'not JSON: the file holds only whitespace');
    if (prefix.length >= MAX_TEXT_BYTES) throw tooLarge(what, `the stream goes on past ${LIMIT_TEXT} of whitespace`);
    return { needBytes: prefix.length + 1 };
  },
  totalBytes: () => MAX_TEXT_BYTES,
};

function tooLarge(what: string, found: string): FormatError {
  return new FormatError(what, `${found}; at most ${LIMIT_TEXT} are read`);
}

/**
 * A JSON object's text, at most MAX_TEXT_BYTES, refused from its first byte when it cannot be one. One open and
 * one pass (readHeaderFirst), as a FIFO can be read only once: opening it to look and again to read would end
 * its writer and then wait for another forever.
 */
export async function readJsonObjectText(path: string, flag: string): Promise<string> {
  // A regular file's size is known: refused from it, in readFileBounded's words (readHeaderFirst would call the
  // excess bytes after a header).
  const info = statOrNull(path);
  if (info?.isFile() && info.size > MAX_TEXT_BYTES) throw tooLarge(path, `the file has ${(info.size / MIB).toFixed(1)} MiB`);
  let bytes: Uint8Array;
  try {
    ({ bytes } = await readHeaderFirst(path, JSON_OBJECT, { flag }));
  } catch (error) {
    // Past the first byte the only limit is the stand-in size: its "bytes after the data" is a stream too long.
    if (error instanceof FormatError && error.message.includes('unexpected bytes after the data')) throw tooLarge(path, `the stream goes on past ${LIMIT_TEXT}`);
    throw error;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FormatError(path, 'not UTF-8 text');
  }
}

/** readJsonObjectText for --resume: null when there is no file at `path` yet (the run starts afresh). */
export async function readResumeText(path: string, flag = '--resume'): Promise<string | null> {
  if (!statSync(path, { throwIfNoEntry: false })) return null;
  return readJsonObjectText(path, flag);
}

/** The file's status, or null when there is none to have (missing, or a path the reader will name the problem of). */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}
