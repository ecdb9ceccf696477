// The charts' arithmetic: ticks and their labels at any scale, marker labels that never collide or leave the plot,
// and the scaling that lets uPlot draw values far beyond its range.
import { describe, expect, it } from 'vitest';
import { axisFactor, scaled, scaleOverlays, unscaled } from '../../src/ui/plots/axisScale.js';
import { axisRange } from '../../src/ui/plots/axisRange.js';
import { errorBarsOf, overlayYValues, type ChartSpec } from '../../src/ui/plots/chartSpec.js';
import { layoutLabels } from '../../src/ui/plots/labelLayout.js';
import { linearTicks, logTicks, tickLabel } from '../../src/report/ticks.js';

describe('tick labels at extreme scales', () => {
  it('label every tick of a tiny or huge axis distinctly: never a row of zeros for a density of 1e-10', () => {
    for (const [lo, hi] of [[0, 6e-10], [0, 4.2e-26], [0, 2.3e44], [0, 0.9]]) {
      const labels = linearTicks(lo, hi, 4).map((t) => tickLabel(t));
      expect(new Set(labels).size, labels.join(' ')).toBe(labels.length);
      expect(labels.filter((l) => l === '0')).toHaveLength(1);
    }
    // A log axis over dozens of decades keeps a handful of them.
    expect(logTicks(1e-56, 1e-42).length).toBeLessThanOrEqual(8);
  });
});

describe('marker labels', () => {
  it('never overlap and never leave the plot; crowded ones go to lower rows, and only a full plot drops one', () => {
    // xmin, TW₁ 90 %, λ+ and BBP 2 of a spiked spectrum sit within a few pixels of each other.
    const requests = [
      { x: 200, width: 30 },
      { x: 204, width: 60 },
      { x: 210, width: 20 },
      { x: 214, width: 40 },
      { x: 8, width: 20 },
      { x: 398, width: 40 },
    ];
    const placed = layoutLabels(requests, 0, 400, 4);
    for (const [i, p] of placed.entries()) {
      if (p.lane < 0) continue;
      expect(p.left).toBeGreaterThanOrEqual(0);
      expect(p.left + requests[i].width).toBeLessThanOrEqual(400);
      for (const [j, q] of placed.entries()) {
        if (j === i || q.lane !== p.lane) continue;
        const apart = p.left + requests[i].width <= q.left || q.left + requests[j].width <= p.left;
        expect(apart).toBe(true);
      }
    }
    expect(placed.every((p) => p.lane >= 0)).toBe(true);
    // The last line is at the right edge: its label goes to its left.
    expect(placed[5].left + 40).toBeLessThanOrEqual(398);
    const crowded = layoutLabels(Array.from({ length: 6 }, () => ({ x: 100, width: 80 })), 0, 200, 2);
    expect(crowded.filter((p) => p.lane < 0).length).toBe(2);
  });
});

describe('axis scaling', () => {
  it('leaves ordinary values alone and brings extreme ones into uPlot’s range, reversibly', () => {
    expect(axisFactor([0, 0.5, 3], false)).toBe(1);
    expect(axisFactor([0, 2e44], false)).toBe(1e44);
    expect(axisFactor([0, 3e-26, null], false)).toBe(1e-26);
    expect(axisFactor([1e-56, 1e-42], true)).toBe(1e-49);
    expect(axisFactor([0.01, 100], true)).toBe(1);
    expect(scaled([2e44, null, undefined], 1e44)).toEqual([2, null, undefined]);
    expect(unscaled(1.5, 1e44)).toBe(1.5e44);
    const o = scaleOverlays({ markers: [{ x: 3e44, label: 'λ+', kind: 'mp' }], bands: [{ from: 1e44, to: 2e44, label: 'TW' }] }, 1e44, 1);
    expect(o.markers[0].x).toBeCloseTo(3, 12);
    expect([o.bands[0].from, o.bands[0].to]).toEqual([1, 2]);
  });
});

describe('axis ranges', () => {
  it('show every error bar: a bar longer than the points spread widens the y axis to its ends', () => {
    const spec: ChartSpec = { title: 't', xLabel: 'μ', yLabel: 'α̂', lines: [], errorBars: { of: 'a', by: 'sd', color: '#000' } };
    const series = { x: Float64Array.from([1, 2, 3]), ys: { a: Float64Array.from([2, 3, NaN]), sd: Float64Array.from([0.5, 4, 1]) } };
    const bars = errorBarsOf(spec, { series });
    expect(bars).toEqual([{ low: [1.5, -1, null], high: [2.5, 7, null], color: '#000' }]);
    // The points alone span [2, 3]; the bars reach −1 and 7, and the 5% margin goes beyond them.
    const [lo, hi] = axisRange({ dataMin: 2, dataMax: 3, log: false, pad: true, extra: overlayYValues(bars) });
    expect(lo).toBeCloseTo(-1 - 0.4, 12);
    expect(hi).toBeCloseTo(7 + 0.4, 12);
    expect(axisRange({ dataMin: 2, dataMax: 3, log: false, pad: true })).toEqual([1.95, 3.05]);
  });

  it('on a log axis ignore ends at or below zero, keep fixed ends, and stay finite without data', () => {
    const [lo, hi] = axisRange({ dataMin: 1, dataMax: 10, log: true, pad: true, extra: [-3, 0, 500, null, NaN] });
    expect(lo).toBeLessThanOrEqual(1);
    expect(hi).toBeGreaterThanOrEqual(500);
    expect(axisRange({ dataMin: 2, dataMax: 3, fixed: [0, null], log: false, pad: true, extra: [9] })).toEqual([0, 9.35]);
    expect(axisRange({ dataMin: null, dataMax: null, log: false, pad: true })).toEqual([0, 1.05]);
    const yBands = [{ x: [1, 2], low: [-2, -1], high: [4, 5], color: '#000' }];
    expect(axisRange({ dataMin: 0, dataMax: 1, log: false, pad: false, extra: overlayYValues([], yBands) })).toEqual([-2, 5]);
  });
});
