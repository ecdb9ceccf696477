/**
 * The four labs and the lessons, each computing and drawing in Chromium: a shared URL reproduces the numbers, a bad
 * URL opens on defaults with a notice, exports carry their provenance, an uploaded .npy is fitted, a lesson runs in
 * its worker. Timings (slider → redrawn spectrum; the phase lab's 16×16 Monte Carlo grid: first painted cell, whole
 * grid, longest main-thread task) are printed and saved, never asserted.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { generate } from '../../src/core/ensembles/index.js';
import { writeNpy } from '../../src/io/index.js';
import { colouredPixels, metric, open, POLL, record, shoot, WAIT, type E2E } from './context.js';
import { DIST, serve } from './harness.js';

export function labTests(e: E2E): void {
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
    const page = await open(e, '?lab=spectrum&n=2000&q=2&seed=7&ensemble=spiked&spikes=2,5', { width: 1280, height: 800 });
    const first = await spectrumNumbers(page);
    expect(Number(first.alpha)).toBeGreaterThan(1);
    expect(await colouredPixels(page, '[data-testid=chart-spectrum-linear]')).toBeGreaterThan(500);
    expect(await colouredPixels(page, '[data-testid=chart-spectrum-loglog]')).toBeGreaterThan(200);
    expect(await page.textContent('[data-testid=status]')).toContain('M = 1000');
    // Every marker (λ±, BBP 2 and 5, TW₁ 90 %, xmin) is named under the chart, whether or not its label fits above.
    const markers = await page.textContent('[data-testid=chart-spectrum-linear] + ul');
    for (const name of ['λ−', 'λ+', 'BBP 2', 'BBP 5', 'TW₁ 90 %', 'xmin']) expect(markers).toContain(name);
    await shoot(page, 'spectrum');
    await page.setViewportSize({ width: 1400, height: 1000 });

    // Slider by keyboard: each arrow press is a live change; the same draw is rescaled (σ only).
    await page.click('summary:has-text("more")');
    const slider = page.locator('[data-control=sigma] input[type=range]');
    await slider.focus();
    const sigmaTimes: number[] = [];
    for (let i = 0; i < 5; i++) sigmaTimes.push(await redrawMs(page, () => page.keyboard.press('ArrowRight')));
    // A full redraw at M = 1000: new seed → new W, spectrum and fits.
    const drawTimes: number[] = [];
    for (let i = 0; i < 3; i++) drawTimes.push(await redrawMs(page, () => page.click('[data-control=newdraw]')));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    record(e, 'slider → redrawn spectrum at M = 1000 (headless Chromium)', { sigmaSliderMedianMs: median(sigmaTimes), newDrawMedianMs: median(drawTimes), sigmaTimes, drawTimes });

    // The URL now holds the new state: opening it elsewhere gives the same numbers.
    await page.waitForFunction(() => !document.querySelector('[data-testid=status]')?.textContent?.includes('computing'), null, POLL);
    const shared = page.url();
    const now = await spectrumNumbers(page);
    const other = await open(e, shared.slice(e.origin.length + 1));
    expect(await spectrumNumbers(other)).toEqual(now);
    expect(other.url()).toBe(shared);

    // Exports: CSV with provenance comments, a PNG of the canvas, an SVG written from the data, an .npz of it all.
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
    const [npz] = await Promise.all([other.waitForEvent('download'), other.click('[data-control=export] >> text=.npz >> nth=0')]);
    expect(npz.suggestedFilename()).toBe('spectrum-linear.npz');
    expect(readFileSync((await npz.path())!).subarray(0, 2).toString()).toBe('PK');
    await other.close();
    await page.close();
  });

  it('a bad URL opens on defaults with a visible notice, never a blank page', async () => {
    const page = await open(e, '?lab=spectrum&n=abc&q=-1&ensemble=nope&hide=sigma,zap');
    await page.waitForSelector('[data-testid=notice]', WAIT);
    const notice = await page.textContent('[data-testid=notice]');
    for (const part of ['n="abc"', 'q="-1"', 'ensemble="nope"', 'zap']) expect(notice).toContain(part);
    await spectrumNumbers(page);
    expect(await page.locator('[data-control=sigma]').count()).toBe(0);
    expect(await colouredPixels(page, '[data-testid=chart-spectrum-linear]')).toBeGreaterThan(500);
    expect(page.url()).toContain('n=1000');
    await page.close();
  });

  it('spectrum lab: on a cross-origin isolated page the eigenvalues run on worker threads, with the same numbers', async () => {
    const isolated = await serve(DIST, { isolated: true });
    try {
      const query = '?lab=spectrum&n=2000&q=2&seed=11';
      const plain = await open(e, query);
      const want = await spectrumNumbers(plain);
      expect(await plain.evaluate(() => crossOriginIsolated)).toBe(false);
      expect(await plain.textContent('[data-testid=status]')).not.toMatch(/threads/);
      await plain.close();
      const page = await open({ ...e, origin: isolated.origin }, query);
      expect(await spectrumNumbers(page)).toEqual(want);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      if (cores > 1) expect(await page.textContent('[data-testid=status]')).toContain(`on ${cores} threads`);
      await page.close();
    } finally {
      isolated.server.close();
    }
  });

  it('edge lab: Gaussian λ_max against TW1 at every offered size, heavy tails against Fréchet, results kept across tabs', async () => {
    const page = await open(e, '?lab=edge&n=2000&q=2&draws=300', { width: 1280, height: 800 });
    await page.waitForSelector('[data-testid=chart-edge-tw] canvas', WAIT);
    expect(await colouredPixels(page, '[data-testid=chart-edge-tw]')).toBeGreaterThan(500);
    await shoot(page, 'edge');
    // A result survives switching to another lab and back: it is there at once, and nothing runs again.
    const mean = await metric(page, 'mean');
    await page.click('#tab-fitter');
    await page.waitForSelector('[data-testid=chart-fitter] canvas', WAIT);
    await page.click('#tab-edge');
    expect(await metric(page, 'mean')).toBe(mean);
    expect(await page.getAttribute('[data-testid=edge-job]', 'data-status')).toBe('done');
    await page.close();

    // The largest N the slider offers: the Laguerre model needs no W (this size once failed: "W would need 80 GB").
    const huge = await open(e, '?lab=edge&n=100000&q=1&draws=20');
    await huge.waitForSelector('[data-testid=chart-edge-tw] canvas', WAIT);
    expect(await huge.textContent('[data-testid=status]')).toContain('M = 100000');
    expect(await huge.locator('[data-testid=error]').count()).toBe(0);
    await huge.close();

    const heavy = await open(e, '?lab=edge&ensemble=heavy-tailed&mu=3&n=100&draws=80');
    await heavy.waitForSelector('[data-testid=chart-edge-frechet] canvas', WAIT);
    expect(await colouredPixels(heavy, '[data-testid=chart-edge-frechet]')).toBeGreaterThan(500);
    await heavy.close();
  });

  it('fitter lab: a ground-truth batch, its complete exports, and uploaded files fitted', async () => {
    const page = await open(e, '?lab=fitter&n=200&mus=1,2,3&reps=2', { width: 1280, height: 800 });
    await page.waitForSelector('[data-metric=alpha-0]', WAIT);
    expect(await colouredPixels(page, '[data-testid=chart-fitter]')).toBeGreaterThan(50);
    // The summary exports every array it shows, not only μ.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-control=export] >> text=CSV >> nth=0')]);
    const summary = readFileSync((await csv.path())!, 'utf8');
    expect(summary).toMatch(/^mu,alpha_hat,alpha_sd,fit_sigma,alpha_theory,alpha_calibrated,alpha_calibrated_low,alpha_calibrated_high$/m);
    // The y axis reaches every error bar's ends (α̂ ± sd), not only the points.
    const rows = summary.trim().split('\n').filter((l) => /^[0-9]/.test(l)).map((l) => l.split(',').map(Number));
    const [yLow, yHigh] = ((await page.getAttribute('[data-testid=chart-fitter]', 'data-y-range')) ?? '').split('|').map(Number);
    for (const [, alpha, sd] of rows) {
      if (!Number.isFinite(alpha) || !Number.isFinite(sd)) continue;
      expect(yLow).toBeLessThanOrEqual(alpha - sd);
      expect(yHigh).toBeGreaterThanOrEqual(alpha + sd);
    }
    const [draws] = await Promise.all([page.waitForEvent('download'), page.click('[data-control=export] >> text=CSV >> nth=1')]);
    expect(draws.suggestedFilename()).toBe('fitter-draws.csv');
    expect(readFileSync((await draws.path())!, 'utf8').trim().split('\n').filter((l) => !l.startsWith('#'))).toHaveLength(1 + 6);
    const { W } = generate({ ensemble: 'pareto', n: 300, m: 150, mu: 1.5, seed: 11 });
    await page.setInputFiles('[data-testid=npy-input]', { name: 'W.npy', mimeType: 'application/octet-stream', buffer: Buffer.from(writeNpy({ data: W.data, shape: [300, 150] })) });
    await page.waitForSelector('[data-testid=upload-result]', WAIT);
    expect(Number(await metric(page, 'upload-alpha'))).toBeGreaterThan(1);
    expect(await colouredPixels(page, '[data-testid=chart-upload]')).toBeGreaterThan(50);
    await shoot(page, 'fitter');
    // A vector of eigenvalues gets its MP fit and phase once Q is given.
    const eigenvalues = Float64Array.from({ length: 150 }, (_, i) => 0.1 + (2.8 * i) / 149);
    await page.setInputFiles('[data-testid=npy-input]', { name: 'eig.npy', mimeType: 'application/octet-stream', buffer: Buffer.from(writeNpy({ data: eigenvalues, shape: [150] })) });
    await page.waitForFunction(() => document.querySelector('[data-testid=upload-result]')?.textContent?.includes('give Q'), null, POLL);
    await page.fill('[data-testid=upload-q]', '2');
    await page.press('[data-testid=upload-q]', 'Tab');
    await page.waitForFunction(() => document.querySelector('[data-testid=upload-result]')?.textContent?.includes('N = 300, M = 150'), null, POLL);
    await page.setInputFiles('[data-testid=npy-input]', { name: 'broken.npy', mimeType: 'application/octet-stream', buffer: Buffer.from('not a numpy file') });
    await page.waitForSelector('[data-testid=upload-error]', WAIT);
    expect(await page.textContent('[data-testid=upload-error]')).toMatch(/broken\.npy/);
    await page.close();
  });

  it('phase lab: theory heatmap streams in, Monte Carlo cells arrive, open their details, export with errors, and survive a tab switch', async () => {
    const page = await open(e, '?lab=phase&alphaSteps=10&tauSteps=4&mcN=20&mcAlphaSteps=2&mcTauSteps=2&sweeps=60', { width: 1280, height: 800 });
    await page.waitForFunction(() => document.querySelector('[data-testid=phase-status]')?.textContent?.includes('theory rows 4 / 4'), null, POLL);
    expect(await colouredPixels(page, '[data-testid=heatmap]')).toBeGreaterThan(5000);
    await page.click('text=run Monte Carlo');
    await page.waitForFunction(() => document.querySelector('[data-metric=mc-cells]')?.textContent === '4' || document.querySelector('[data-testid=error]'), null, POLL);
    expect(await page.locator('[data-testid=error]').allTextContents()).toEqual([]);
    await page.click('.cells button >> nth=0');
    await page.waitForSelector('[data-testid=cell-details]', WAIT);
    expect(Number(await metric(page, 'sim-eps_g'))).toBeGreaterThanOrEqual(0);
    expect(await page.textContent('[data-testid=cell-details]')).toContain('ε_g');
    await shoot(page, 'phase');
    // The Monte Carlo cells export with their standard errors beside the theory.
    const [cells] = await Promise.all([page.waitForEvent('download'), page.click('[data-control=export] >> text=CSV >> nth=1')]);
    expect(cells.suggestedFilename()).toBe('phase-monte-carlo.csv');
    expect(readFileSync((await cells.path())!, 'utf8')).toMatch(/^alpha,tau,p,eps_g,eps_g_se,eps_g_theory,R,R_se,/m);
    const [grid] = await Promise.all([page.waitForEvent('download'), page.click('[data-control=export] >> text=.npz >> nth=0')]);
    expect(grid.suggestedFilename()).toBe('phase-theory.npz');
    // Another lab and back: the cells are there at once, and the Monte Carlo did not run again.
    await page.click('#tab-spectrum');
    await page.waitForSelector('[data-testid=chart-spectrum-linear] canvas', WAIT);
    await page.click('#tab-phase');
    expect(await metric(page, 'mc-cells')).toBe('4');
    expect(await page.getAttribute('[data-testid=mc-job]', 'data-status')).toBe('done');
    await page.close();
  });

  it('phase lab, layer map: the 5+1 phase per cell with the predicted phase, the BBP boundary and a legend', async () => {
    const page = await open(e, '?lab=phase&mode=layer&teacher=spiked&layerSpikes=5,10&layerK=20&layerN=40&layerAlphaSteps=4&layerTauSteps=3&sweeps=100', { width: 1280, height: 800 });
    await page.click('text=run layer map');
    await page.waitForFunction(() => document.querySelector('[data-metric=layer-cells]')?.textContent === '12' || document.querySelector('[data-testid=error]'), null, POLL);
    expect(await page.locator('[data-testid=error]').allTextContents()).toEqual([]);
    expect(await colouredPixels(page, '[data-testid=heatmap]')).toBeGreaterThan(5000);
    const legend = await page.textContent('[data-testid=phase-legend]');
    for (const phase of ['random-like', 'bleeding-out', 'bulk+spikes', 'bulk-decay', 'heavy-tailed', 'rank-collapse', 'BBP ℓ = 5']) expect(legend).toContain(phase);
    // Hover a tile (the top-right cell: largest α, largest τ) for simulation against theory.
    const box = (await page.locator('[data-testid=heatmap]').boundingBox())!;
    await page.mouse.move(box.x + box.width - 90, box.y + 40);
    await page.waitForSelector('[data-testid=layer-cell-details]', WAIT);
    expect(await metric(page, 'layer-predicted')).toMatch(/random-like|bleeding-out|bulk\+spikes|bulk-decay|heavy-tailed|rank-collapse/);
    expect(Number((await metric(page, 'layer-R'))!.split(' ')[0])).toBeGreaterThan(0);
    await shoot(page, 'phase-layer');
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
    const page = await open(e, '?lab=phase&alphaSteps=8&tauSteps=4&alphaMax=2&mcN=100&mcAlphaSteps=16&mcTauSteps=16&samples=1&sweeps=50');
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
    const result = { grid: '16x16', n: 100, alphaMax: 2, tauMax: 1, samples: 1, sweeps: '50 + 50', longtaskSupported: supported, ...perf, cores: await page.evaluate(() => navigator.hardwareConcurrency) };
    record(e, 'phase lab Monte Carlo (headless Chromium)', result);
    expect(perf.firstCellMs).not.toBeNull();
    await page.close();
  }, 660_000);

  it('lessons: a lesson runs in its worker, draws its figures, passes its checks and exports them', async () => {
    const page = await open(e, '?lab=lesson');
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
    // Exports: the table and the checks as the CLI writes them, and each figure.
    const [table] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=lesson-export] >> text=table CSV')]);
    expect(table.suggestedFilename()).toBe('01-marchenko-pastur-table.csv');
    expect(readFileSync((await table.path())!, 'utf8')).toMatch(/^# seed: 1$/m);
    const [figure] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=lesson-figure-0] [data-control=export] >> text=SVG')]);
    expect(figure.suggestedFilename()).toBe('01-marchenko-pastur-figure-1.svg');
    await page.close();
  });
}
