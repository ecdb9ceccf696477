import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/gpu/engine.js';
import { buildLayout } from '../../src/gpu/layout.js';
import { createGpu } from '../../src/gpu/modes.js';
import { checkGrid } from '../../src/gpu/params.js';
import { referenceStep } from '../../src/gpu/reference.js';
import { rows } from '../../src/gpu/readback.js';

// On cpu and webasm the state comes back as rows of float32 values, so every chain can be compared with its twin.
const grid = checkGrid({ n: 24, alphas: [0.75, 2], taus: [0, 0.5, 2], samples: 2, seed: 'step', start: 'random' });

describe.each(['cpu', 'webasm'] as const)('one Monte Carlo step on %s', (mode) => {
  it('builds the fields as float32 sums in a fixed order', async () => {
    const layout = buildLayout(grid);
    const engine = createEngine(createGpu(mode), mode, layout);
    const state = rows(await engine.init());
    const { n, pMax } = layout;
    for (let c = 0; c < layout.chains; c++) {
      const k = layout.info[c]![0]!;
      for (let mu = 0; mu < pMax; mu++) {
        let h = 0;
        for (let i = 0; i < n; i++) h = Math.fround(h + layout.initial[c]![i]! * layout.data[(k * n + i) * pMax + mu]!);
        expect(state[c]![n + mu]).toBe(h);
      }
    }
  });

  it('decides and updates every chain exactly as the CPU twin does', async () => {
    const layout = buildLayout(grid);
    const engine = createEngine(createGpu(mode), mode, layout);
    let state = rows(await engine.init()).map((row) => Float32Array.from(row));
    let accepted = 0;
    let uphillAccepted = 0;
    let uphillRejected = 0;
    for (let t = 0; t < 40; t++) {
      const expected = state.map((row, c) => referenceStep(row, layout.info[c]!, layout.data, layout.n, layout.pMax, t));
      const next = rows(await engine.step(state, t)).map((row) => Float32Array.from(row));
      expected.forEach((e, c) => {
        expect(Array.from(next[c]!)).toEqual(Array.from(e.next));
        if (e.accepted) accepted++;
        if (e.delta > 0) e.accepted ? uphillAccepted++ : uphillRejected++;
      });
      state = next;
    }
    // The comparison covered accepted, rejected and uphill-accepted moves (Metropolis at τ > 0).
    expect(accepted).toBeGreaterThan(0);
    expect(uphillAccepted).toBeGreaterThan(0);
    expect(uphillRejected).toBeGreaterThan(0);
  });
});
