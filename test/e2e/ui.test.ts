/**
 * End to end: builds the app, serves dist-ui/ on 127.0.0.1 and drives Debian's Chromium headless. Every lab must
 * compute and draw, with no console error and no request beyond the page's own origin; a shared URL must
 * reproduce the same numbers; a bad URL must open on defaults with a notice; an uploaded .npy must be fitted; a
 * lesson must run in its worker, draw its figures and pass its checks, and predict first must hold theory back.
 * Timings (slider → redrawn spectrum; the phase lab's 16×16 Monte Carlo grid: first painted cell, whole grid,
 * longest main-thread task) are printed and saved, never asserted.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/core/ensembles/index.js';
import { writeNpy } from '../../src/io/index.js';
import { buildApp, DIST, hasChromium, launch, serve } from './harness.js';

const SHOTS = '/tmp/ui-shots';
const WAIT = { timeout: 45_000 };
// waitForFunction polls on animation frames by default, which a page that paints nothing new may not produce.
const POLL = { timeout: 45_000, polling: 100 };

describe.skipIf(!hasChromium)('UI in headless Chromium', () => {
  let browser: Browser;
  let server: Server;
  let origin = '';
  const problems: string[] = [];

  beforeAll(async () => {
    await buildApp();
    ({ origin, server } = await serve(DIST));
    browser = await launch();
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(query: string, at = origin): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error on ${query}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error on ${query}: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(at) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) problems.push(`request outside the origin: ${r.url()}`);
    });
    await page.goto(`${at}/${query}`);
    return page;
  }

  /** Pixels with colour (series, fills, heatmap): axes, grid and text are grey or black. */
  function colouredPixels(page: Page, selector: string): Promise<number> {
    return page.$eval(selector, (root) => {
      const canvas = root instanceof HTMLCanvasElement ? root : root.querySelector('canvas');
      if (!canvas) return 0;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4) {
        const max = Math.max(data[i], data[i + 1], data[i + 2]);
        const min = Math.min(data[i], data[i + 1], data[i + 2]);
        if (data[i + 3] > 0 && max - min > 25) count++;
      }
      return count;
    });
  }

  const metric = (page: Page, name: string) => page.textContent(`[data-metric="${name}"]`);

  async function spectrumNumbers(page: Page) {
    await page.waitForSelector('[data-metric=alpha]', WAIT);
    return Object.fromEntries(await Promise.all(['alpha', 'xmin', 'D', 'lambda_max', 'sigma_mp', 'phase'].map(async (k) => [k, await metric(page, k)])));
  }

  async function redrawMs(page: Page, act: () => Promise<void>): Promise<number> {
    const count = await page.evaluate(() => performance.getEntriesByName('spectrum:input-to-draw').length);
    await act();
    await page.waitForFunction((n) => performance.getEntriesByName('spectrum:input-to-draw').length > n, count, POLL);
    return page.evaluate(() => {
      const all = performance.getEntriesByName('spectrum:input-to-draw');
      return all[all.length - 1].duration;
    });
  }

  it('spectrum lab: computes, draws, redraws on a slider, and a shared URL reproduces it', async () => {
    const page = await open('?lab=spectrum&n=1000&q=2&seed=7&ensemble=spiked&spikes=4');
    const first = await spectrumNumbers(page);
    expect(Number(first.alpha)).toBeGreaterThan(1);
    expect(await colouredPixels(page, '[data-testid=chart-spectrum-linear]')).toBeGreaterThan(500);
    expect(await colouredPixels(page, '[data-testid=chart-spectrum-loglog]')).toBeGreaterThan(200);
    expect(await page.textContent('[data-testid=status]')).toContain('M = 500');
    await page.screenshot({ path: `${SHOTS}/spectrum.png`, fullPage: true });

    // Slider by keyboard: each arrow press is a live change; the same draw is rescaled (σ only).
    const slider = page.locator('[data-control=sigma] input[type=range]');
    await slider.focus();
    const sigmaTimes: number[] = [];
    for (let i = 0; i < 5; i++) sigmaTimes.push(await redrawMs(page, () => page.keyboard.press('ArrowRight')));
    // A full redraw at M = 500: new seed → new W, spectrum and fits.
    const drawTimes: number[] = [];
    for (let i = 0; i < 3; i++) drawTimes.push(await redrawMs(page, () => page.click('[data-control=newdraw]')));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const timings = { sigmaSliderMedianMs: median(sigmaTimes), newDrawMedianMs: median(drawTimes), sigmaTimes, drawTimes };
    console.log('slider → redrawn spectrum at M = 500 (headless Chromium):', JSON.stringify(timings));
    writeFileSync(`${SHOTS}/timings.json`, JSON.stringify(timings, null, 2));

    // The URL now holds the new state: opening it elsewhere gives the same numbers.
    await page.waitForFunction(() => !document.querySelector('[data-testid=status]')?.textContent?.includes('computing'), null, POLL);
    const shared = page.url();
    const now = await spectrumNumbers(page);
    const other = await open(shared.slice(origin.length + 1));
    expect(await spectrumNumbers(other)).toEqual(now);
    expect(other.url()).toBe(shared);

    // Exports: CSV with provenance comments, and a PNG of the canvas.
    const [csv] = await Promise.all([other.waitForEvent('download'), other.click('[data-control=export] >> text=CSV >> nth=0')]);
    const text = readFileSync((await csv.path())!, 'utf8');
    expect(text).toContain(`# seed: ${new URL(shared).searchParams.get('seed')}`);
    expect(text).toMatch(/^lambda,esd,mp$/m);
    const [png] = await Promise.all([other.waitForEvent('download'), other.click('[data-control=export] >> text=PNG >> nth=0')]);
    expect(png.suggestedFilename()).toBe('spectrum-linear.png');
    expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG');
    const [svg] = await Promise.all([other.waitForEvent('download'), other.click('[data-control=export] >> text=SVG >> nth=0')]);
    const vector = readFileSync((await svg.path())!, 'utf8');
    expect(svg.suggestedFilename()).toBe('spectrum-linear.svg');
    expect(vector).toMatch(/^<\?xml/);
    expect(vector).toContain('data-key="esd"');
    expect(vector).toContain(`<!-- seed: ${new URL(shared).searchParams.get('seed')};`);
    await other.close();
    await page.close();
  });

  it('a bad URL opens on defaults with a visible notice, never a blank page', async () => {
    const page = await open('?lab=spectrum&n=abc&q=-1&ensemble=nope&hide=sigma,zap');
    await page.waitForSelector('[data-testid=notice]', WAIT);
    const notice = await page.textContent('[data-testid=notice]');
    for (const part of ['n="abc"', 'q="-1"', 'ensemble="nope"', 'zap']) expect(notice).toContain(part);
    await spectrumNumbers(page);
    expect(await page.locator('[data-control=sigma]').count()).toBe(0);
    expect(await colouredPixels(page, '[data-testid=chart-spectrum-linear]')).toBeGreaterThan(500);
    expect(page.url()).toContain('n=1000');
    await page.close();

    // A size that takes long asks first instead of freezing the lab.
    const large = await open('?lab=spectrum&n=7000&q=2');
    await large.waitForSelector('[data-testid=confirm-large]', WAIT);
    expect(await large.textContent('[data-testid=confirm-large]')).toContain('M = 3500');
    expect(await large.locator('[data-metric=alpha]').count()).toBe(0);
    await large.close();
  });

  it('spectrum lab: on a cross-origin isolated page the eigenvalues run on worker threads, with the same numbers', async () => {
    const isolated = await serve(DIST, { isolated: true });
    try {
      const query = '?lab=spectrum&n=2000&q=2&seed=11';
      const plain = await open(query);
      const want = await spectrumNumbers(plain);
      expect(await plain.evaluate(() => crossOriginIsolated)).toBe(false);
      expect(await plain.textContent('[data-testid=status]')).not.toMatch(/threads/);
      await plain.close();
      const page = await open(query, isolated.origin);
      expect(await spectrumNumbers(page)).toEqual(want);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      if (cores > 1) expect(await page.textContent('[data-testid=status]')).toContain(`on ${cores} threads`);
      await page.close();
    } finally {
      isolated.server.close();
    }
  });

  it('edge lab: Gaussian λ_max against TW1, heavy tails against Fréchet', async () => {
    const page = await open('?lab=edge&n=2000&q=2&draws=300');
    await page.waitForSelector('[data-testid=chart-edge-tw] canvas', WAIT);
    expect(await colouredPixels(page, '[data-testid=chart-edge-tw]')).toBeGreaterThan(500);
    await page.screenshot({ path: `${SHOTS}/edge-gaussian.png`, fullPage: true });
    const heavy = await open('?lab=edge&ensemble=heavy-tailed&mu=3&n=100&draws=80');
    await heavy.waitForSelector('[data-testid=chart-edge-frechet] canvas', WAIT);
    expect(await colouredPixels(heavy, '[data-testid=chart-edge-frechet]')).toBeGreaterThan(500);
    await heavy.screenshot({ path: `${SHOTS}/edge-heavy.png`, fullPage: true });
    await heavy.close();
    await page.close();
  });

  it('fitter lab: a ground-truth batch and an uploaded .npy are fitted', async () => {
    const page = await open('?lab=fitter&n=200&mus=1,2,3&reps=2');
    await page.waitForSelector('[data-metric=alpha-0]', WAIT);
    expect(await colouredPixels(page, '[data-testid=chart-fitter]')).toBeGreaterThan(50);
    const { W } = generate({ ensemble: 'pareto', n: 300, m: 150, mu: 1.5, seed: 11 });
    await page.setInputFiles('[data-testid=npy-input]', { name: 'W.npy', mimeType: 'application/octet-stream', buffer: Buffer.from(writeNpy({ data: W.data, shape: [300, 150] })) });
    await page.waitForSelector('[data-testid=upload-result]', WAIT);
    expect(Number(await metric(page, 'upload-alpha'))).toBeGreaterThan(1);
    expect(await colouredPixels(page, '[data-testid=chart-upload]')).toBeGreaterThan(50);
    await page.screenshot({ path: `${SHOTS}/fitter.png`, fullPage: true });
    await page.setInputFiles('[data-testid=npy-input]', { name: 'broken.npy', mimeType: 'application/octet-stream', buffer: Buffer.from('not a numpy file') });
    await page.waitForSelector('[data-testid=upload-error]', WAIT);
    expect(await page.textContent('[data-testid=upload-error]')).toMatch(/broken\.npy/);
    await page.close();
  });

  it('phase lab: theory heatmap streams in, Monte Carlo cells arrive and open their details', async () => {
    const page = await open('?lab=phase&alphaSteps=10&tauSteps=4&mcN=20&mcAlphaSteps=2&mcTauSteps=2&sweeps=60');
    await page.waitForFunction(() => document.querySelector('[data-testid=phase-status]')?.textContent?.includes('theory rows 4 / 4'), null, POLL);
    expect(await colouredPixels(page, '[data-testid=heatmap]')).toBeGreaterThan(5000);
    await page.click('text=run Monte Carlo');
    await page.waitForFunction(() => document.querySelector('[data-metric=mc-cells]')?.textContent === '4' || document.querySelector('[data-testid=error]'), null, POLL);
    const errors = await page.locator('[data-testid=error]').allTextContents();
    expect(errors).toEqual([]);
    await page.click('.cells button >> nth=0');
    await page.waitForSelector('[data-testid=cell-details]', WAIT);
    expect(Number(await metric(page, 'sim-eps_g'))).toBeGreaterThanOrEqual(0);
    await page.screenshot({ path: `${SHOTS}/phase.png`, fullPage: true });
    await page.close();
  });

  it('phase lab, layer map: the 5+1 phase per cell with the predicted phase, the BBP boundary and a legend', async () => {
    const page = await open('?lab=phase&mode=layer&teacher=spiked&layerSpikes=5,10&layerK=20&layerN=40&layerAlphaSteps=4&layerTauSteps=3&sweeps=100');
    await page.click('text=run layer map');
    await page.waitForFunction(() => document.querySelector('[data-metric=layer-cells]')?.textContent === '12' || document.querySelector('[data-testid=error]'), null, POLL);
    expect(await page.locator('[data-testid=error]').allTextContents()).toEqual([]);
    expect(await colouredPixels(page, '[data-testid=heatmap]')).toBeGreaterThan(5000);
    const legend = await page.textContent('[data-testid=phase-legend]');
    for (const phase of ['random-like', 'bleeding-out', 'bulk+spikes', 'bulk-decay', 'heavy-tailed', 'rank-collapse', 'BBP ℓ = 5']) expect(legend).toContain(phase);
    // Hover a tile (the top-right cell: largest α, largest τ) for simulation against theory.
    const box = (await page.locator('[data-testid=heatmap]').boundingBox())!;
    await page.mouse.move(box.x + box.width - 60, box.y + 60);
    await page.waitForSelector('[data-testid=layer-cell-details]', WAIT);
    expect(await metric(page, 'layer-predicted')).toMatch(/random-like|bleeding-out|bulk\+spikes|bulk-decay|heavy-tailed|rank-collapse/);
    expect(Number((await metric(page, 'layer-R'))!.split(' ')[0])).toBeGreaterThan(0);
    await page.screenshot({ path: `${SHOTS}/phase-layer.png`, fullPage: true });
    // The state is in the URL, and the map exports as SVG with its provenance.
    expect(page.url()).toContain('mode=layer');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.click('[data-control=export] >> text=SVG')]);
    const text = readFileSync((await svg.path())!, 'utf8');
    expect(svg.suggestedFilename()).toBe('phase-layer.svg');
    expect(text.match(/class="tile"/g)?.length).toBe(12);
    expect(text).toContain('<metadata id="provenance">');
    expect(text).toContain('class="boundary"');
    await page.close();
  });

  it('phase lab, performance: a 16×16 Ising Monte Carlo grid at N = 100 (recorded, not asserted)', async () => {
    const page = await open('?lab=phase&alphaSteps=8&tauSteps=4&alphaMax=2&mcN=100&mcAlphaSteps=16&mcTauSteps=16&samples=1&sweeps=50');
    await page.waitForFunction(() => document.querySelector('[data-testid=phase-status]')?.textContent?.includes('theory rows 4 / 4'), null, POLL);
    const supported = await page.evaluate(() => {
      const w = window as unknown as { __longtasks: number[] };
      w.__longtasks = [];
      if (!PerformanceObserver.supportedEntryTypes?.includes('longtask')) return false;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longtasks.push(entry.duration);
      }).observe({ type: 'longtask' });
      return true;
    });
    await page.click('text=run Monte Carlo');
    await page.waitForFunction(() => document.querySelector('[data-metric=mc-cells]')?.textContent === '256' || document.querySelector('[data-testid=error]'), null, { timeout: 600_000, polling: 200 });
    expect(await page.locator('[data-testid=error]').allTextContents()).toEqual([]);
    await page.waitForFunction(() => performance.getEntriesByName('phase:mc-grid').length > 0, null, POLL);
    const perf = await page.evaluate(() => {
      const last = (name: string) => performance.getEntriesByName(name).at(-1)?.duration ?? null;
      const tasks = (window as unknown as { __longtasks: number[] }).__longtasks;
      return { firstCellMs: last('phase:mc-first-cell'), gridMs: last('phase:mc-grid'), longestTaskMs: tasks.length ? Math.max(...tasks) : 0, longTasks: tasks.length };
    });
    const record = { grid: '16x16', n: 100, alphaMax: 2, tauMax: 1, samples: 1, sweeps: '50 + 50', longtaskSupported: supported, ...perf, cores: await page.evaluate(() => navigator.hardwareConcurrency) };
    console.log('phase lab Monte Carlo (headless Chromium):', JSON.stringify(record));
    writeFileSync(`${SHOTS}/phase-perf.json`, JSON.stringify(record, null, 2));
    writeFileSync('/tmp/phase-perf.json', JSON.stringify(record, null, 2));
    expect(perf.firstCellMs).not.toBeNull();
    await page.close();
  }, 660_000);

  it('lessons: a lesson runs in its worker, draws its figures and passes its checks', async () => {
    const page = await open('?lab=lesson');
    await page.waitForSelector('[data-testid=lesson-list] a', WAIT);
    expect(await page.locator('[data-testid=lesson-list] li').count()).toBeGreaterThanOrEqual(6);
    await page.click('a[data-lesson="01"]');
    await page.waitForSelector('article[data-lesson="01"]', WAIT);
    expect(new URL(page.url()).search).toBe('?lab=lesson&lesson=01');
    // Keyboard: the run button takes Enter.
    await page.focus('[data-control=run]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=checks-summary]', WAIT);
    const total = await page.locator('[data-testid=checks] tbody tr').count();
    expect(total).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid=checks-summary]')).toBe(`${total} of ${total} passed`);
    expect(await page.locator('[data-testid=checks] tr[data-passed=false]').count()).toBe(0);
    const figures = await page.locator('[data-testid^=lesson-figure-]').count();
    expect(figures).toBe(2);
    for (let i = 0; i < figures; i++) expect(await colouredPixels(page, `[data-testid=lesson-chart-${i}]`)).toBeGreaterThan(300);
    // The prose is rendered from Markdown, and the lesson links to the lab with its parameters.
    expect(await page.textContent('article .markdown strong')).toBe('Marchenko–Pastur');
    const lab = await page.getAttribute('[data-lab-link=spectrum]', 'href');
    expect(lab).toContain('lab=spectrum');
    expect(lab).toContain('q=3');
    await page.screenshot({ path: `${SHOTS}/lesson.png`, fullPage: true });
    await page.close();
  });

  it('lessons: predict first keeps a figure’s theory hidden until the guess is locked in (locked classroom link)', async () => {
    const page = await open('?lab=lesson&lesson=02&predict=1&hide=tabs');
    await page.waitForSelector('[data-testid=predict]', WAIT);
    expect(await page.locator('[role=tablist]').count()).toBe(0);
    await page.click('[data-control=run]');
    await page.waitForSelector('[data-testid=lesson-chart-0] canvas', WAIT);
    const legend = (i: number) => page.textContent(`[data-testid=lesson-chart-${i}] .u-legend`);
    expect(await page.getAttribute('[data-testid=lesson-figure-0]', 'data-theory')).toBe('hidden');
    expect(await legend(0)).not.toContain('BBP');
    expect(await page.locator('[data-testid=checks]').count()).toBe(0);
    expect(await colouredPixels(page, '[data-testid=lesson-chart-0]')).toBeGreaterThan(100);

    await page.fill('#predict-0', '2');
    await page.press('#predict-0', 'Enter');
    await page.waitForSelector('[data-testid=prompt-result-0]', WAIT);
    expect(await page.textContent('[data-testid=prompt-result-0]')).toMatch(/You guessed 2.*theory says 1\.707/s);
    expect(await page.getAttribute('[data-testid=lesson-figure-0]', 'data-theory')).toBe('shown');
    expect(await legend(0)).toContain('BBP');
    // The second question still holds back the second figure's theory.
    expect(await page.getAttribute('[data-testid=lesson-figure-1]', 'data-theory')).toBe('hidden');
    expect(await legend(1)).not.toContain('theory');
    await page.screenshot({ path: `${SHOTS}/lesson-predict.png`, fullPage: true });

    await page.fill('#predict-1', '0.6');
    await page.click('[data-testid=prompt-1] [data-control=lock]');
    await page.waitForSelector('[data-testid=checks-summary]', WAIT);
    expect(await page.getAttribute('[data-testid=lesson-figure-1]', 'data-theory')).toBe('shown');
    expect(await page.locator('[data-testid=checks] tr[data-passed=false]').count()).toBe(0);
    await page.close();
  });

  it('logged no console errors and made no request beyond its origin', () => {
    expect(problems).toEqual([]);
  });
});
