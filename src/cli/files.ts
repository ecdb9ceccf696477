import { constants } from 'node:fs';
import { access, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { ParameterError } from '../core/errors.js';

/** File access for the CLI. Writes are atomic: a failed run never leaves a partial file in place of a good one. */

export async function readBytes(path: string, flag = 'input'): Promise<Uint8Array> {
  try {
    const buf = await readFile(path);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(err);
    throw new ParameterError(flag, path, 'a readable file', why);
  }
}

export async function writeAtomic(path: string, content: Uint8Array | string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(tmp, content);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' ? 'permission denied' : String(err);
    throw new ParameterError('--out', path, 'a writable file path', why);
  }
}

/**
 * Fails before any work is done when `path` cannot be written (its folder is missing or read-only, or it is a
 * folder), so that a long run does not end in an error that loses its results.
 */
export async function checkWritable(path: string, flag: string): Promise<void> {
  const isFolder = await stat(path).then((s) => s.isDirectory(), () => false);
  if (isFolder) throw new ParameterError(flag, path, 'a writable file path', 'is a directory');
  try {
    await access(dirname(path), constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ParameterError(flag, path, 'a writable file path', code === 'ENOENT' ? 'its folder does not exist' : 'its folder is not writable');
  }
}

/** W.npy → W.json: the sidecar that carries seed, parameters and truth. */
export function sidecarPath(npyPath: string): string {
  const ext = extname(npyPath);
  return (ext ? npyPath.slice(0, -ext.length) : npyPath) + '.json';
}
