import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import {
  fillNormal,
  normalSlowPath,
  sampleNormal,
  ZIGGURAT_R,
  zigguratEdges,
} from '../../../src/core/random/normal.js';
import { createStream } from '../../../src/core/random/stream.js';
import { WordReader } from '../../../src/core/random/words.js';
import {
  chiSquareOfUniforms,
  chiSquareThreshold,
  erfc,
  ksStatistic,
  ksThreshold,
  mean,
  normalCdf,
  variance,
} from './statistics.js';

describe('normal sampler (ziggurat)', () => {
  const n = 1_000_000;
  const z = fillNormal(createStream('normal'), new Float64Array(n));

  it('solves the 256-layer ziggurat edge r of Marsaglia & Tsang (3.6541528853610088)', () => {
    expect(Math.abs(ZIGGURAT_R - 3.6541528853610088)).toBeLessThan(1e-14);
  });

  it('passes KS against Φ (n = 200 000, reject at D > 1.95/√n, p < 1e−3)', () => {
    const sample = z.subarray(0, 200_000);
    expect(ksStatistic(sample, (x) => normalCdf(x))).toBeLessThan(ksThreshold(sample.length));
  });

  it('fills 1000 equiprobable bins evenly (χ² with 999 df below its 1e−3 point)', () => {
    expect(chiSquareOfUniforms(z, (x) => normalCdf(x), 1000)).toBeLessThan(chiSquareThreshold(999));
  });

  it('puts the right mass in the tail beyond r (the tail algorithm)', () => {
    const p = erfc(ZIGGURAT_R / Math.SQRT2); // two-sided, ≈ 2.58e−4
    let count = 0;
    for (const x of z) if (Math.abs(x) > ZIGGURAT_R) count++;
    // Binomial count: SE = √(n p (1 − p)) ≈ 16; tolerance 4 SE.
    expect(Math.abs(count - n * p)).toBeLessThan(4 * Math.sqrt(n * p * (1 - p)));
  });

  it('has mean 0 and variance 1', () => {
    // SE(mean) = 1/√n = 1e−3, SE(variance) = √(2/n) ≈ 1.4e−3; tolerance 4 SE.
    expect(Math.abs(mean(z))).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance(z) - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it('applies mean and sd exactly as mean + sd·z, and repeats sampleNormal', () => {
    const shifted = fillNormal(createStream('shift'), new Float64Array(1000), 3, 2);
    const plain = fillNormal(createStream('shift'), new Float64Array(1000));
    for (let i = 0; i < 1000; i++) expect(shifted[i]).toBe(3 + 2 * plain[i]!);
    const s = createStream('shift');
    for (let i = 0; i < 1000; i++) expect(sampleNormal(s)).toBe(plain[i]);
    expect(Array.from(fillNormal(createStream(1), new Float64Array(3), -1, 0))).toEqual([-1, -1, -1]);
  });

  it('validates its parameters', () => {
    const s = createStream(1);
    expect(() => fillNormal(s, new Float64Array(2), 0, -1)).toThrow(ParameterError);
    expect(() => fillNormal(s, new Float64Array(2), NaN)).toThrow(ParameterError);
    expect(() => fillNormal(s, new Float64Array(2), 0, Infinity)).toThrow(ParameterError);
    expect(() => fillNormal(s, new Float32Array(2) as unknown as Float64Array)).toThrow(ParameterError);
    expect(() => sampleNormal({} as never)).toThrow(ParameterError);
  });
});

describe('ziggurat internals', () => {
  const x = zigguratEdges();
  const f = (t: number) => Math.exp(-0.5 * t * t);
  const sqrt2pi = Math.sqrt(2 * Math.PI);
  // v = r·f(r) + ∫_r^∞ f, with the tail from the independent erfc.
  const v = ZIGGURAT_R * f(ZIGGURAT_R) + sqrt2pi * 0.5 * erfc(ZIGGURAT_R / Math.SQRT2);

  it('has 256 layers of equal area v, closing at the top', () => {
    // The test's erfc (series, cancellation near 1) limits agreement to ~2e−13 relative here.
    expect(Math.abs(x[0]! * f(ZIGGURAT_R) - v) / v).toBeLessThan(1e-12);
    for (let i = 1; i < 256; i++) {
      const area = x[i]! * (f(x[i + 1]!) - f(x[i]!));
      expect(Math.abs(area - v) / v).toBeLessThan(1e-11);
    }
    expect(x[256]).toBe(0);
  });

  /** Words (a, b) that put an attempt in `layer` with abscissa fraction u (positive sign). */
  function attempt(layer: number, u: number): [number, number] {
    const k = Math.floor(u * 2 ** 52);
    return [((Math.floor(k / 2 ** 32) << 12) | layer) >>> 0, k % 2 ** 32];
  }

  it('tail: an attempt beyond r returns r + E with the exact conditional law (KS)', () => {
    const n = 20_000;
    const reader = new WordReader(createStream('tail'), 4096);
    const sample = new Float64Array(n);
    const [a, b] = attempt(0, 1 - 2 ** -40);
    for (let i = 0; i < n; i++) sample[i] = normalSlowPath(reader, a, b);
    const tail = erfc(ZIGGURAT_R / Math.SQRT2);
    const cdf = (t: number) => (t <= ZIGGURAT_R ? 0 : 1 - erfc(t / Math.SQRT2) / tail);
    expect(ksStatistic(sample, cdf)).toBeLessThan(ksThreshold(n));
  });

  for (const layer of [1, 60, 200, 254, 255]) {
    it(`wedge of layer ${layer}: accept under the curve, else a fresh normal (exact mixture law, KS)`, () => {
      const n = 20_000;
      const reader = new WordReader(createStream('wedge', layer), 4096);
      const uniforms = createStream('wedge abscissa', layer);
      const inner = x[layer + 1]!;
      const outer = x[layer]!;
      const sample = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        // u uniform on the wedge's abscissa range [inner/outer, 1).
        const u = inner / outer + uniforms.nextFloat() * (1 - inner / outer);
        const [a, b] = attempt(layer, u);
        sample[i] = normalSlowPath(reader, a, b);
      }
      const low = f(outer);
      const high = f(inner);
      const wedgeArea = (outer - inner) * (high - low);
      const underCurve = (t: number) =>
        sqrt2pi * (normalCdf(t) - normalCdf(inner)) - low * (t - inner); // ∫_inner^t (f − f(outer))
      const accept = underCurve(outer) / wedgeArea;
      const cdf = (t: number) => {
        const restarted = (1 - accept) * normalCdf(t);
        if (t <= inner) return restarted;
        return restarted + underCurve(Math.min(t, outer)) / wedgeArea;
      };
      expect(ksStatistic(sample, cdf)).toBeLessThan(ksThreshold(n));
    });
  }
});
