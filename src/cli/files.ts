import { stat } from 'node:fs/promises';
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

/** Where an output's sidecar goes: its path, or null and a notice saying why none is written. */
export type Sidecar = { path: string; notice: null } | { path: null; notice: string };

/**
 * The one rule for sidecars (README, "Files"): a sidecar goes beside an output that is a regular file or a new
 * path, and beside nothing else. A character device or a FIFO (/dev/null, a pipe) is written through, and its
 * "sidecar" would be a regular file made next to it: /dev/null.json, a stray file in /dev that no one asked for
 * and that describes bytes that were never kept. A link is followed, as writing follows it.
 */
export async function sidecarFor(path: string): Promise<Sidecar> {
  try {
    if (!(await stat(path)).isFile()) return { path: null, notice: `no sidecar beside ${path}, which is not a regular file` };
  } catch {
    // Nothing there yet (a new file), or nothing checkOutputs will accept: either way the sidecar is planned, and
    // checkOutputs refuses what cannot be written before any work.
  }
  return { path: sidecarPath(path), notice: null };
}

/**
 * checkOutputs for an output that has a sidecar: both are checked before any work (a missing folder, a folder, a
 * sidecar that is the output itself, as with `--out ev.json`), and the sidecar is left out where sidecarFor says
 * none is written. `sidecarFlag` names the sidecar in messages, e.g. '--out (its truth file)'.
 */
export async function checkOutputWithSidecar(flag: string, path: string, sidecarFlag = `${flag} (its sidecar)`): Promise<Sidecar> {
  const sidecar = await sidecarFor(path);
  await checkOutputs(sidecar.path === null ? [{ flag, path }] : [{ flag, path }, { flag: sidecarFlag, path: sidecar.path }]);
  return sidecar;
}
