import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { createStream, GENERATOR, wordsToFloat, wordsToOpenFloat } from '../../../src/core/random/stream.js';
import { PYTHON_STREAM_MODEL } from './pythonReference.js';
import {
  chiSquareThreshold,
  correlation,
  HAS_PYTHON,
  ksStatistic,
  ksThreshold,
  mean,
  runPython,
  variance,
} from './statistics.js';

function uint32s(stream: ReturnType<typeof createStream>, count: number): number[] {
  return Array.from({ length: count }, () => stream.nextUint32());
}

function floats(stream: ReturnType<typeof createStream>, count: number): Float64Array {
  return stream.fill(new Float64Array(count));
}

// First six words of a few streams, computed by the independent Python model in pythonReference.ts and
// committed so that the derivation stays pinned where python3 is not installed.
const PINNED: { seed: string | number; path: (string | number)[]; words: number[] }[] = [
  { seed: 0, path: [], words: [0xcd223d7f, 0x49df7e3a, 0x3ce99ef1, 0x7098f46d, 0xbf8bbc4d, 0xdcda2aa5] },
  { seed: 42, path: [], words: [0x80d3fae4, 0x5419a9eb, 0xdbe8656d, 0x48b66d8b, 0x3c2f328a, 0xa558800c] },
  {
    seed: 'vsdl',
    path: ['ensemble', 3],
    words: [0x3f6229e4, 0xe04f7f42, 0x32764b3e, 0x1821024c, 0xa3aebd9f, 0xf4f6243c],
  },
  { seed: 'ünï 🎲', path: [], words: [0x2d83cdd1, 0x6c9bf930, 0xafcf99da, 0x0a0acefc, 0xe60b080e, 0x04d9c8b6] },
];

describe('createStream: derivation', () => {
  it('declares its generator', () => {
    expect(GENERATOR).toEqual({ name: 'philox4x32-10', version: 1 });
  });

  it('gives the pinned words', () => {
    for (const { seed, path, words } of PINNED) expect(uint32s(createStream(seed, ...path), 6)).toEqual(words);
  });

  it.skipIf(!HAS_PYTHON)('agrees with the independent Python model over many blocks', () => {
    const cases: [string | number, (string | number)[], number][] = [
      [7, [], 4099],
      ['grid', ['alpha', 12, 'tau', 3], 37],
      [Number.MAX_SAFE_INTEGER, ['x'], 9],
      ['x'.repeat(256), ['日本語'], 5],
    ];
    const expected = runPython(
      `${PYTHON_STREAM_MODEL}\nprint(json.dumps([words(s, p, n) for s, p, n in ${JSON.stringify(cases)}]))`,
    ) as number[][];
    cases.forEach(([seed, path, count], i) => expect(uint32s(createStream(seed, ...path), count)).toEqual(expected[i]));
  });

  it('is deterministic, treats an integer and its decimal string alike, and separates everything else', () => {
    expect(uint32s(createStream(123), 8)).toEqual(uint32s(createStream(123), 8));
    expect(uint32s(createStream(42), 8)).toEqual(uint32s(createStream('42'), 8));
    const first = (seed: string | number, ...path: (string | number)[]) => createStream(seed, ...path).nextUint32();
    const distinct = new Set([
      first(42),
      first('042'),
      first(43),
      first(42, 'a'),
      first(42, 'b'),
      first(42, 'a', 'b'),
      first(42, 'b', 'a'),
      first(42, 'ab'),
    ]);
    expect(distinct.size).toBe(8);
  });

  it('createStream(seed, a, b) equals createStream(seed).fork(a).fork(b), whatever the parent has drawn', () => {
    const direct = uint32s(createStream('s', 'a', 7), 10);
    const parent = createStream('s');
    uint32s(parent, 13);
    const forked = parent.fork('a');
    floats(forked, 5);
    expect(uint32s(forked.fork(7), 10)).toEqual(direct);
    expect(createStream('s', 'a', 7).path).toEqual(['a', 7]);
    expect(createStream('s', 'a', 7).seed).toBe('s');
  });

  it('validates seeds and names', () => {
    expect(() => createStream(-1)).toThrow(ParameterError);
    expect(() => createStream('')).toThrow(ParameterError);
    expect(() => createStream(1, 'ok', '')).toThrow(/path\[1\]/);
    expect(() => createStream(1).fork(1.5)).toThrow(ParameterError);
  });
});

describe('RandomStream: uniforms', () => {
  it('maps words to floats on the documented grids, never reaching the excluded ends', () => {
    expect(wordsToFloat(0, 0)).toBe(0);
    expect(wordsToFloat(0xffffffff, 0xffffffff)).toBe(1 - 2 ** -53);
    expect(wordsToOpenFloat(0, 0)).toBe(2 ** -53);
    expect(wordsToOpenFloat(0xfffff000, 0xffffffff)).toBe(1 - 2 ** -53);
    const s = createStream(5);
    const [a, b] = uint32s(createStream(5), 2);
    expect(s.nextFloat()).toBe(wordsToFloat(a!, b!));
  });

  it('fill equals repeated nextFloat, from any position and in any split', () => {
    const a = createStream('fill');
    const b = createStream('fill');
    a.nextUint32();
    b.nextUint32();
    const bulk = new Float64Array(10001);
    a.fill(bulk.subarray(0, 3));
    a.fill(bulk.subarray(3));
    for (let i = 0; i < bulk.length; i++) expect(bulk[i]).toBe(b.nextFloat());
    expect(a.nextUint32()).toBe(b.nextUint32());
    expect(() => a.fill([0, 0] as unknown as Float64Array)).toThrow(ParameterError);
  });

  it('nextFloat has mean ½ and variance 1/12, and passes KS and a 256-bin chi-square', () => {
    const n = 200_000;
    const u = floats(createStream('uniform'), n);
    // SE(mean) = √(1/12/n) ≈ 6.5e−4; SE(variance) = √((1/80 − 1/144)/n) ≈ 1.7e−4. Tolerance 4 SE.
    expect(Math.abs(mean(u) - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance(u) - 1 / 12)).toBeLessThan(4 * Math.sqrt((1 / 80 - 1 / 144) / n));
    expect(ksStatistic(u, (x) => x)).toBeLessThan(ksThreshold(n));
    // Top byte of the raw words: 255 degrees of freedom, reject above the 1e−3 point (≈ 330.7).
    const counts = new Float64Array(256);
    const s = createStream('bytes');
    for (let i = 0; i < 256 * 1000; i++) counts[s.nextUint32() >>> 24]!++;
    let chi2 = 0;
    for (const c of counts) chi2 += (c - 1000) ** 2 / 1000;
    expect(chi2).toBeLessThan(chiSquareThreshold(255));
  });

  it('every output bit is fair', () => {
    const n = 100_000;
    const ones = new Float64Array(32);
    const s = createStream('bits');
    for (let i = 0; i < n; i++) {
      const w = s.nextUint32();
      for (let bit = 0; bit < 32; bit++) ones[bit]! += (w >>> bit) & 1;
    }
    // Each frequency has SE ½/√n ≈ 1.6e−3; 4.5 SE keeps the family-wise false alarm rate below 1e−3 over 32 bits.
    for (const count of ones) expect(Math.abs(count / n - 0.5)).toBeLessThan(4.5 * 0.5 / Math.sqrt(n));
  });

  it('nextOpenFloat stays inside (0, 1) with mean ½', () => {
    const s = createStream('open');
    const n = 100_000;
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = s.nextOpenFloat();
      if (!(u > 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
  });

  it('forks, siblings and neighbouring seeds are uncorrelated', () => {
    const n = 100_000;
    const parent = createStream(1);
    const pairs: [Float64Array, Float64Array][] = [
      [floats(parent.fork('a'), n), floats(parent.fork('b'), n)],
      [floats(createStream(1), n), floats(createStream(1).fork('a'), n)],
      [floats(createStream(1), n), floats(createStream(2), n)],
      [floats(createStream(1, 0), n), floats(createStream(1, 1), n)],
    ];
    // Correlation of independent samples has SE 1/√n ≈ 3.2e−3; tolerance 4 SE.
    for (const [a, b] of pairs) expect(Math.abs(correlation(a, b))).toBeLessThan(4 / Math.sqrt(n));
    // Lagged correlation within one stream (word i with word i + 1).
    const u = pairs[0]![0];
    expect(Math.abs(correlation(u.subarray(1), u.subarray(0, n - 1)))).toBeLessThan(4 / Math.sqrt(n));
  });
});
