import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { FormatError } from '../../src/core/errors.js';

/** Shared by the io tests: committed fixtures, the formulas that generated them, and live numpy when present. */

const fixtureDir = fileURLToPath(new URL('../fixtures/npy/', import.meta.url));

export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(fixtureDir, name)));
}

const golden = 0x9e3779b97f4a7c15n;

/** The value make.py stores at C-order flat index k for a dtype code ('f8', 'i4', 'b1', ...). */
export function formulaValue(code: string, k: number): number | bigint {
  const kind = code[0];
  const bits = Number(code.slice(1)) * 8;
  if (kind === 'f') return code === 'f4' ? Math.fround((k - 2) / 3) : (k - 2) / 3;
  if (kind === 'b') return k % 3 === 0 ? 1 : 0;
  const raw = kind === 'i' ? BigInt.asIntN(bits, BigInt(k) * golden) : BigInt.asUintN(bits, BigInt(k) * golden);
  return bits === 64 ? raw : Number(raw);
}

/** The C-order flat index of the element stored at position p (Fortran order lists the first axis fastest). */
export function cIndexOfStored(p: number, shape: readonly number[], fortran: boolean): number {
  if (!fortran) return p;
  const index: number[] = [];
  for (const dim of shape) {
    index.push(p % dim);
    p = Math.floor(p / dim);
  }
  return index.reduce((flat, i, axis) => flat * shape[axis] + i, 0);
}

/** A small deterministic generator (xorshift32) so that corruption tests are reproducible. */
export function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

export const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

/** Runs a Python script with arguments and returns its stdout; throws with stderr on failure. */
export function python(script: string, args: string[] = []): string {
  const result = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`python3 failed: ${result.stderr}`);
  return result.stdout;
}

/** A fresh temporary directory, removed by the returned cleanup function. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'vsdl-io-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function toHex(bytes: Uint8Array | ArrayBufferView): string {
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Buffer.from(view).toString('hex');
}

/** The FormatError that `run` throws (the test fails when it throws anything else, or nothing). */
export function formatError(run: () => unknown): FormatError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FormatError);
    return error as FormatError;
  }
  throw new Error('expected a FormatError');
}

/** Runs `run` and expects a FormatError (whose message matches `message`, when given). */
export function expectFormatError(run: () => unknown, message?: RegExp): void {
  const error = formatError(run);
  if (message) expect(error.message).toMatch(message);
}
