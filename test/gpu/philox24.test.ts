import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import { add24, mulHi24, mulLo24, scaleIndex } from '../../src/gpu/kernels/limbs.js';
import { createGpu } from '../../src/gpu/modes.js';
import { philox24Block, WORD } from '../../src/gpu/philox24.js';
import { philox24BlocksOnGpu } from '../../src/gpu/rng.js';

// A small deterministic source of test words (not the generator under test): a 32-bit LCG, top 24 bits.
function words(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s >>> 8;
  };
}

describe('24-bit limb arithmetic', () => {
  it('matches exact integer arithmetic, edge words included', () => {
    const next = words(1);
    const cases: [number, number][] = [[0, 0], [WORD - 1, WORD - 1], [WORD - 1, 1], [4095, 4096], [4096, 4095]];
    for (let k = 0; k < 20000; k++) cases.push([next(), next()]);
    for (const [a, b] of cases) {
      const product = BigInt(a) * BigInt(b);
      expect(mulHi24(a, b)).toBe(Number(product >> 24n));
      expect(mulLo24(a, b)).toBe(Number(product & 0xffffffn));
      expect(add24(a, b)).toBe((a + b) % WORD);
      for (const n of [1, 7, 40, 4096]) expect(scaleIndex(a, n)).toBe(Number((BigInt(a) * BigInt(n)) >> 24n));
    }
  });
});

describe('Philox4x24-10', () => {
  it('keeps its known answers (regression: a change here changes every GPU run)', () => {
    expect(Array.from(philox24Block([0, 3, 5, 7], [11, 13]))).toEqual([7982490, 3114428, 7848193, 9058882]);
    expect(Array.from(philox24Block([WORD - 1, WORD - 1, WORD - 1, WORD - 1], [WORD - 1, WORD - 1]))).toEqual([8418210, 10501326, 11464883, 2518363]);
  });

  it('produces the same words on the cpu and webasm kernels as on the host', async () => {
    const counter = [WORD - 300, 12345, 6789, WORD - 1] as const;
    const key = [424242, 99] as const;
    const host: number[] = [];
    for (let b = 0; b < 256; b++) host.push(...philox24Block([counter[0] + b, counter[1], counter[2], counter[3]], key));
    for (const mode of ['cpu', 'webasm'] as const) {
      const gpuWords = await philox24BlocksOnGpu(createGpu(mode), 256, counter, key);
      expect(Array.from(gpuWords)).toEqual(host);
    }
  });

  it('is uniform: 8-bit histogram, every bit balanced, no lag-1 correlation', () => {
    const blocks = 1 << 15;
    const M = 4 * blocks; // 131072 words
    const bins = new Float64Array(256);
    const ones = new Float64Array(24);
    let sx = 0;
    let sxy = 0;
    let previous = NaN;
    for (let b = 0; b < blocks; b++) {
      const out = philox24Block([b, 0, 77, 1], [5, 6]);
      for (const w of out) {
        bins[Math.floor(w / 65536)]!++;
        for (let bit = 0; bit < 24; bit++) ones[bit]! += Math.floor(w / 2 ** bit) % 2;
        const u = w / WORD - 0.5;
        sx += u;
        if (!Number.isNaN(previous)) sxy += u * previous;
        previous = u;
      }
    }
    // χ² with 255 degrees of freedom: mean 255, SD √510 ≈ 22.6; bound at mean + 5 SD.
    const expected = M / 256;
    const chi2 = bins.reduce((s, o) => s + (o - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(255 + 5 * Math.sqrt(510));
    // Count of ones per bit: SE √M/2 ≈ 181; 5 SE.
    for (let bit = 0; bit < 24; bit++) expect(Math.abs(ones[bit]! - M / 2)).toBeLessThan(5 * Math.sqrt(M) / 2);
    // Lag-1 product of centred uniforms: SE = Var(u)/√M = (1/12)/√M; mean SE (1/√12)/√M; 5 SE each.
    expect(Math.abs(sx / M)).toBeLessThan(5 * Math.sqrt(1 / 12 / M));
    expect(Math.abs(sxy / (M - 1))).toBeLessThan(5 * (1 / 12) / Math.sqrt(M));
  });

  it('avalanches: flipping any counter or key bit flips each output bit with probability ½', () => {
    const next = words(9);
    const trials = 512;
    // flips[input bit][output bit]: fraction of trials in which the output bit changed.
    const inputs = 4 * 24 + 2 * 24;
    const flips = Array.from({ length: inputs }, () => new Float64Array(96));
    const bitsOf = (out: Float64Array, into: Uint8Array) => {
      for (let w = 0; w < 4; w++) for (let b = 0; b < 24; b++) into[24 * w + b] = Math.floor(out[w]! / 2 ** b) % 2;
    };
    const base = new Uint8Array(96);
    const flipped = new Uint8Array(96);
    for (let t = 0; t < trials; t++) {
      const words6 = Array.from({ length: 6 }, next);
      bitsOf(philox24Block(words6.slice(0, 4), words6.slice(4)), base);
      for (let input = 0; input < inputs; input++) {
        const changed = words6.slice();
        const w = Math.floor(input / 24);
        const bit = 2 ** (input % 24);
        changed[w] = Math.floor(changed[w]! / bit) % 2 ? changed[w]! - bit : changed[w]! + bit;
        bitsOf(philox24Block(changed.slice(0, 4), changed.slice(4)), flipped);
        for (let o = 0; o < 96; o++) flips[input]![o]! += base[o]! ^ flipped[o]!;
      }
    }
    // Each fraction: SE √(¼/512) ≈ 0.022; 13 824 of them, so bound at 5.5 SE (chance of any beyond: ~5e−4).
    let worst = 0;
    for (const row of flips) for (const count of row) worst = Math.max(worst, Math.abs(count / trials - 0.5));
    expect(worst).toBeLessThan(5.5 * Math.sqrt(0.25 / trials));
  });

  it('rejects words outside [0, 2^24)', () => {
    expect(() => philox24Block([WORD, 0, 0, 0], [0, 0])).toThrow(ParameterError);
    expect(() => philox24Block([0, 0, 0], [0, 0])).toThrow(ParameterError);
    expect(() => philox24Block([0, 0, 0, 0], [-1, 0])).toThrow(ParameterError);
  });
});
