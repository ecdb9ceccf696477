import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../../src/core/errors.js';
import { fitLine } from '../../../src/core/stats/index.js';

/**
 * References: the least-squares closed forms evaluated in exact rational arithmetic (Python fractions on the exact
 * doubles, square roots by mpmath at 50 digits) for x = o + (0, 1, 2, 3), y = (1, 2.1, 2.9, 4.05), unweighted and
 * with yErr = (0.1, 0.2, 0.1, 0.3). Shifting x by o leaves the slope and its SE unchanged and moves the intercept
 * to b₀ − slope·o.
 */
const Y = [1, 2.1, 2.9, 4.05];
const ERR = [0.1, 0.2, 0.1, 0.3];
const REF: Record<number, { plain: number[]; weighted: number[] }> = {
  0: { plain: [0.99499999999999992895, 1.0200000000000000622, 0.046636895265444095225, 0.087249641833075776404], weighted: [0.96601941747572810809, 1.0077669902912621523, 0.064235610001252498728, 0.095784953314982614954] },
  1e8: { plain: [0.99499999999999992895, -99499998.979999992895, 0.046636895265444095225, 4663689.5964997527121], weighted: [0.96601941747572810809, -96601940.739805820518, 0.064235610001252498728, 6423561.0704065646745] },
  1e9: { plain: [0.99499999999999992895, -994999998.97999992895, 0.046636895265444095225, 46636895.335399438152], weighted: [0.96601941747572810809, -966019416.4679611178, 0.064235610001252498728, 64235610.071533813233] },
  1e12: { plain: [0.99499999999999992895, -994999999998.97992895, 0.046636895265444095225, 46636895265.514050567], weighted: [0.96601941747572810809, -966019417474.7203411, 0.064235610001252498728, 64235610001.322780043] },
  1e15: { plain: [0.99499999999999992895, -994999999999998.90895, 0.046636895265444095225, 46636895265444.16518], weighted: [0.96601941747572810809, -966019417475727.10032, 0.064235610001252498728, 64235610001252.56901] },
};

function close(actual: number, expected: number, rel: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));
}

describe('fitLine', () => {
  it('is offset-invariant: the closed forms at x = o + k for o up to 1e15', () => {
    // The centred sums see x − x̄ exactly (x̄ is recovered to the last bit of o + 1.5), so the slope is as accurate
    // as at o = 0: a few ulp (tolerance 1e-14). The raw-moment form gave 0.622 at o = 1e8 and NaN at 1e9. The
    // intercept b₀ − slope·o is accurate relative to slope·o (1e-14), its SE likewise.
    for (const [key, ref] of Object.entries(REF)) {
      const o = Number(key);
      const x = [o, o + 1, o + 2, o + 3];
      for (const [fit, expected] of [[fitLine(x, Y), ref.plain], [fitLine(x, Y, ERR), ref.weighted]] as const) {
        close(fit.slope, expected[0], 1e-14, `slope at ${o}`);
        close(fit.intercept, expected[1], 1e-14, `intercept at ${o}`);
        close(fit.slopeSe, expected[2], 1e-13, `slope SE at ${o}`);
        close(fit.interceptSe, expected[3], 1e-13, `intercept SE at ${o}`);
      }
    }
  });

  it('keeps the slope for x and y near the overflow threshold and for tiny errors', () => {
    // y = 3 − 2x exactly on x = 1e307·(1, 2, 3, 4): Σx² would overflow. Errors of 1e-200 would give weights 1e400.
    const x = [1e307, 2e307, 3e307, 4e307];
    const fit = fitLine(x, x.map((v) => 3 - 2 * v));
    close(fit.slope, -2, 1e-15, 'slope');
    const weighted = fitLine([0, 1, 2, 3], Y, ERR.map((e) => e * 1e-200));
    close(weighted.slope, REF[0]!.weighted[0]!, 1e-14, 'slope');
    close(weighted.slopeSe, REF[0]!.weighted[2]! * 1e-200, 1e-13, 'slope SE');
  });

  it('refuses x without spread, non-positive errors and mismatched lengths', () => {
    expect(() => fitLine([1, 1, 1], [2, 4, 5])).toThrow(ParameterError);
    expect(() => fitLine([1, 2, 3], [2, 4, 5], [1, 0, 1])).toThrow(ParameterError);
    expect(() => fitLine([1, 2, 3], [2, 4, 5], [1, -1, 1])).toThrow(ParameterError);
    expect(() => fitLine([1, 2, 3], [2, 4, 5], [1, 1])).toThrow(ParameterError);
    expect(() => fitLine([1], [2])).toThrow(ParameterError);
  });

  it('gives NaN standard errors (only) for two points without errors', () => {
    const fit = fitLine([1, 3], [2, 6]);
    expect([fit.slope, fit.intercept]).toEqual([2, 0]);
    expect(fit.slopeSe).toBeNaN();
  });
});
