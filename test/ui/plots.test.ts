// The charts' arithmetic: ticks and their labels at any scale, marker labels that never collide or leave the plot,
// and the scaling that lets uPlot draw values far beyond its range.
import { describe, expect, it } from 'vitest';
import { axisFactor, scaled, scaleOverlays, unscaled } from '../../src/ui/plots/axisScale.js';
import { layoutLabels } from '../../src/ui/plots/labelLayout.js';
import { decadeLabel, linearTicks, logTicks, tickLabels } from '../../src/ui/plots/ticks.js';

describe('ticks', () => {
  it('are round and inside the range, at any scale', () => {
    expect(linearTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0.0625, 3.06)).toEqual([0.5, 1, 1.5, 2, 2.5, 3]);
    expect(linearTicks(0, 4.2e-26, 4)).toEqual([0, 1e-26, 2e-26, 3e-26, 4e-26]);
    expect(linearTicks(0, 2.3e44, 4)).toEqual([0, 5e43, 1e44, 1.5e44, 2e44]);
  });

  it('label every tick distinctly: never a row of zeros for a density of 1e-10', () => {
    expect(tickLabels([0, 2e-10, 4e-10, 6e-10], 2e-10)).toEqual(['0', '2e-10', '4e-10', '6e-10']);
    expect(tickLabels([0, 5e43, 1e44, 1.5e44], 5e43)).toEqual(['0', '5.0e43', '1.0e44', '1.5e44']);
    expect(tickLabels([0, 0.5, 1, 1.5], 0.5)).toEqual(['0', '0.5', '1.0', '1.5']);
    expect(tickLabels([10, 20, 30], 10)).toEqual(['10', '20', '30']);
    expect(tickLabels([null, 1, 2], 1)).toEqual(['', '1', '2']);
    for (const labels of [tickLabels(linearTicks(0, 3e-7, 5), 5e-8), tickLabels(linearTicks(1e12, 1.5e12, 5), 1e11)]) expect(new Set(labels).size).toBe(labels.length);
  });

  it('on log axes keep a handful of decades however many the data span', () => {
    expect(logTicks(0.01, 1000)).toEqual([0.01, 0.1, 1, 10, 100, 1000]);
    const wide = logTicks(1e-56, 1e-42);
    expect(wide.length).toBeLessThanOrEqual(8);
    expect(wide[0]).toBe(1e-56);
    expect(logTicks(2, 5).length).toBeGreaterThan(0);
    expect(decadeLabel(1e-50)).toBe('1e-50');
    expect(decadeLabel(0.1)).toBe('0.1');
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
