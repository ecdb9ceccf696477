import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readNpz, toFloat64, type NdArray } from '../../src/io/index.js';

/** The committed model files written by test/fixtures/models/make.py (numpy only, no model-file library). */

export const modelFixtureDir = fileURLToPath(new URL('../fixtures/models/', import.meta.url));

export function modelFixture(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(join(modelFixtureDir, ...parts)));
}

let cache: { model: Map<string, NdArray>; expected: Map<string, NdArray> } | null = null;

/** model.npz (the network in PyTorch layout, by np.savez) and expected.npz, read by the tested .npz reader. */
export function references(): { model: Map<string, NdArray>; expected: Map<string, NdArray> } {
  cache ??= { model: readNpz(modelFixture('model.npz')), expected: readNpz(modelFixture('expected.npz')) };
  return cache;
}

export function values(arr: NdArray): number[] {
  return Array.from(toFloat64(arr));
}
