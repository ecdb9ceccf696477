import { describe, expect, it } from 'vitest';
import { disorderAverage, type SampleResult } from '../../../src/core/vsdl/index.js';
import { jsonText } from '../../../src/io/index.js';

function sample(k: number, R: number, q: number): SampleResult {
  return {
    sample: k,
    R,
    q,
    eps_g: Math.acos(R) / Math.PI,
    eps_t: 0.1 + k / 100,
    energy: 2 + k / 5,
    R_se: 0.01,
    eps_t_se: 0.002,
    acceptance: 0.5,
    tau_int: { energy: 1, R: 1 },
    schedule: { equilibrationSweeps: 10, measurementSweeps: 20, equilibrated: true },
    width: NaN,
  };
}

describe('disorderAverage', () => {
  it('one sample: thermal errors where a sample has them; q_se null (q has none), never NaN', () => {
    const a = disorderAverage([sample(0, 0.3, 0.2)], 20);
    expect(a.errorKind).toBe('thermal');
    expect(a.q).toBe(0.2);
    expect(a.q_se).toBeNull();
    expect(a.R_se).toBe(0.01);
    expect(a.eps_t_se).toBe(0.002);
    expect(a.energy_se).toBeCloseTo(0.04, 15);
    expect(Number.isFinite(a.eps_g_se)).toBe(true);
    const text = jsonText(a);
    expect(text).not.toContain('NaN');
    expect(JSON.parse(text).q_se).toBeNull();
  });

  it('two or more samples: every standard error over samples, q_se included', () => {
    const a = disorderAverage([sample(0, 0.3, 0.2), sample(1, 0.5, 0.4)], 20);
    expect(a.errorKind).toBe('disorder');
    expect(a.q).toBeCloseTo(0.3, 15);
    // SD 0.1414… over √2: 0.1.
    expect(a.q_se).toBeCloseTo(0.1, 12);
    expect(a.R_se).toBeCloseTo(0.1, 12);
  });
});
