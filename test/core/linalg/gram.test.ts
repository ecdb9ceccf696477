import { describe, expect, it } from 'vitest';
import { gram, gramAsync } from '../../../src/core/linalg/index.js';
import { ParameterError } from '../../../src/core/errors.js';
import { gaussian, maxAbs, maxAbsDiff, naiveGram } from './reference.js';

describe('gram', () => {
  // Shapes cover: M not a multiple of the 4-column panels, N beyond one 256-row block, and 1×1.
  it.each([
    [1, 1],
    [7, 3],
    [600, 7],
    [300, 130],
    [257, 64],
  ])('matches the triple loop for %i×%i', (n, m) => {
    const w = gaussian(`gram-${n}-${m}`, n, m);
    const got = gram(w, 1 / n);
    const want = naiveGram(w, 1 / n);
    expect(got.rows).toBe(m);
    expect(got.cols).toBe(m);
    // Sums of n products in another order: rounding ~ n·eps relative to the largest entry.
    expect(maxAbsDiff(got.data, want)).toBeLessThan(n * 2.3e-16 * maxAbs(want) + 1e-300);
  });

  it('is exactly symmetric and defaults to scale 1', () => {
    const w = gaussian('symmetric', 40, 21);
    const x = gram(w).data;
    for (let i = 0; i < 21; i++) for (let j = 0; j < 21; j++) expect(x[i * 21 + j]).toBe(x[j * 21 + i]);
    expect(maxAbsDiff(x, naiveGram(w))).toBeLessThan(40 * 2.3e-16 * maxAbs(x));
  });

  it('survives entries whose squares overflow or underflow when the scale brings the result back', () => {
    const w = gaussian('huge', 30, 9);
    const want = gram(w).data.map((x) => x * 2 ** 40);
    // Powers of two scale exactly, so the products must agree bit for bit; the naive product would give Infinity
    // (2^1040) or lose bits in subnormals (2^-1040).
    const big = { ...w, data: w.data.map((x) => x * 2 ** 520) };
    expect(gram(big, 2 ** -1000).data).toEqual(want);
    const tiny = { ...w, data: w.data.map((x) => x * 2 ** -520) };
    expect(gram(tiny, 2 ** 1000).data).toEqual(gram(w).data.map((x) => x * 2 ** -40));
  });

  it('rejects non-finite entries and scales, and malformed matrices', () => {
    const w = gaussian('bad', 4, 3);
    w.data[5] = NaN;
    expect(() => gram(w)).toThrow(/W\[1\]\[2\]/);
    expect(() => gram(gaussian('ok', 4, 3), Infinity)).toThrow(ParameterError);
    expect(() => gram({ rows: 2, cols: 2, data: new Float64Array(3) })).toThrow(ParameterError);
  });
});

describe('gram: products beyond float64', () => {
  const column = (x: number) => ({ rows: 2, cols: 1, data: Float64Array.from([x, x]) });

  it('refuses a product above 1.8e308 or below 2.2e-308 rather than return Infinity or 0', async () => {
    expect(() => gram(column(1e200))).toThrow(/invalid W: "entries up to 1e\+200" \(largest entry of scale·WᵀW would be about 2e400/);
    expect(() => gram(column(1e-200))).toThrow(/would be about 2e-400/);
    expect(() => gram(column(1), 1e308 * 10)).toThrow(ParameterError); // scale itself is checked
    expect(() => gram(column(1e154), 1e10)).toThrow(ParameterError);
    await expect(gramAsync(column(1e200))).rejects.toThrow(ParameterError);
  });

  it('returns products that fit, even when W·W alone would not, and an exact zero', () => {
    // 2·(1e200)²·1e-300: the true value to a few ulps (1e200 and 1e-300 are themselves rounded).
    expect(Math.abs(gram(column(1e200), 1e-300).data[0] / 2e100 - 1)).toBeLessThan(1e-15);
    expect(Math.abs(gram(column(1e-200), 1e300).data[0] / 2e-100 - 1)).toBeLessThan(1e-15);
    expect(Array.from(gram(column(1e-200), 0).data)).toEqual([0]);
    expect(Array.from(gram({ rows: 2, cols: 2, data: new Float64Array(4) }).data)).toEqual([0, 0, 0, 0]);
  });
});
