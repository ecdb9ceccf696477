import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/gpu/engine.js';
import { edgeLambdaMax } from '../../src/gpu/edge/draws.js';
import { createGpuBackend, philox24Block, type GpuCellResult, type GridOptions } from '../../src/gpu/index.js';
import { buildLayout } from '../../src/gpu/layout.js';
import { createGpu, type GpuMode } from '../../src/gpu/modes.js';
import { checkGrid } from '../../src/gpu/params.js';
import { rows } from '../../src/gpu/readback.js';
import { hasChromium } from '../helpers/chromium.js';
import { openPage, type BrowserPage } from './browser/harness.js';
import type { PageApi } from './browser/page.js';

/**
 * The GPU path in headless Chromium (software rendering: SwiftShader behind WebGL, WebGL2 and WebGPU) against
 * the webasm mode in Node: every mode the page offers must draw the same Philox4x24 words, take the same steps
 * and reach the same observables. Skipped where Chromium is not installed.
 */
// Page callbacks are serialised and run in the page: they reach the page's API through its global, never a closure.
type Page = { vsdlGpu: PageApi };
const haveChromium = hasChromium;

const STEPS = 20;
const traceGrid = (weights: 'ising' | 'spherical'): GridOptions => ({
  weights, n: 16, alphas: [0.75, 2], taus: [0, 0.5, 2], samples: 1, seed: 'browser-trace', start: 'mixed',
});
const runGrid = (weights: 'ising' | 'spherical'): GridOptions => ({
  weights, n: 16, alphas: [0.5, 2], taus: [0.3, 1], samples: 1, seed: 'browser-grid', start: 'teacher',
  equilibrationSweeps: 20, measurementSweeps: 200,
});

async function nodeTrace(options: GridOptions, steps: number): Promise<number[][][]> {
  const layout = buildLayout(checkGrid(options));
  const engine = createEngine(createGpu('webasm'), 'webasm', layout);
  let state = await engine.init();
  const states = [rows(state).map((row) => Array.from(row))];
  for (let t = 0; t < steps; t++) {
    state = await engine.step(state, Math.floor(t / layout.n), t % layout.n);
    states.push(rows(state).map((row) => Array.from(row)));
  }
  return states;
}

describe.skipIf(!haveChromium)('GPU path in headless Chromium versus webasm in Node', () => {
  let page: BrowserPage;
  let modes: GpuMode[] = [];

  beforeAll(async () => {
    page = await openPage();
    modes = await page.evaluate(() => (globalThis as unknown as Page).vsdlGpu.modes(), undefined);
  }, 60000);

  afterAll(async () => {
    await page?.close();
  });

  it('offers the software-rendered device modes next to webasm and cpu', () => {
    console.info(`browser modes: ${modes.join(', ')}`);
    expect(modes).toEqual(expect.arrayContaining(['webgl2', 'webgl', 'webasm', 'cpu']));
  });

  it('draws bit-identical Philox4x24 words on every mode', async () => {
    const counter: [number, number, number, number] = [2 ** 24 - 128, 777, 4242, 2 ** 24 - 1];
    const key: [number, number] = [123456, 654321];
    const host: number[] = [];
    for (let b = 0; b < 128; b++) host.push(...philox24Block([counter[0] + b, counter[1], counter[2], counter[3]], key));
    for (const mode of modes) {
      const words = await page.evaluate(([m, c, k]) => (globalThis as unknown as Page).vsdlGpu.rng(m, 128, c, k), [mode, counter, key] as const);
      expect(words, mode).toEqual(host);
    }
  });

  it.each(['ising', 'spherical'] as const)('takes the same %s steps on every mode as webasm in Node', async (weights) => {
    const options = traceGrid(weights);
    const expected = await nodeTrace(options, STEPS);
    for (const mode of modes) {
      const { states, executed } = await page.evaluate(([m, o, s]) => (globalThis as unknown as Page).vsdlGpu.trace(m, o, s), [mode, options, STEPS] as const);
      expect(executed, mode).toEqual([mode]);
      // Exact on every mode measured (SwiftShader does not fuse multiply–adds). A GPU driver may fuse them in the
      // spherical update; that would show here as differences of an ulp, not as a different trajectory.
      expect(states, `${weights} on ${mode}`).toEqual(expected);
    }
  }, 60000);

  it('finds the edge draws\' λ_max bit for bit as webasm in Node, Philox words and Lanczos alike', async () => {
    const draws = Array.from({ length: 6 }, (_, i) => ({ ensemble: 'pareto' as const, n: 40, m: 20, mu: 2.5, seed: `browser-edge:${i}` }));
    const node = await edgeLambdaMax(createGpu('webasm'), 'webasm', { draws });
    for (const mode of modes) {
      const browser = await page.evaluate(([m, d]) => (globalThis as unknown as Page).vsdlGpu.edge(m, d), [mode, draws] as const);
      expect(browser.executed, mode).toEqual([mode]);
      expect(browser.cpuDraws, mode).toEqual([]);
      expect(browser.lambdaMax, mode).toEqual(Array.from(node.lambdaMax));
      expect(browser.steps, mode).toEqual(Array.from(node.steps));
      if (mode === 'webgpu') expect(browser.executor).toBe('fused-encoder');
    }
  }, 120000);

  it.each(['ising', 'spherical'] as const)('reaches the same %s observables on every mode', async (weights) => {
    const options = runGrid(weights);
    const node = await createGpuBackend({ mode: 'webasm' }).runGrid(options);
    for (const mode of modes) {
      const browser: GpuCellResult[] = await page.evaluate(([m, o]) => (globalThis as unknown as Page).vsdlGpu.grid(m, o), [mode, options] as const);
      // webgpu runs each block of sweeps as one command buffer; webasm as one WebAssembly plan.
      if (mode === 'webgpu') expect(browser[0]!.gpu.executor).toBe('fused-encoder');
      if (mode === 'webasm') expect(browser[0]!.gpu.executor).toMatch(/^fused/);
      browser.forEach((b, k) => {
        const n = node[k]!;
        expect([b.alpha, b.tau, b.p]).toEqual([n.alpha, n.tau, n.p]);
        // Statistically: one sample, so the SEs are thermal (τ_int of 200 sweeps × 2 replicas); z = Δ/√(se_b² + se_n²)
        // within 3 (a cell frozen at the teacher has se = 0 on both sides and must then match exactly).
        for (const key of ['R', 'eps_t'] as const) {
          const se = Math.hypot(b[`${key}_se`], n[`${key}_se`]);
          if (se === 0) expect(b[key], `${mode} ${key}`).toBe(n[key]);
          else expect(Math.abs(b[key] - n[key]), `${mode} ${key}`).toBeLessThanOrEqual(3 * se);
        }
        // And exactly: the trajectories above are identical, so are the series they produce.
        expect([b.R, b.q, b.eps_t, b.acceptance, b.samples[0]!.width], `${weights} on ${mode}`).toEqual([n.R, n.q, n.eps_t, n.acceptance, n.samples[0]!.width]);
      });
    }
  }, 60000);
});
