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
      // Proposal j of sweep g: two sweeps and a half of n = 24 proposals.
      const [g, j] = [Math.floor(t / layout.n), t % layout.n];
      const expected = state.map((row, c) => referenceStep(row, layout.info[c]!, layout.data, layout.n, layout.pMax, g, j));
      const next = rows(await engine.step(state, g, j)).map((row) => Float32Array.from(row));
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

  it('runs a block of sweeps, its observables and its refresh exactly as the twins', async () => {
    const layout = buildLayout(grid);
    const { n, pMax } = layout;
    const engine = createEngine(createGpu(mode), mode, layout);
    let twin: Float32Array[] = rows(await engine.init()).map((row) => Float32Array.from(row));
    const block = await engine.block(twin, 5, 1, { measureFrom: 0, refresh: true });
    for (let j = 0; j < n; j++) twin = twin.map((row, c) => referenceStep(row, layout.info[c]!, layout.data, n, pMax, 5, j).next);
    const observed = block.measures[0]!;
    twin.forEach((row, c) => {
      const info = layout.info[c]!;
      const k = info[0]!;
      const partner = twin[info[7]!]!;
      let errors = 0;
      for (let mu = 0; mu < info[1]!; mu++) if (row[n + mu]! <= 0) errors++;
      let dotT = 0;
      let dotJ = 0;
      for (let i = 0; i < n; i++) {
        dotT += row[i]! * layout.teachers[k]![i]!;
        dotJ += row[i]! * partner[i]!;
      }
      // Observables after the sweep, before its refresh.
      expect(Array.from(observed[c]!)).toEqual([errors, dotT, dotJ, row[n + pMax]!]);
      // The refresh: J kept (±1), every field recomputed as a float32 sum in the order i = 0..n−1.
      const refreshed = Array.from(row);
      for (let mu = 0; mu < pMax; mu++) {
        let h = 0;
        for (let i = 0; i < n; i++) h = Math.fround(h + row[i]! * layout.data[(k * n + i) * pMax + mu]!);
        refreshed[n + mu] = h;
      }
      expect(Array.from(rows(block.state)[c]!)).toEqual(refreshed);
    });
    expect(block.drift!.length).toBe(layout.chains);
  });
});
