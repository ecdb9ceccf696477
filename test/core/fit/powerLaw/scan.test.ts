import { describe, expect, it } from 'vitest';
import { fitPowerLaw, type PowerLawOptions } from '../../../../src/core/fit/index.js';
import { fitPowerLawNaive } from '../../../../src/core/fit/powerLaw/fit.js';
import { logsOf, tailExponents, tailLogSums } from '../../../../src/core/fit/powerLaw/exponents.js';
import { scanFast, scanNaive } from '../../../../src/core/fit/powerLaw/scan.js';
import { exponential, lognormal, pareto, quantilePowerLaw, stream } from '../samples.js';
import type { RandomStream } from '../../../../src/core/random/index.js';

// The fast scan must return the very floats of the naive O(n²) scan: same xmin, and α and D equal to the bit
// (stronger than the 1e-12 the fitter promises), because both read one α array and one term function.
function expectSameFit(x: Float64Array | number[], options: PowerLawOptions = {}): void {
  const fast = fitPowerLaw(x, options);
  const naive = fitPowerLawNaive(x, options);
  expect(fast.xmin).toBe(naive.xmin);
  expect(fast.alpha).toBe(naive.alpha);
  expect(fast.D).toBe(naive.D);
  expect(fast.n).toBe(naive.n);
}

function expectSameScan(x: Float64Array): void {
  const sorted = x.slice().sort();
  const last = sorted.length - 2;
  const alphas = tailExponents(logsOf(sorted), 0, last, false);
  const naive = scanNaive(sorted, 0, last, alphas);
  const fast = scanFast(sorted, 0, last, alphas, false);
  const curve = scanFast(sorted, 0, last, alphas, true);
  expect(fast.best).toBe(naive.best);
  expect(fast.D).toBe(naive.D);
  expect(curve.best).toBe(naive.best);
  expect(Array.from(curve.Ds!)).toEqual(Array.from(naive.Ds!));
}

function randomMixture(s: RandomStream, n: number): Float64Array {
  // A lognormal bulk with a Pareto tail on top: the D curve then has a real valley away from the ends.
  const bulk = lognormal(s, Math.ceil(n * 0.7), 0, 0.4);
  const tail = pareto(s, n - bulk.length, 1.5 + 4 * s.nextFloat(), 1.5);
  const out = new Float64Array(n);
  out.set(bulk);
  out.set(tail, bulk.length);
  return out;
}

describe('fast scan = naive scan', () => {
  it('on 200 random heavy-tailed, lognormal and mixed samples of 2 to 400 points', () => {
    for (let c = 0; c < 200; c++) {
      const s = stream('scan-random', c);
      const n = 2 + Math.floor(s.nextFloat() * 399);
      const kind = c % 4;
      const x =
        kind === 0
          ? pareto(s, n, 1.2 + 5 * s.nextFloat())
          : kind === 1
            ? lognormal(s, n, 0, 0.2 + 2 * s.nextFloat())
            : kind === 2
              ? randomMixture(s, n)
              : exponential(s, n, 1, 0.01);
      expectSameScan(x);
      if (c % 4 === 0) expectSameFit(x);
    }
  });

  it('with ties, duplicates and coarse rounding', () => {
    for (let c = 0; c < 200; c++) {
      const s = stream('scan-ties', c);
      const n = 2 + Math.floor(s.nextFloat() * 200);
      const grid = [1, 2, 4, 16][c % 4];
      const x = pareto(s, n, 1.5 + 3 * s.nextFloat()).map((v) => Math.round(v * grid) / grid);
      if (x.every((v) => v === x[0])) continue;
      expectSameScan(x);
      expectSameFit(x);
    }
  });

  it('on tiny samples, all-equal values and all-equal tails', () => {
    for (let c = 0; c < 200; c++) {
      const s = stream('scan-tiny', c);
      const n = 2 + (c % 5);
      const x = Float64Array.from({ length: n }, () => 1 + Math.floor(s.nextFloat() * 3));
      expectSameScan(x); // kernels accept all-equal input (α = ∞ everywhere); the fitter rejects it
    }
    expectSameScan(new Float64Array(50).fill(3));
    expectSameScan(Float64Array.from([1, 2, 3, 5, 5, 5, 5, 5]));
    expectSameScan(Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.7, 9]));
  });

  it('with the options: xminRange, xmax, dropTop, finite-size correction, scan curves', () => {
    for (let c = 0; c < 40; c++) {
      const s = stream('scan-options', c);
      const x = randomMixture(s, 300);
      const sorted = x.slice().sort();
      expectSameFit(x, { xminRange: [sorted[30], sorted[250]] });
      expectSameFit(x, { xmax: sorted[280] });
      expectSameFit(x, { dropTop: 5, finiteSizeCorrection: true });
      const fast = fitPowerLaw(x, { scan: true });
      const naive = fitPowerLawNaive(x, { scan: true });
      expect(Array.from(fast.scan!.Ds)).toEqual(Array.from(naive.scan!.Ds));
      expect(Array.from(fast.scan!.alphas)).toEqual(Array.from(naive.scan!.alphas));
    }
  });

  it('on a 1e4-point heavy-tailed sample', () => {
    expectSameFit(randomMixture(stream('scan-big', 2), 10_000));
  });

  it('on the deterministic reference sample', () => {
    expectSameFit(quantilePowerLaw(1000, 2.5));
  });
});

describe('tail log sums', () => {
  it('match a direct compensated sum of ln(x_j/x_i) to 1e-13 relative', () => {
    // Independent computation: per-candidate sum of ln(x_j) − ln(x_i) with Neumaier compensation.
    const x = randomMixture(stream('sums'), 2000).sort();
    const logs = logsOf(x);
    const sums = tailLogSums(logs, 0, x.length - 2);
    for (let i = 0; i < x.length - 1; i += 7) {
      let sum = 0;
      let carry = 0;
      for (let j = i; j < x.length; j++) {
        const t = logs[j] - logs[i];
        const u = sum + t;
        carry += Math.abs(sum) >= t ? sum - u + t : t - u + sum;
        sum = u;
      }
      expect(Math.abs(sums[i] - (sum + carry))).toBeLessThanOrEqual(1e-13 * (sum + carry));
    }
  });

  it('are exactly zero for an all-equal tail', () => {
    const logs = logsOf(Float64Array.from([1, 2, Math.PI, Math.PI, Math.PI, Math.PI]));
    const sums = tailLogSums(logs, 0, 4);
    expect(sums[2]).toBe(0);
    expect(sums[3]).toBe(0);
    expect(sums[4]).toBe(0);
  });
});
