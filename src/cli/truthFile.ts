import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { readTextBounded, sidecarPath } from './files.js';

/**
 * A matrix and its truth sidecar (W.npy, W.json) are a pair: the sidecar records the size and SHA-256 of the
 * matrix file it describes (`matrix_file`), and readers use a sidecar only when it matches the matrix they read.
 * A run interrupted between the two renames, or a W.npy replaced by hand, then cannot pass off an old truth.
 */

export interface MatrixFileRecord {
  /** The matrix file's name (without its folder: the pair can move together). */
  name: string;
  bytes: number;
  /** Hex SHA-256 of the file's bytes, as `sha256sum` prints it. */
  sha256: string;
}

export function matrixFileRecord(path: string, bytes: Uint8Array | Iterable<Uint8Array>): MatrixFileRecord {
  // The file's bytes, whole or in consecutive parts (read a piece at a time, say).
  const parts = bytes instanceof Uint8Array ? [bytes] : bytes;
  // Loaded when first needed: most runs have no sidecar, and node:crypto costs milliseconds of every start-up.
  const hash = process.getBuiltinModule('node:crypto').createHash('sha256');
  let total = 0;
  for (const part of parts) {
    hash.update(part);
    total += part.length;
  }
  return { name: basename(path), bytes: total, sha256: hash.digest('hex') };
}

/** Sidecars are small; anything larger is not one. */
const MAX_SIDECAR_BYTES = 16 * 2 ** 20;

/**
 * The truth sidecar beside a matrix file, when there is one that describes these very bytes; otherwise undefined,
 * with a notice saying why it was ignored (not JSON, or made for other bytes). A sidecar without a checksum (from
 * an older version) is used, with a notice that it could not be checked.
 */
export async function readMatchingSidecar(matrixPath: string, matrixBytes: Uint8Array | Iterable<Uint8Array>, notice: (text: string) => void): Promise<Record<string, unknown> | undefined> {
  const path = sidecarPath(matrixPath);
  if (path === matrixPath) return undefined;
  const kind = statSync(path, { throwIfNoEntry: false });
  if (!kind) return undefined;
  if (!kind.isFile()) {
    notice(`ignoring ${path}: not a regular file`);
    return undefined;
  }
  let truth: unknown;
  try {
    truth = JSON.parse(await readTextBounded(path, { flag: 'truth sidecar', maxBytes: MAX_SIDECAR_BYTES }));
  } catch (error) {
    notice(`ignoring ${path}: ${error instanceof SyntaxError ? 'not JSON' : (error as Error).message}`);
    return undefined;
  }
  if (truth === null || typeof truth !== 'object' || Array.isArray(truth)) {
    notice(`ignoring ${path}: not a JSON object`);
    return undefined;
  }
  const record = (truth as { matrix_file?: Partial<MatrixFileRecord> }).matrix_file;
  if (record === undefined) {
    notice(`${path} records no checksum of ${matrixPath} (an older sidecar); using it unchecked`);
    return truth as Record<string, unknown>;
  }
  const actual = matrixFileRecord(matrixPath, matrixBytes);
  if (record?.sha256 !== actual.sha256 || record?.bytes !== actual.bytes) {
    notice(`ignoring ${path}: it describes another matrix file (sha256 ${String(record?.sha256).slice(0, 12)}…, this one is ${actual.sha256.slice(0, 12)}…)`);
    return undefined;
  }
  return truth as Record<string, unknown>;
}
