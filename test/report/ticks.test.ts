import { describe, expect, it } from 'vitest';
import { linearTicks, logTicks, tickLabel } from '../../src/report/ticks.js';

describe('axis ticks', () => {
  it('picks round linear ticks, clean of rounding', () => {
    expect(linearTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0.13, 2.9)).toEqual([0.5, 1, 1.5, 2, 2.5]);
    expect(linearTicks(-0.3, 0.3, 6)).toEqual([-0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3]);
    expect(linearTicks(2, 2)).toEqual([2]);
  });

  it('puts log ticks on decades, thinned past eight, and 1-2-5 inside a single decade', () => {
    expect(logTicks(0.01, 1000)).toEqual([0.01, 0.1, 1, 10, 100, 1000]);
    expect(logTicks(1, 1e20)).toEqual([1, 1e3, 1e6, 1e9, 1e12, 1e15, 1e18]);
    expect(logTicks(1.5, 30)).toEqual([2, 5, 10, 20]);
  });

  it('labels plainly in [1e-3, 1e5) and exponentially outside', () => {
    expect([0, 0.001, 12345, 1e5, 2e-4].map((v) => tickLabel(v, true))).toEqual(['0', '0.001', '12350', '1e5', '2e-4']);
    expect(tickLabel(123456)).toBe('1.2e5');
  });
});
