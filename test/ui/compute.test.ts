// The worker's computations, run directly in Node (the worker is a thin comlink shell over them).
import { describe, expect, it } from 'vitest';
import { FormatError } from '../../src/core/errors.js';
import { writeNpy } from '../../src/io/index.js';
import { generate } from '../../src/core/ensembles/index.js';
import { esd } from '../../src/core/linalg/index.js';
import { JobCancelled, labDefaults, layerAxes, PHASE_INPUTS, type LayerUpdate, type PhaseRequest } from '../../src/labs/index.js';
import { computeEdge } from '../../workers/compute/edge.js';
import { computeFitterBatch, fitUpload } from '../../workers/compute/fitter.js';
import { silentControl } from '../../workers/compute/jobs.js';
import { computeMonteCarlo, computeTheoryRows, theoryRow } from '../../workers/compute/phase.js';
import { computeLayerMap, crossing } from '../../workers/compute/layer.js';
import { rowTheory } from '../../src/core/layer/index.js';
import { PHASES } from '../../src/core/fit/phases.js';
import { computeSpectrum } from '../../workers/compute/spectrum.js';
import { buffersOf } from '../../workers/labApi.js';

const spectrumDefaults = labDefaults('spectrum');

describe('spectrum computation', () => {
  it('matches theory for a Gaussian draw and carries every overlay', async () => {
    const r = await computeSpectrum({ ...spectrumDefaults, n: 400, q: 2 });
    expect(r.m).toBe(200);
    expect(r.eigenvalues).toHaveLength(200);
    expect(r.markers.map((m) => m.label)).toEqual(expect.arrayContaining(['λ−', 'λ+', 'xmin']));
    expect(r.bands).toHaveLength(1);
    // The MP fit's σ of a Gaussian draw is close to the true σ = 1.
    expect(r.fit.sigma_mp).toBeGreaterThan(0.9);
    expect(r.fit.sigma_mp).toBeLessThan(1.1);
    // Eigenvalue-valued fit columns are in the units of X = WᵀW/N, like the charts.
    expect(r.fit.lambda_plus!).toBeCloseTo(r.truth.mp!.lambda_plus, 0);
    expect(r.fit.xmin!).toBeLessThanOrEqual(r.eigenvalues[199]);
    expect(r.linear.x.length).toBe(r.linear.ys.esd.length);
  });

  it('reuses the draw when only σ moves: eigenvalues scale exactly by σ²', async () => {
    const base = { ...spectrumDefaults, n: 300, q: 1.5, seed: '9' };
    const a = await computeSpectrum(base);
    const b = await computeSpectrum({ ...base, sigma: 2 });
    expect(b.reused).toBe(true);
    for (let i = 0; i < a.eigenvalues.length; i++) expect(b.eigenvalues[i]).toBe(a.eigenvalues[i] * 4);
    const c = await computeSpectrum({ ...base, seed: '10' });
    expect(c.reused).toBe(false);
  });

  it('places BBP outliers for a spiked draw and the Fréchet scale for μ < 4', async () => {
    const spiked = await computeSpectrum({ ...spectrumDefaults, n: 400, ensemble: 'spiked', spikes: [5] });
    const bbp = spiked.markers.find((m) => m.kind === 'bbp')!;
    expect(Math.abs(spiked.eigenvalues[spiked.eigenvalues.length - 1] - bbp.x) / bbp.x).toBeLessThan(0.15);
    const heavy = await computeSpectrum({ ...spectrumDefaults, n: 400, ensemble: 'heavy-tailed', mu: 1.5 });
    expect(heavy.markers.some((m) => m.kind === 'frechet')).toBe(true);
    expect(heavy.fit.alpha!).toBeGreaterThan(1);
  });

  it('draws only what double precision resolves when μ is tiny, and draws something at every allowed μ', async () => {
    for (const mu of [0.2, 0.3, 0.5]) {
      const r = await computeSpectrum({ ...spectrumDefaults, n: 400, ensemble: 'heavy-tailed', mu });
      const top = r.eigenvalues[r.eigenvalues.length - 1];
      // Eigenvalues are accurate to about 1e-14·λ_max: those below 1e-12·λ_max are left out, and counted.
      expect(r.unresolved).toBe(r.eigenvalues.filter((v) => !(v > 1e-12 * top)).length);
      for (const series of [r.linear, r.loglog]) {
        expect(Array.from(series.x).every(Number.isFinite)).toBe(true);
        expect(Array.from(series.ys.esd).filter((v) => v > 0).length, `μ = ${mu}`).toBeGreaterThan(2);
      }
    }
    expect((await computeSpectrum({ ...spectrumDefaults, n: 400, ensemble: 'heavy-tailed', mu: 0.2 })).unresolved).toBeGreaterThan(0);
    expect((await computeSpectrum({ ...spectrumDefaults, n: 400 })).unresolved).toBe(0);
  });

  it('collects transferable buffers once each', async () => {
    const r = await computeSpectrum({ ...spectrumDefaults, n: 100 });
    const buffers = buffersOf(r);
    expect(new Set(buffers).size).toBe(buffers.length);
    expect(buffers).toContain(r.eigenvalues.buffer);
  });
});

describe('edge computation', () => {
  it('rescales Gaussian λ_max to a TW1-like sample (Laguerre model)', async () => {
    const r = await computeEdge({ ...labDefaults('edge'), n: 2000, q: 2, draws: 400 }, silentControl());
    expect(r.method).toBe('laguerre');
    const tw = r.panels.find((p) => p.kind === 'tw')!;
    const s = Array.from(r.lambdaMax, (x) => (x - tw.center) / tw.scale);
    const mean = s.reduce((a, b) => a + b, 0) / s.length;
    // TW1 mean −1.2065, sd 1.268: 400 draws give a standard error of about 0.064; allow finite-size bias too.
    expect(Math.abs(mean + 1.2065)).toBeLessThan(0.35);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const control = { signal: controller.signal, progress: () => controller.abort() };
    await expect(computeEdge({ ...labDefaults('edge'), draws: 5000 }, control)).rejects.toBeInstanceOf(JobCancelled);
  });

  it('reaches every N the slider offers for Gaussian W: the Laguerre model never builds the 80 GB matrix', async () => {
    const r = await computeEdge({ ...labDefaults('edge'), n: 100000, q: 1, draws: 20 }, silentControl());
    expect([r.n, r.m, r.method]).toEqual([100000, 100000, 'laguerre']);
    const tw = r.panels.find((p) => p.kind === 'tw')!;
    // At Q = 1 the edge is 4 and the TW scale σ_J = 2^(4/3)·M^(−2/3) ≈ 1.2e-3: the mean of 20 draws sits within a
    // few σ_J of 4 − 1.21·σ_J; 0.05 is 40 scales, a check that the right model ran, not of its accuracy.
    expect(Math.abs(r.mean - 4)).toBeLessThan(0.05);
    expect(tw.scale).toBeGreaterThan(0);
  });

  it('adds a Fréchet panel for heavy tails with μ < 4', async () => {
    const r = await computeEdge({ ...labDefaults('edge'), ensemble: 'heavy-tailed', mu: 1.5, n: 60, draws: 30 }, silentControl());
    expect(r.panels.map((p) => p.kind)).toEqual(['frechet']);
  });
});

describe('fitter computation', () => {
  it('fits a small batch and predicts α = 1 + μ/2 for μ ≤ 2', async () => {
    const r = await computeFitterBatch({ ...labDefaults('fitter'), n: 200, mus: [1, 3], reps: 2 }, silentControl());
    expect(r.draws).toHaveLength(4);
    expect(r.eigenvalues).toHaveLength(4);
    expect(Array.from(r.summary.x)).toEqual([1, 3]);
    expect(r.summary.ys.predicted[0]).toBe(1.5);
    expect(Number.isNaN(r.summary.ys.predicted[1])).toBe(true);
    expect(Math.abs(r.summary.ys.alphaHat[0] - 1.5)).toBeLessThan(0.3);
  });

  it('fits an uploaded matrix (transposed if wide) and an eigenvalue vector', () => {
    const { W } = generate({ ensemble: 'pareto', n: 120, m: 60, mu: 2, seed: 3 });
    const wide = writeNpy({ data: W.data, shape: [60, 120], fortranOrder: true });
    const m = fitUpload(wide, 'W.npy');
    expect(m.kind).toBe('matrix');
    expect(m.notes.join()).toMatch(/transposed/);
    expect(m.fit.status).toBe('ok');
    const v = fitUpload(writeNpy({ data: Float64Array.from({ length: 200 }, (_, i) => (1 - (i + 0.5) / 200) ** -0.5), shape: [200] }), 'eig.npy');
    expect(v.kind).toBe('eigenvalues');
    expect(v.fit.alpha!).toBeCloseTo(3, 0);
  });

  it('places an eigenvalue vector against MP when told its Q: the same fit as the matrix it came from', () => {
    const { W } = generate({ ensemble: 'gaussian', n: 400, m: 200, seed: 5 });
    const matrix = fitUpload(writeNpy({ data: W.data, shape: [400, 200] }), 'W.npy');
    const bare = fitUpload(writeNpy({ data: esd(W), shape: [200] }), 'eig.npy');
    expect(bare.fit.phase).toBeNull();
    expect(bare.notes.join()).toMatch(/give Q/);
    const placed = fitUpload(writeNpy({ data: esd(W), shape: [200] }), 'eig.npy', 2);
    expect(placed.notes.join()).toMatch(/N = 400, M = 200/);
    for (const key of ['alpha', 'sigma_mp', 'lambda_plus', 'num_spikes', 'phase'] as const) expect(placed.fit[key], key).toEqual(matrix.fit[key]);
    expect(() => fitUpload(writeNpy({ data: esd(W), shape: [200] }), 'eig.npy', 0.5)).toThrow(/invalid q: 0.5/);
  });

  it('reports unreadable files and wrong shapes clearly', () => {
    expect(() => fitUpload(new Uint8Array([1, 2, 3]), 'junk.npy')).toThrow(FormatError);
    expect(() => fitUpload(writeNpy({ data: new Float64Array(8), shape: [2, 2, 2] }), 'cube.npy')).toThrow(/2-D matrix W or a 1-D vector/);
  });
});

describe('phase computation', () => {
  it('gives one theory row with sane values and the Ising lines', () => {
    const values = { ...labDefaults('phase'), alphaSteps: 6, tauSteps: 4 };
    const row = theoryRow(values, 1);
    expect(row.tau).toBeCloseTo(0.5, 12);
    for (const e of row.eps_g) expect(e).toBeGreaterThanOrEqual(0), expect(e).toBeLessThanOrEqual(0.5);
    expect(row.lines?.alpha_c).toBeGreaterThan(1);
  });
});

describe('layer map computation', () => {
  it('runs the layer model cell by cell with theory beside each cell, and the BBP boundary', async () => {
    const values: PhaseRequest = { ...labDefaults('phase'), mode: 'layer', layerK: 10, layerN: 20, layerAlphaSteps: 2, layerTauSteps: 1, sweeps: 50, alphaMax: 3, tauMax: 0.5 };
    const seen: LayerUpdate[] = [];
    const result = await computeLayerMap(values, silentControl(), (u) => seen.push(u));
    expect(seen.length).toBe(2);
    expect(result.cells.map((c) => c.alpha)).toEqual(layerAxes(values).alphas);
    for (const cell of result.cells) {
      expect(PHASES as readonly (string | null)[]).toContain(cell.phase);
      expect(cell.theory?.bbp?.length).toBe(2);
    }
    // One boundary per spike, each where the replica R reaches the spike's threshold (for Ising students R may jump
    // there, at α_c: the boundary then sits in the jump, within one step of the fine grid).
    expect(result.boundaries.map((b) => b.spike)).toEqual([5, 10]);
    const step = values.alphaMax / 80;
    for (const b of result.boundaries) {
      for (const p of b.points) {
        expect(rowTheory('ising', p.alpha - step, p.tau).R).toBeLessThan(b.threshold_R);
        expect(rowTheory('ising', p.alpha + step, p.tau).R).toBeGreaterThanOrEqual(b.threshold_R);
      }
    }
    // The stronger spike detaches at a lower overlap, so at a smaller load.
    const [weak, strong] = result.boundaries;
    if (weak.points.length && strong.points.length) expect(strong.points[0].alpha).toBeLessThan(weak.points[0].alpha);
  });

  it('finds a crossing by interpolation and none when R stays below', () => {
    expect(crossing([1, 2, 3], [0.1, 0.3, 0.5], 0.4)).toBeCloseTo(2.5, 12);
    expect(crossing([1, 2, 3], [0.1, 0.3, 0.5], 0.9)).toBeNull();
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const values: PhaseRequest = { ...labDefaults('phase'), mode: 'layer', layerK: 10, layerN: 20, layerAlphaSteps: 2, layerTauSteps: 1, sweeps: 50 };
    await expect(computeLayerMap(values, { signal: controller.signal, progress() {} }, () => {})).rejects.toBeInstanceOf(JobCancelled);
  });
});

describe('phase lab inputs', () => {
  /** The request fields a computation reads, recorded through a proxy. */
  async function fieldsRead(values: PhaseRequest, compute: (r: PhaseRequest) => Promise<unknown>): Promise<string[]> {
    const read = new Set<string>();
    const recorder = new Proxy(values, {
      get(target, key, receiver) {
        if (typeof key === 'string') read.add(key);
        return Reflect.get(target, key, receiver);
      },
    });
    await compute(recorder);
    return [...read].sort();
  }
  const small: PhaseRequest = { ...labDefaults('phase'), alphaSteps: 4, tauSteps: 2, mcN: 10, mcAlphaSteps: 2, mcTauSteps: 2, layerK: 10, layerN: 20, layerAlphaSteps: 2, layerTauSteps: 1, sweeps: 50 };

  // The page reruns or clears a computation when one of its declared inputs changes: the declaration must be exact.
  it('declares exactly the fields the theory, Monte Carlo and layer computations read', async () => {
    expect(await fieldsRead(small, (r) => computeTheoryRows(r, silentControl(), () => {}))).toEqual([...PHASE_INPUTS.theory].sort());
    expect(await fieldsRead(small, (r) => computeMonteCarlo(r, silentControl(), () => {}))).toEqual([...PHASE_INPUTS.monteCarlo].sort());
    expect(await fieldsRead({ ...small, mode: 'layer' }, (r) => computeLayerMap(r, silentControl(), () => {}))).toEqual([...PHASE_INPUTS.layer].sort());
  });
});
