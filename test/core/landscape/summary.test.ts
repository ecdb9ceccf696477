import { describe, expect, it } from 'vitest';
import { landscapeSummary, type InstanceRecord } from '../../../src/core/landscape/index.js';
import { jsonText } from '../../../src/io/index.js';

function instance(ground: number, energies: number[], overlaps: number[]): InstanceRecord {
  return {
    ground_state_energy: ground,
    ground_state_exact: true,
    minima_energies: energies,
    minima_overlaps: overlaps,
    fraction_at_ground_state: energies.filter((e) => e === ground).length / energies.length,
    ground_state_found_by: 'enumerate',
    tempering_runs_agree: null,
    distinct_minima: new Set(energies).size,
    largest_basins: [{ energy: ground, overlap: 1, fraction: 0.5 }],
    ground_state_planted_overlap: null,
    minima_planted_overlaps: null,
  };
}

const QUANTITIES = ['ground_state_energy', 'gap', 'width', 'fraction_at_ground_state', 'overlap'] as const;

describe('landscapeSummary', () => {
  it('with one instance: the standard errors are undefined, NaN in memory and null in JSON (never "NaN")', () => {
    const s = landscapeSummary([instance(-0.5, [-0.5, -0.4, -0.45], [1, 0.2, 0.6])]);
    const json = JSON.parse(jsonText(s));
    expect(jsonText(s)).not.toContain('NaN');
    for (const q of QUANTITIES) {
      expect(Number.isNaN(s[q].se), q).toBe(true);
      expect(json[q], q).toEqual({ mean: s[q].mean, se: null });
    }
    expect(json.gap.mean).toBeCloseTo(0.05, 12);
    // The object is still a plain { mean, se } for callers: same keys, equal to a literal.
    expect(Object.keys(s.gap)).toEqual(['mean', 'se']);
    expect(s.gap).toEqual({ mean: s.gap.mean, se: NaN });
  });

  it('with two instances: every standard error is a number, in memory and in JSON', () => {
    const s = landscapeSummary([instance(-0.5, [-0.5, -0.4], [1, 0.2]), instance(-0.6, [-0.6, -0.6], [1, 1])]);
    const json = JSON.parse(jsonText(s));
    for (const q of QUANTITIES) {
      expect(typeof json[q].se, q).toBe('number');
      expect(json[q].se).toBe(s[q].se);
    }
    expect(json.ground_state_energy.se).toBeCloseTo(0.05, 12);
  });
});
