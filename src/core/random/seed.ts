import { ParameterError } from '../errors.js';
import { sha256Words } from './sha256.js';

/**
 * Seeds and stream names, and how they become generator keys.
 *
 * A seed or a name is either a safe integer ≥ 0 or a non-empty string of at most 256 UTF-16 code units (well
 * formed: no lone surrogates, so that its UTF-8 bytes are defined). An integer and its decimal string are the
 * same seed: 42 and '42' give the same numbers, '042' does not. The hash input is the UTF-8 text of that
 * canonical decimal or string.
 *
 * A stream is identified by 128 bits: the Philox key (k0, k1) and the two high counter words (c2, c3); the two
 * low counter words count blocks within the stream. Identities are the first 16 bytes of SHA-256 digests:
 *   root(seed)          = SHA-256("vsdl/philox4x32-10/v1/seed" 0x00 utf8(seed))
 *   child(parent, name) = SHA-256("vsdl/philox4x32-10/v1/fork" 0x00 parent(16 bytes) utf8(name))
 * with digest and identity words big-endian. A child depends on its parent and its name only.
 */

export type Seed = string | number;
export type StreamName = string | number;

/** Key and high counter words of a stream: [k0, k1, c2, c3]. */
export type StreamIdentity = readonly [number, number, number, number];

export const MAX_SEED_LENGTH = 256;

const ROOT_DOMAIN = 'vsdl/philox4x32-10/v1/seed';
const FORK_DOMAIN = 'vsdl/philox4x32-10/v1/fork';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function checkSeedLike(value: unknown, name: string): Seed {
  const allowed =
    `an integer in [0, ${Number.MAX_SAFE_INTEGER}] ` +
    `or a non-empty string of at most ${MAX_SEED_LENGTH} characters`;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new ParameterError(name, value, allowed);
    return value === 0 ? 0 : value; // −0 is 0
  }
  if (typeof value === 'string') {
    if (value.length === 0 || value.length > MAX_SEED_LENGTH) throw new ParameterError(name, value, allowed);
    if (LONE_SURROGATE.test(value)) throw new ParameterError(name, value, allowed, 'contains a lone surrogate');
    return value;
  }
  throw new ParameterError(name, value, allowed);
}

/** Checks a seed and returns it (−0 becomes 0). */
export function validateSeed(value: unknown, name = 'seed'): Seed {
  return checkSeedLike(value, name);
}

/** Checks a stream name (same rules as a seed) and returns it. */
export function validateStreamName(value: unknown, name = 'name'): StreamName {
  return checkSeedLike(value, name);
}

/**
 * Reads a seed typed on a command line or found in a URL. Canonical decimals ('0', '42', no leading zero,
 * at most 2^53 − 1) become integers; any other text stays a string. Either way the stream is the one the text
 * itself names, so `createStream(parseSeed(t))` equals `createStream(t)`.
 */
export function parseSeed(text: string): Seed {
  const seed = validateSeed(text, 'seed');
  if (typeof seed === 'string' && /^(0|[1-9][0-9]*)$/.test(seed)) {
    const value = Number(seed);
    if (Number.isSafeInteger(value)) return value;
  }
  return seed;
}

/** The canonical text of a validated seed or name. */
export function canonicalText(value: Seed): string {
  return typeof value === 'number' ? String(value) : value;
}

/** UTF-8 bytes of a well-formed string. */
export function utf8Bytes(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return Uint8Array.from(bytes);
}

function identityFromDigest(parts: Uint8Array[]): StreamIdentity {
  let length = 0;
  for (const part of parts) length += part.length;
  const message = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  const digest = sha256Words(message);
  return [digest[0]!, digest[1]!, digest[2]!, digest[3]!];
}

const SEPARATOR = Uint8Array.of(0);

/** The identity of the root stream of a validated seed. */
export function rootIdentity(seed: Seed): StreamIdentity {
  return identityFromDigest([utf8Bytes(ROOT_DOMAIN), SEPARATOR, utf8Bytes(canonicalText(seed))]);
}

/** The identity of the child `name` of the stream `parent` (validated name). */
export function childIdentity(parent: StreamIdentity, name: StreamName): StreamIdentity {
  const parentBytes = new Uint8Array(16);
  const view = new DataView(parentBytes.buffer);
  for (let i = 0; i < 4; i++) view.setUint32(4 * i, parent[i]!);
  return identityFromDigest([utf8Bytes(FORK_DOMAIN), SEPARATOR, parentBytes, utf8Bytes(canonicalText(name))]);
}
