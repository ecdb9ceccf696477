import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/gpu/engine.js';
import { buildLayout, SLOT_WIDTH } from '../../src/gpu/layout.js';
import { createGpu } from '../../src/gpu/modes.js';
import { checkGrid } from '../../src/gpu/params.js';
import { rows } from '../../src/gpu/readback.js';
import { referenceSphereRefresh, referenceSphereStep } from '../../src/gpu/referenceSphere.js';
import { rotationTrig } from '../../src/gpu/kernels/trig.js';

// Spherical students: every chain's row, step by step, against the float32 CPU twin (exact on cpu and webasm).
const grid = checkGrid({ weights: 'spherical', n: 24, alphas: [0.75, 2], taus: [0, 0.5, 2], samples: 2, seed: 'sphere-step', start: 'mixed' });
const copy = (result: unknown) => rows(result).map((row) => Float32Array.from(row));

describe('rotationTrig (float32 cos and sin of the rotation angle)', () => {
  it('is within 5e−7 of cos and sin on [−π, π], odd in sin and even in cos', () => {
    // Polynomial truncation < 3e−8 plus float32 rounding (ulp(1) = 1.2e−7) through two angle doublings.
    let worst = 0;
    for (let k = 0; k <= 20000; k++) {
      const t = Math.fround(-Math.PI + (2 * Math.PI * k) / 20000);
      worst = Math.max(worst, Math.abs(rotationTrig(t, 0) - Math.cos(t)), Math.abs(rotationTrig(t, 1) - Math.sin(t)));
      // θ and −θ must give exactly inverse-symmetric rotations (the proposal's symmetry).
      expect(rotationTrig(-t, 1) === -rotationTrig(t, 1)).toBe(true); // === : sin(±0) = ±0 is fine
      expect(rotationTrig(-t, 0)).toBe(rotationTrig(t, 0));
    }
    expect(worst).toBeLessThan(5e-7);
  });
});

describe.each(['cpu', 'webasm'] as const)('one spherical Monte Carlo step on %s', (mode) => {
  it('renormalises J and rebuilds the fields exactly as the CPU twin', async () => {
    const layout = buildLayout(grid);
    const engine = createEngine(createGpu(mode), mode, layout);
    const state = copy(await engine.init());
    state.forEach((row, c) => {
      expect(Array.from(row)).toEqual(Array.from(referenceSphereRefresh(layout.initial[c]!, layout.info[c]!, layout.data, layout.n, layout.pMax)));
      let norm = 0;
      for (let i = 0; i < layout.n; i++) norm += row[i]! ** 2;
      expect(Math.abs(norm - layout.n)).toBeLessThan(1e-4 * layout.n); // float32: a few ulp of N per term
    });
  });

  it('rotates, decides, updates and refreshes every chain exactly as the CPU twin does', async () => {
    const layout = buildLayout(grid);
    // Widths as tuning leaves them: different per chain, some small and some large.
    layout.info.forEach((row, c) => (row[SLOT_WIDTH] = Math.fround(0.05 + 0.4 * (c % 7))));
    const engine = createEngine(createGpu(mode), mode, layout);
    let state = copy(await engine.init());
    let accepted = 0;
    let uphillAccepted = 0;
    let uphillRejected = 0;
    for (let t = 0; t < 40; t++) {
      const [g, j] = [Math.floor(t / layout.n), t % layout.n];
      const expected = state.map((row, c) => referenceSphereStep(row, layout.info[c]!, layout.data, layout.n, layout.pMax, g, j));
      const next = copy(await engine.step(state, g, j));
      expected.forEach((e, c) => {
        expect(e.i).not.toBe(e.j);
        expect(Math.abs(e.theta)).toBeLessThanOrEqual(layout.info[c]![SLOT_WIDTH]!);
        expect(Array.from(next[c]!)).toEqual(Array.from(e.next));
        if (e.accepted) accepted++;
        if (e.delta > 0) e.accepted ? uphillAccepted++ : uphillRejected++;
      });
      state = next;
    }
    expect(accepted).toBeGreaterThan(0);
    expect(uphillAccepted).toBeGreaterThan(0);
    expect(uphillRejected).toBeGreaterThan(0);
    // A whole block (sweep 2, then the refresh) as the driver runs it: n twin steps, then the twin refresh.
    let twin: Float32Array[] = state;
    for (let j = 0; j < layout.n; j++) twin = twin.map((row, c) => referenceSphereStep(row, layout.info[c]!, layout.data, layout.n, layout.pMax, 2, j).next);
    const block = await engine.block(state, 2, 1, { measureFrom: 0, refresh: true });
    copy(block.state).forEach((row, c) =>
      expect(Array.from(row)).toEqual(Array.from(referenceSphereRefresh(twin[c]!, layout.info[c]!, layout.data, layout.n, layout.pMax))),
    );
    // Incremental fields after 2.6 sweeps against the recomputation: float32 rounding, |h| ≲ 3√N.
    for (const d of block.drift!) expect(d).toBeLessThan(1e-3);
  });
});
