/**
 * End to end, the GPU path of the labs in Debian's Chromium with its software renderers (SwiftShader behind WebGL
 * and WebGPU): `?backend=gpu` runs the phase lab's Monte Carlo, its layer map and the edge lab's heavy-tailed
 * draws on a device mode and names it; `auto` sees the software renderer and stays on WebAssembly, saying why.
 * The pictures are the same kind either way (cells painted, histograms drawn), with no console error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, hasChromium, launch, serve } from './harness.js';

const WAIT = { timeout: 240_000 };
const DIST_GPU = mkdtempSync(join(tmpdir(), 'vsdl-ui-gpu-'));
const SOFTWARE_GPU = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-unsafe-webgpu'];

describe.skipIf(!hasChromium)('labs on the GPU path in headless Chromium (software renderers)', () => {
  let browser: Browser;
  let server: Server;
  let origin = '';
  const problems: string[] = [];

  beforeAll(async () => {
    // A build of its own: ui.test.ts builds dist-ui/ at the same time.
    await buildApp(DIST_GPU);
    ({ origin, server } = await serve(DIST_GPU));
    browser = await launch(SOFTWARE_GPU);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    rmSync(DIST_GPU, { recursive: true, force: true });
  });

  async function open(query: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => {
      // gpu.js reports a kernel it could not build on one mode before the probe moves on: not an error of the page.
      if (m.type() === 'error' && !m.text().startsWith('gpu.js')) problems.push(`console error on ${query}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error on ${query}: ${e.message}`));
    await page.goto(`${origin}/${query}`);
    return page;
  }

  /** Clicks a run button once the lab's worker has started (a click before that is refused with a notice). */
  async function run(page: Page, label: string): Promise<void> {
    for (let attempt = 0; attempt < 50; attempt++) {
      await page.click(`button:has-text("${label}")`);
      await page.waitForTimeout(200);
      const error = await page.$('[data-testid=error]');
      if (!error || !(await error.textContent())?.includes('not ready')) return;
      await page.waitForTimeout(300);
    }
  }

  async function badge(page: Page): Promise<{ backend: string | null; mode: string | null; text: string }> {
    await page.waitForFunction(() => document.querySelector('[data-testid=backend]') || document.querySelector('[data-testid=error]'), null, { ...WAIT, polling: 200 });
    const error = await page.$('[data-testid=error]');
    if (error) throw new Error(`the lab failed: ${await error.textContent()}`);
    const el = await page.waitForSelector('[data-testid=backend]', WAIT);
    return { backend: await el.getAttribute('data-backend'), mode: await el.getAttribute('data-mode'), text: (await el.textContent()) ?? '' };
  }

  it('runs the phase lab\'s Monte Carlo on the GPU with backend=gpu and names the backend', async () => {
    const page = await open('?lab=phase&backend=gpu&mcN=20&mcAlphaSteps=3&mcTauSteps=2&sweeps=50');
    await run(page, 'run Monte Carlo');
    const b = await badge(page);
    console.info(`phase lab, backend=gpu: ${b.text}`);
    expect(b.backend).toBe('gpu');
    expect(['webgpu', 'webgl2', 'webgl']).toContain(b.mode);
    expect(b.text).toMatch(/GPU · (webgpu|webgl2|webgl)/);
    expect(b.text).toMatch(/software/);
    expect(await page.textContent('[data-metric=mc-cells]')).toBe('6');
    await page.close();
  }, 300_000);

  it('stays on WebAssembly with backend=auto, naming the software renderer', async () => {
    const page = await open('?lab=phase&mcN=20&mcAlphaSteps=3&mcTauSteps=2&sweeps=50');
    await run(page, 'run Monte Carlo');
    const b = await badge(page);
    console.info(`phase lab, backend=auto: ${b.text}`);
    expect(b).toMatchObject({ backend: 'cpu', mode: 'wasm' });
    expect(b.text).toMatch(/software renderer/);
    await page.close();
  }, 300_000);

  it('runs the layer map on the GPU with backend=gpu', async () => {
    const page = await open('?lab=phase&mode=layer&backend=gpu&layerK=10&layerN=20&layerAlphaSteps=2&layerTauSteps=1&sweeps=50');
    await run(page, 'run layer map');
    const b = await badge(page);
    expect(b.backend).toBe('gpu');
    expect(await page.textContent('[data-metric=layer-cells]')).toBe('2');
    await page.close();
  }, 300_000);

  it('draws the edge lab\'s heavy-tailed λ_max on the GPU with backend=gpu', async () => {
    const page = await open('?lab=edge&ensemble=heavy-tailed&law=pareto&mu=2&n=120&draws=40&backend=gpu');
    const b = await badge(page);
    console.info(`edge lab, backend=gpu: ${b.text}`);
    expect(b.backend).toBe('gpu');
    expect(b.text).toMatch(/draws\/s/);
    await page.waitForSelector('[data-testid=chart-edge-frechet]', WAIT);
    await page.close();
  }, 300_000);

  it('had no console errors', () => {
    expect(problems).toEqual([]);
  });
});
