import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodePlatform } from '../../../src/cli/train/platform.js';
import { createStream } from '../../../src/core/random/index.js';
import { resolveTrainParams, splitData, teacherExamples, type LabelledImages } from '../../../src/core/train/index.js';

let mnist: LabelledImages;
beforeAll(async () => {
  mnist = await nodePlatform('wasm').mnist();
});

/** An example's identity: its label and a hash of its pixels. */
function keys(set: LabelledImages): string[] {
  const size = set.height * set.width * set.channels;
  return Array.from({ length: set.count }, (_, i) => {
    let h = 0;
    for (let j = 0; j < size; j++) h = (h * 31 + Math.round(set.inputs[i * size + j] * 255)) >>> 0;
    return `${h}`;
  });
}

describe('MNIST', () => {
  it('holds the 10,000 digits of the mnist package, pixel for pixel', () => {
    expect(mnist.count).toBe(10_000);
    expect([mnist.height, mnist.width, mnist.channels, mnist.classes]).toEqual([28, 28, 1, 10]);
    // The package's JSON (one file per digit, pixels k/255 to three decimals) read independently of the build step.
    const source = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
    let offset = 0;
    for (const digit of [0, 1, 9]) {
      const { data } = JSON.parse(readFileSync(join(source, `${digit}.json`), 'utf8')) as { data: number[] };
      const count = data.length / 784;
      if (digit === 9) offset = 10_000 - count;
      for (let i = 0; i < data.length; i += 97) expect(Math.abs(mnist.inputs[offset * 784 + i] - data[i])).toBeLessThan(6e-4);
      expect(Array.from(mnist.labels.subarray(offset, offset + count)).every((l) => l === digit)).toBe(true);
      if (digit === 0) offset += count;
      if (digit === 1) offset += count;
    }
  });

  it('splits by seed, and the test set does not depend on the training size', () => {
    const small = splitData(resolveTrainParams({ trainSize: 1000, testSize: 500, seed: 3 }), mnist);
    const large = splitData(resolveTrainParams({ trainSize: 4000, testSize: 500, seed: 3 }), mnist);
    const other = splitData(resolveTrainParams({ trainSize: 1000, testSize: 500, seed: 4 }), mnist);
    expect(keys(large.test)).toEqual(keys(small.test));
    expect(keys(large.train).slice(0, 1000)).toEqual(keys(small.train));
    expect(keys(other.test)).not.toEqual(keys(small.test));
    // Train and test are disjoint (the package has a few duplicate images; none of these 4500 collide).
    const test = new Set(keys(large.test));
    expect(keys(large.train).filter((k) => test.has(k))).toEqual([]);
  });

  it('randomizes exactly round(f·m) labels, and a larger fraction randomizes a superset', () => {
    const clean = splitData(resolveTrainParams({ trainSize: 2000, seed: 3 }), mnist);
    const a = splitData(resolveTrainParams({ trainSize: 2000, seed: 3, labelNoise: 0.25 }), mnist);
    const b = splitData(resolveTrainParams({ trainSize: 2000, seed: 3, labelNoise: 0.5 }), mnist);
    expect(a.randomizedLabels).toBe(500);
    expect(b.randomizedLabels).toBe(1000);
    const changedA = [...a.train.labels].flatMap((l, i) => (l !== clean.train.labels[i] ? [i] : []));
    expect(changedA.length).toBe(a.changedLabels);
    // A random class equals the true one 1 time in 10: 450 ± 3·√(500·0.09) expected changes.
    expect(Math.abs(a.changedLabels - 450)).toBeLessThan(3 * Math.sqrt(500 * 0.09));
    for (const i of changedA) expect(b.train.labels[i]).toBe(a.train.labels[i]);
    expect(keys(a.test)).toEqual(keys(clean.test));
    expect(a.test.labels).toEqual(clean.test.labels);
  });
});

describe('the teacher task', () => {
  it('is reproducible, nested in the number of examples, and uses every class', () => {
    const a = teacherExamples(createStream(1, 't'), 3000, 100);
    const b = teacherExamples(createStream(1, 't'), 1000, 100);
    // (typed arrays compared as bytes: vitest's deep equality walks 784,000 entries slowly)
    expect(Buffer.from(b.train.inputs.buffer).equals(Buffer.from(a.train.inputs.buffer, 0, 1000 * 784 * 4))).toBe(true);
    expect(b.train.labels).toEqual(a.train.labels.subarray(0, 1000));
    expect(b.test.labels).toEqual(a.test.labels);
    const counts = new Array(10).fill(0);
    for (const l of a.train.labels) counts[l]++;
    // Exchangeable classes: each 10 % on average over teachers; a given teacher's class shares vary (its rows
    // differ in norm and angle), so the check is that none is absent or dominant.
    for (const c of counts) expect(c).toBeGreaterThan(0.02 * 3000);
    for (const c of counts) expect(c).toBeLessThan(0.3 * 3000);
    // Inputs have unit variance per pixel: mean of x² over 3000·784 values, SE ≈ √(2/2.35e6) ≈ 1e-3 (rank-16 inputs correlate pixels, so allow 1e-2).
    let ss = 0;
    for (const v of a.train.inputs) ss += v * v;
    expect(ss / a.train.inputs.length).toBeCloseTo(1, 1);
  });
});
