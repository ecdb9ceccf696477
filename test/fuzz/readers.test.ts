import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FormatError, ParameterError } from '../../src/core/errors.js';
import { parseCsv, readIdx, readNpy, readNpz, readSafetensors, readTfjsManifest, toCsv, writeNpy, writeNpz, writeSafetensors } from '../../src/io/index.js';
import { checkLabValues } from '../../src/labs/values.js';
import { parseLessonState } from '../../src/ui/state/lessonState.js';
import { parseUrlState, serializeUrlState } from '../../src/ui/state/urlState.js';
import { caseStream, FUZZ_SEED, mutateBytes, mutateText, pick } from './mutate.js';

/**
 * Seeded, bounded fuzzing of every reader of outside data: .npy, .npz, safetensors, TF.js model.json, MNIST's IDX,
 * CSV and the URL state of the sandbox. Each reader gets a corpus of valid inputs and a few hundred seeded mutations
 * of them (5 300 cases in all). A
 * case passes when the reader returns or throws FormatError/ParameterError (the URL state never throws: it
 * resets bad values), within a time and memory bound. To add a reader (another model format),
 * add an entry to READERS: a corpus, a mutation and what must hold of the result.
 */

interface Reader<I> {
  name: string;
  cases: number;
  corpus: () => I[];
  mutate: (stream: ReturnType<typeof caseStream>, input: I) => I;
  /** Reads the input; throws only the errors the reader is allowed to throw. */
  read: (input: I) => unknown;
  /** Error classes the reader may throw for bad input (none for the URL state). */
  allowed: (abstract new (...args: never[]) => Error)[];
}

const fixtureDir = fileURLToPath(new URL('../fixtures/npy/', import.meta.url));
const fixture = (name: string) => new Uint8Array(readFileSync(fixtureDir + name));

const npyCorpus = (): Uint8Array[] => [
  writeNpy({ data: Float64Array.from({ length: 12 }, (_, i) => i / 3 - 1), shape: [3, 4] }),
  writeNpy({ data: new Float32Array([1.5, -2, NaN, Infinity]), shape: [2, 2], fortranOrder: true }),
  writeNpy({ data: new Int32Array([1, -2, 3]), shape: [3] }),
  writeNpy({ data: new BigInt64Array([1n, -(2n ** 60n)]), shape: [2, 1] }),
  writeNpy({ data: new Uint8Array([0, 1, 1]), shape: [3], dtype: '|b1' }),
  writeNpy({ data: new Float64Array(0), shape: [0, 5] }),
  writeNpy({ data: new Float64Array(2), shape: [2] }, { version: 3 }),
  fixture('arrays.npz').subarray(0, 0), // the empty file
];

const npzCorpus = (): Uint8Array[] => [
  writeNpz({ W: { data: Float64Array.from({ length: 6 }, (_, i) => i), shape: [3, 2] }, v: { data: new Int16Array([7, 8]), shape: [2] } }),
  fixture('arrays.npz'),
  fixture('arrays-compressed.npz'),
];

const modelDir = fileURLToPath(new URL('../fixtures/models/', import.meta.url));

const safetensorsCorpus = (): Uint8Array[] => [
  writeSafetensors({ W: { data: Float32Array.from({ length: 12 }, (_, i) => i - 6), shape: [4, 3] }, b: { data: new Float64Array([1, 2]), shape: [2] } }, { conv_layout: 'oihw' }),
  writeSafetensors({ k: { data: new Float32Array(2 * 3 * 2 * 2), shape: [2, 3, 2, 2] } }),
  new Uint8Array(readFileSync(modelDir + 'model.safetensors')),
];

const tfjsCorpus = (): string[] => [readFileSync(modelDir + 'tfjs/model.json', 'utf8')];

/** IDX files as MNIST writes them: magic 0 0 0x08, the rank, big-endian uint32 dimensions, the bytes. */
function idx(shape: number[]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  const bytes = new Uint8Array(4 + 4 * shape.length + count);
  const view = new DataView(bytes.buffer);
  bytes.set([0, 0, 0x08, shape.length]);
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  for (let i = 0; i < count; i++) bytes[4 + 4 * shape.length + i] = (i * 37) & 0xff;
  return bytes;
}

const idxCorpus = (): Uint8Array[] => [idx([3, 4, 4]), idx([10]), idx([2, 0, 7])];

const csvCorpus = (): string[] => [
  toCsv({ lambda: [0.5, 1.25, NaN, Infinity, -0], count: [1, 2, 3, 4, 5] }, { comments: ['seed: 42', 'vsdl'] }),
  'a,b\n1,2\n3,4\n',
  '\uFEFF# only a comment\nx\n1e-300\n-1e308\n',
];

const urlCorpus = (): string[] => [
  '',
  '?lab=spectrum&n=1200&q=3&ensemble=spiked&spikes=2,5.5&seed=hello&sigma=0.5',
  '?lab=edge&law=pareto&mu=3&draws=200&hide=seed,newdraw',
  '?lab=fitter&mus=1,1.5,2&reps=3',
  '?lab=phase&weights=ising&observable=R&mcTauSteps=4&mode=layer&layerSpikes=5,10',
  '?lab=lesson&lesson=02&predict=1&hide=tabs,list',
];

const READERS: Reader<Uint8Array | string>[] = [
  { name: '.npy', cases: 1500, corpus: npyCorpus, mutate: (s, x) => mutateBytes(s, x as Uint8Array), read: (x) => readNpy(x as Uint8Array), allowed: [FormatError] },
  { name: '.npz', cases: 800, corpus: npzCorpus, mutate: (s, x) => mutateBytes(s, x as Uint8Array), read: (x) => readNpz(x as Uint8Array), allowed: [FormatError] },
  { name: 'safetensors', cases: 800, corpus: safetensorsCorpus, mutate: (s, x) => mutateBytes(s, x as Uint8Array), read: (x) => readSafetensors(x as Uint8Array), allowed: [FormatError] },
  { name: 'IDX', cases: 300, corpus: idxCorpus, mutate: (s, x) => mutateBytes(s, x as Uint8Array), read: (x) => readIdx(x as Uint8Array), allowed: [FormatError] },
  { name: 'TF.js model.json', cases: 300, corpus: tfjsCorpus, mutate: (s, x) => mutateText(s, x as string), read: (x) => readTfjsManifest(x as string), allowed: [FormatError] },
  { name: 'CSV', cases: 800, corpus: csvCorpus, mutate: (s, x) => mutateText(s, x as string), read: (x) => parseCsv(x as string), allowed: [FormatError] },
  {
    name: 'URL state',
    cases: 800,
    corpus: urlCorpus,
    mutate: (s, x) => mutateText(s, x as string),
    read: (x) => {
      const text = x as string;
      if (/[?&]lab=lesson/.test(text)) return parseLessonState(text);
      const state = parseUrlState(text);
      // What the URL gives is always a valid lab, and writing it back gives the same state without notices.
      checkLabValues(state.lab, state.values);
      const again = parseUrlState(serializeUrlState(state));
      if (again.notices.length > 0) throw new Error(`state does not round-trip: ${again.notices.join('; ')}`);
      return state;
    },
    allowed: [],
  },
];

/** Slowest case allowed: every reader is linear in its input (a few KiB here); a second means a loop gone wrong. */
const MAX_CASE_SECONDS = 2;

describe(`fuzzing the readers (seed ${FUZZ_SEED})`, () => {
  it.each(READERS.map((r) => [r.name, r] as const))('%s', (_name, reader) => {
    const corpus = reader.corpus();
    const failures: string[] = [];
    const rssBefore = process.memoryUsage().rss;
    let slowest = 0;
    for (let index = 0; index < reader.cases; index++) {
      const stream = caseStream(reader.name, index);
      const input = index < corpus.length ? corpus[index]! : reader.mutate(stream, pick(stream, corpus));
      const started = performance.now();
      try {
        reader.read(input);
      } catch (error) {
        const allowed = reader.allowed.some((E) => error instanceof E) || (error instanceof ParameterError && reader.allowed.length > 0);
        if (!allowed) failures.push(`case ${index}: ${(error as Error)?.name}: ${(error as Error)?.message}`);
      }
      slowest = Math.max(slowest, (performance.now() - started) / 1000);
    }
    expect(failures.slice(0, 5)).toEqual([]);
    expect(slowest).toBeLessThan(MAX_CASE_SECONDS);
    // Inputs are kilobytes: a reader that trusted a size field would allocate megabytes or gigabytes.
    expect((process.memoryUsage().rss - rssBefore) / 2 ** 20).toBeLessThan(256);
  });
});
