import { extname } from 'node:path';
import { MAX_NPY_BYTES, readFileBounded } from './input.js';
import { checkOutputs } from './output.js';

/**
 * File access for the CLI, in one place: bounded, header-first reading (input.ts) and checked, atomic writing
 * (output.ts). Commands import from here.
 */

export { checkOutputs, writeAtomic, writeAtomicGroup, type InputSpec, type OutputFile, type OutputSpec } from './output.js';
export {
  MAX_NPY_BYTES,
  MAX_TEXT_BYTES,
  NPY_FORMAT,
  readFileBounded,
  readHeaderFirst,
  readNpyFile,
  readPrefix,
  readTextBounded,
  type HeaderFormat,
  type InputOptions,
} from './input.js';

/** A whole input file, at most maxBytes long (by default as large as the largest .npy a command reads). */
export async function readBytes(path: string, flag = 'input', maxBytes = MAX_NPY_BYTES): Promise<Uint8Array> {
  return readFileBounded(path, { flag, maxBytes });
}

/**
 * Fails before any work is done when `path` cannot be written (see checkOutputs: its folder is missing or does not
 * take new files, it is a folder, a block device, a FIFO nobody reads…), so that a long run does not end in an
 * error that loses its results.
 */
export async function checkWritable(path: string, flag: string): Promise<void> {
  await checkOutputs([{ flag, path }]);
}

/** W.npy → W.json: the sidecar that carries seed, parameters and truth. */
export function sidecarPath(npyPath: string): string {
  const ext = extname(npyPath);
  return (ext ? npyPath.slice(0, -ext.length) : npyPath) + '.json';
}
