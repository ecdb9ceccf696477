import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { twCdf, twCurve, twPdf, twQuantile, type TracyWidomBeta } from '../../../src/core/theory/tracyWidom/distribution.js';
import { tracyWidomNystrom } from '../../../src/core/theory/tracyWidom/nystrom.js';
import { LEFT_EDGE, leftTail, leftTailLog, RIGHT_EDGE, rightTail } from '../../../src/core/theory/tracyWidom/tails.js';

/**
 * The tails of the Tracy–Widom laws, against an independent computation (test/fixtures/tracy-widom/generate.py:
 * the Fredholm determinants at 50 digits in mpmath, with mpmath's Airy function) and against the determinants of
 * this library where both are valid.
 */

interface Reference {
  beta: TracyWidomBeta;
  s: number;
  cdf?: number;
  survival?: number;
  relative_error: number;
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/tracy-widom/tails.json', import.meta.url), 'utf8')) as { values: Reference[] };
const BETAS: TracyWidomBeta[] = [1, 2, 4];

describe('Tracy–Widom tails against 50-digit determinants', () => {
  it('left tail: the asymptotic expansion gives F to 1e-10 relative where F is 1e-10 … 1e-44', () => {
    const left = fixture.values.filter((r) => r.cdf !== undefined);
    expect(left.length).toBeGreaterThanOrEqual(8);
    for (const r of left) {
      expect(r.relative_error).toBeLessThan(1e-20); // the reference's own node-count check
      // The series' last kept terms are ~2e-11 at t = 7.5 (tracyWidomTails.ts), smaller beyond.
      expect(Math.abs(twCdf(r.s, r.beta) / r.cdf! - 1)).toBeLessThan(1e-10);
    }
  });

  it('right tail: the Airy-kernel formulas give 1 − F to 1e-9 relative', () => {
    const right = fixture.values.filter((r) => r.survival !== undefined);
    expect(right.length).toBeGreaterThanOrEqual(6);
    for (const r of right) {
      expect(r.s).toBeGreaterThanOrEqual(RIGHT_EDGE[r.beta]);
      expect(Math.abs(rightTail(r.s, r.beta).survival / r.survival! - 1)).toBeLessThan(1e-9);
    }
  });
});

describe('Tracy–Widom tails join the determinants', () => {
  it.each(BETAS)('β = %i: CDF and density continuous at both edges', (beta) => {
    const atLeft = tracyWidomNystrom(LEFT_EDGE[beta], beta);
    const tail = leftTail(LEFT_EDGE[beta], beta);
    // At t = 7.5 det(I − B_t) has lost all but ~8 digits (1.5e-8 relative against the 50-digit reference, the
    // reason the expansion takes over there); F4 is dominated by det(I + B_t), which keeps ~1e-10.
    const tolerance = beta === 4 ? 1e-9 : 3e-8;
    expect(Math.abs(tail.cdf / atLeft.cdf - 1)).toBeLessThan(tolerance);
    expect(Math.abs(tail.pdf / atLeft.pdf - 1)).toBeLessThan(tolerance);
    const atRight = tracyWidomNystrom(RIGHT_EDGE[beta], beta);
    const right = rightTail(RIGHT_EDGE[beta], beta);
    expect(Math.abs(right.pdf / atRight.pdf - 1)).toBeLessThan(1e-8);
    expect(Math.abs(1 - right.survival - atRight.cdf)).toBeLessThan(1e-15);
  });

  it.each(BETAS)('β = %i: the left-tail density is the derivative of its CDF (central differences, 1e-7)', (beta) => {
    for (const s of [LEFT_EDGE[beta] - 0.5, -12, -20, -50]) {
      const h = 1e-4 * Math.abs(s);
      const numeric = (leftTailLog(s + h, beta).logCdf - leftTailLog(s - h, beta).logCdf) / (2 * h);
      expect(Math.abs(numeric / leftTailLog(s, beta).slope - 1)).toBeLessThan(1e-7);
    }
  });

  it.each(BETAS)('β = %i: CDF non-decreasing and density finite from −10⁴ to 10⁴', (beta) => {
    let previous = 0;
    for (let s = -1e4; s <= 1e4; s += s < -30 || s > 30 ? 97.3 : 0.173) {
      const cdf = twCdf(s, beta);
      const pdf = twPdf(s, beta);
      expect(cdf).toBeGreaterThanOrEqual(previous);
      expect(Number.isFinite(pdf) && pdf >= 0).toBe(true);
      previous = cdf;
    }
  });
});

describe('Tracy–Widom at the extremes of float64', () => {
  it.each(BETAS)('β = %i: ±1e308 and ±Infinity give 0 or 1 and density 0; NaN and text are refused', (beta) => {
    expect([twCdf(-1e308, beta), twPdf(-1e308, beta), twCdf(1e308, beta), twPdf(1e308, beta)]).toEqual([0, 0, 1, 0]);
    expect([twCdf(-Infinity, beta), twCdf(Infinity, beta), twPdf(Infinity, beta)]).toEqual([0, 1, 0]);
    expect(() => twCdf(NaN, beta)).toThrow(ParameterError);
    expect(() => twCdf('0' as never, beta)).toThrow(ParameterError);
    expect(() => twCurve([0, '1'] as never, beta)).toThrow(ParameterError);
    expect(Array.from(twCurve([-1e308, -100, 1e308], beta).cdf)).toEqual([0, 0, 1]);
  });

  it.each(BETAS)('β = %i: quantiles of p = 1e-300 … 1 − 2^-53 come back through the CDF', (beta) => {
    for (const p of [1e-300, 1e-100, 1e-30, 1e-12]) {
      const s = twQuantile(p, beta);
      expect(Math.abs(twCdf(s, beta) / p - 1)).toBeLessThan(1e-9);
    }
    for (const q of [2 ** -53, 1e-15, 1e-13]) {
      const s = twQuantile(1 - q, beta);
      // The survival function, not 1 − CDF (which rounds): 1 − p itself is exact for p ≥ ½.
      const survival = s >= RIGHT_EDGE[beta] ? rightTail(s, beta).survival : 1 - twCdf(s, beta);
      expect(Math.abs(survival / (1 - (1 - q)) - 1)).toBeLessThan(beta === 4 || s >= RIGHT_EDGE[beta] ? 1e-6 : 1e-2);
      expect(s).toBeGreaterThan(twQuantile(0.999999, beta));
    }
  });
});
