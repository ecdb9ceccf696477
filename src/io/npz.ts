import { FormatError, ParameterError } from '../core/errors.js';
import type { ArrayInput, NdArray } from './ndarray.js';
import { readNpy, writeNpy } from './npy.js';
import { MAX_INFLATED_BYTES, readZip, writeZip } from './zip.js';
import { describe, integer, record } from '../core/validate.js';

/**
 * .npz archives (np.savez, np.savez_compressed): a ZIP of .npy files. Keys drop the '.npy' suffix as numpy's
 * NpzFile does; entries that are not .npy files (a README, a directory) are skipped. All entries together may
 * inflate to at most `maxBytes` (by default the size of the largest array the project reads).
 */

export function readNpz(bytes: Uint8Array, what = '.npz file', options: { maxBytes?: number } = {}): Map<string, NdArray> {
  if (!(bytes instanceof Uint8Array)) throw new ParameterError('bytes', typeof bytes, 'a Uint8Array');
  if (typeof what !== 'string') throw new ParameterError('what', typeof what, 'a name for messages');
  const { maxBytes = MAX_INFLATED_BYTES } = record<{ maxBytes?: number }>('options', options);
  integer('maxBytes', maxBytes, 0);
  const arrays = new Map<string, NdArray>();
  for (const { name, data } of readZip(bytes, what, maxBytes)) {
    if (!name.endsWith('.npy')) continue;
    const key = name.slice(0, -4);
    if (arrays.has(key)) throw new FormatError(what, `duplicate entry ${JSON.stringify(name)}`);
    arrays.set(key, readNpy(data, `${what} (entry ${JSON.stringify(name)})`));
  }
  return arrays;
}

/** A stored (uncompressed) archive that np.load reads; each key becomes '<key>.npy'. */
export function writeNpz(entries: Record<string, ArrayInput>): Uint8Array {
  // A Map's entries are not its own properties: it would give an empty archive.
  if (entries === null || typeof entries !== 'object' || entries instanceof Map || Array.isArray(entries)) {
    throw new ParameterError('entries', describe(entries), 'an object of named arrays ({ W: { data, shape } })');
  }
  return writeZip(
    Object.entries(entries).map(([key, arr]) => {
      if (key === '') throw new ParameterError('entries', key, 'non-empty array names');
      // np.load takes member names as keys, but an archive extracted to disk must not write outside its folder.
      if (/[/\\]/.test(key)) throw new ParameterError('entries', key, 'array names without / or \\');
      return { name: `${key}.npy`, data: writeNpy(arr) };
    }),
  );
}
