import { describe, expect, it } from 'vitest';
import { classifyPhase, PHASES, type MpFit } from '../../../src/core/fit/index.js';

/** An MP fit with TW centre 1 and scale 0.01: TW score s is the eigenvalue 1 + 0.01·s. */
function mp(extra: Partial<MpFit> = {}): MpFit {
  return {
    sigma_mp: 1, lambda_minus: 0.1, lambda_plus: 1, tw_center: 1, tw_scale: 0.01, spike_threshold: 1.0202,
    num_spikes: 0, mp_softrank: 1, mp_ks: 0.01, bulk_size: 100, lambda_max: 1, lambda_max_tw: 0, bulk_max_tw: 0,
    false_positive_rate: 0.01, iterations: 1, normalization: '1/N', N: 200, M: 100, Q: 2, matrices: 1, ...extra,
  };
}
/** 100 eigenvalues: a bulk in [0.1, 0.99] plus outliers at the given TW scores. */
function spectrum(scores: number[]): Float64Array {
  const bulk = Array.from({ length: 100 - scores.length }, (_, i) => 0.1 + (0.89 * i) / 99);
  return Float64Array.from([...bulk, ...scores.map((s) => 1 + 0.01 * s)]);
}

describe('classifyPhase: each rule, with its reason', () => {
  it.each([
    ['random-like', [], 10, 0, 0.01],
    ['bleeding-out', [3, 5], 10, 0, 0.01],
    ['bulk+spikes', [40, 100], 8, 0, 0.01],
    ['bulk+spikes', [5, 100], 8, 0, 0.01], // one near + one far but only 2 outliers: still isolated spikes
    ['bulk-decay', [3, 6, 50, 200], 5, 0, 0.01],
    ['bulk-decay', [], 10, 0, 0.2], // not MP-shaped
    ['heavy-tailed', [50, 300], 2.5, 0, 0.01],
    ['heavy-tailed', Array.from({ length: 12 }, (_, i) => 20 + 10 * i), 4.5, 0, 0.01], // 12 % above the edge
    ['rank-collapse', [], 10, 0.3, 0.01],
  ] as const)('%s for outliers %j, α = %s, zeros %s, KS %s', (phase, scores, alpha, zeros, ks) => {
    const x = spectrum([...scores]);
    const r = classifyPhase({ eigenvalues: x, mp: mp({ mp_ks: ks }), alpha, zero_fraction: zeros });
    expect(r.phase).toBe(phase);
    expect(PHASES).toContain(r.phase);
    expect(r.phase_reasons[0].startsWith(`${phase}:`)).toBe(true);
  });

  it('says why when there is no MP fit, but still detects rank collapse', () => {
    const x = spectrum([]);
    expect(classifyPhase({ eigenvalues: x, mp: null, alpha: 3, zero_fraction: 0 }).phase).toBeNull();
    expect(classifyPhase({ eigenvalues: x, mp: null, alpha: 3, zero_fraction: 0.5 }).phase).toBe('rank-collapse');
  });

  it('reports the numbers the rules looked at', () => {
    const r = classifyPhase({ eigenvalues: spectrum([3, 50]), mp: mp(), alpha: 7, zero_fraction: 0 });
    expect(r.near_spikes).toBe(1);
    expect(r.far_spikes).toBe(1);
    expect(r.phase_reasons.join(' ')).toMatch(/alpha = 7/);
  });
});
