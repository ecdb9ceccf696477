/**
 * End to end, the landscape lab: builds the app (into a folder of its own), serves it on 127.0.0.1 and drives
 * Debian's Chromium headless. The lab must compute and draw; its numbers must be the core's in Node for the same
 * parameters (the enumeration shared among web workers included), and a shared URL must reproduce them; a long
 * run must ask first and stop on cancel; a bad URL must open a repaired lab with a notice; the page must work from
 * the keyboard and never scroll sideways on a phone; lesson 14 must link to it. The time of 1000 quenches at
 * N = 200 is printed and saved, never asserted.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { landscapeRecord, runLandscape, type LandscapeRecord } from '../../src/core/landscape/index.js';
import { labDefaults, landscapeLaws, landscapeOptions, type LandscapeRequest } from '../../src/labs/index.js';
import { colouredPixels, open as openPage, record, shoot, sidewaysOverflow, type E2E } from './context.js';
import { buildApp, hasChromium, launch, serve } from './harness.js';

const WAIT = { timeout: 60_000 };
// waitForFunction polls on animation frames by default, which a page that paints nothing new may not produce.
const POLL = { timeout: 120_000, polling: 100 };

describe.skipIf(!hasChromium)('landscape lab in headless Chromium', () => {
  let server: Server;
  let dist = '';
  // The browser and origin are set once the app is served; every page's problems are collected here.
  const e: E2E = { browser: undefined as never, origin: '', problems: [], timings: {} };

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'vsdl-landscape-ui-'));
    await buildApp(dist);
    ({ origin: e.origin, server } = await serve(dist));
    e.browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await e.browser?.close();
    server?.close();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  const open = (query: string, viewport?: { width: number; height: number }): Promise<Page> => openPage(e, query, viewport);

  /** Waits for a run to end: its time on screen, or an error. */
  async function finished(page: Page): Promise<void> {
    await page.waitForFunction(() => document.querySelector('[data-metric=worker-seconds]') || document.querySelector('[data-testid=error]'), null, POLL);
    expect(await page.locator('[data-testid=error]').allTextContents()).toEqual([]);
  }

  const table = (page: Page) => page.$$eval('[data-testid=landscape-summary] td[data-metric]', (cells) => Object.fromEntries(cells.map((c) => [c.getAttribute('data-metric'), c.textContent])));

  async function download(page: Page, selector: string): Promise<{ name: string; text: string }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
  }

  it('computes and draws; its numbers are the core’s in Node, and a shared URL reproduces them', async () => {
    // N = 30 is above what the lab worker enumerates alone: the ground states come from web workers.
    const query = '?lab=landscape&couplings=pareto&mu=1.5&compare=1&n=30&instances=2&method=enumerate&quenches=100&rule=greedy&sizes=16,32&seed=3';
    const page = await open(query);
    await finished(page);
    for (const chart of ['gaps', 'scatter', 'widths', 'spectrum']) expect(await colouredPixels(page, `[data-testid=landscape-${chart}]`), chart).toBeGreaterThan(200);
    const numbers = await table(page);
    expect(numbers['found-0']).toBe('exact (all 2^29 configurations)');
    expect(numbers['instances-1']).toBe('2');
    await shoot(page, 'landscape');

    // The run as JSON: each law's record is what the core computes in Node for the same parameters. The same
    // minima and ground states; energies to rounding, since the couplings may differ in the last bit (V8 versions
    // round Math.log and Math.pow differently: Node 20 and Chromium 156 disagree on about 7% of logarithms), and an
    // energy sums N(N − 1)/2 of them: 1e-12 relative is a thousand times that rounding at N = 30.
    const run = JSON.parse((await download(page, '[data-testid=landscape-summary] >> text=run JSON')).text) as { laws: (LandscapeRecord & { label: string })[]; enumeration_workers: number; meta: { seed: string; software: unknown; generator: unknown } };
    const request: LandscapeRequest = { ...labDefaults('landscape'), couplings: 'pareto', mu: 1.5, n: 30, instances: 2, quenches: 100, sizes: [16, 32], seed: '3' };
    const close = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) <= 1e-12 * Math.max(1, Math.abs(b[i])));
    for (const [k, law] of landscapeLaws(request).entries()) {
      const node = landscapeRecord(await runLandscape(landscapeOptions(request, law)));
      expect(run.laws[k].versions).toEqual(node.versions);
      run.laws[k].instances.forEach((web, i) => {
        const { ground_state_energy, minima_energies, largest_basins, ...rest } = node.instances[i];
        expect(web).toMatchObject(rest);
        expect(close([web.ground_state_energy, ...web.minima_energies], [ground_state_energy, ...minima_energies]), `${law.label}, instance ${i}`).toBe(true);
        expect(web.largest_basins.map((b) => [b.overlap, b.fraction])).toEqual(largest_basins.map((b) => [b.overlap, b.fraction]));
      });
    }
    expect(run.meta.seed).toBe('3');
    expect(run.meta.software).toBeTruthy();
    expect(run.meta.generator).toBeTruthy();
    console.log(`landscape lab: enumeration at N = 30 on ${run.enumeration_workers} web worker(s)`);

    // The URL holds the state: opened again, the same numbers.
    const again = await open(page.url().slice(e.origin.length + 1));
    await finished(again);
    expect(await table(again)).toEqual(numbers);

    // Exports: a figure's CSV with the seed in its comments, its SVG with the provenance, the table.
    const csv = await download(again, '[data-testid=landscape-gaps] [data-control=export] >> text=CSV');
    expect(csv.name).toBe('landscape-gaps.csv');
    expect(csv.text).toMatch(/^# seed: 3$/m);
    expect(csv.text).toMatch(/^series,x,y,y_err$/m);
    const svg = await download(again, '[data-testid=landscape-scatter] [data-control=export] >> text=SVG');
    expect(svg.text).toMatch(/^<\?xml/);
    expect(svg.text).toContain('<metadata id="provenance">');
    const npy = await download(again, '[data-testid=landscape-spectrum] [data-control=export] >> text=.npy');
    expect(npy.name).toBe('landscape-spectrum.npy');
    const summary = await download(again, '[data-testid=landscape-summary] >> text=table CSV');
    expect(summary.text).toMatch(/^law,ground,ground_se,gap,gap_se/m);
    await again.close();
    await page.close();
  });

  it('asks before a long run, and stops it on cancel; the lab then runs the next one', async () => {
    const page = await open('?lab=landscape&couplings=gaussian&n=36&instances=1&method=enumerate&quenches=50&sizes=&seed=1');
    await page.waitForSelector('[data-testid=landscape-job] [data-testid=confirm-long]', WAIT);
    expect(await page.textContent('[data-testid=landscape-job] [data-testid=confirm-long]')).toMatch(/exact ground states \(2\^35 configurations each/);
    expect(await page.locator('[data-metric=worker-seconds]').count()).toBe(0);
    await page.click('[data-control=confirm]');
    await page.waitForFunction(() => document.querySelector('[data-testid=landscape-status]')?.textContent?.includes('enumerate'), null, POLL);
    // Cancel from the keyboard; the page times the click and the moment it says "cancelled" (recorded).
    await page.evaluate(() => {
      const w = window as unknown as { cancel: { clicked: number; shown: number } };
      w.cancel = { clicked: NaN, shown: NaN };
      document.querySelector('[data-testid=landscape-job] [data-control=cancel]')!.addEventListener('click', () => (w.cancel.clicked = performance.now()), { capture: true, once: true });
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[data-testid=landscape-cancelled]')) return;
        w.cancel.shown = performance.now();
        observer.disconnect();
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.focus('[data-testid=landscape-job] [data-control=cancel]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-testid=landscape-cancelled]', WAIT);
    const cancelMs = await page.evaluate(() => {
      const { clicked, shown } = (window as unknown as { cancel: { clicked: number; shown: number } }).cancel;
      return shown - clicked;
    });
    // The next run goes through on the same worker.
    const next = Date.now();
    await page.fill('#landscape-n', '20');
    await page.press('#landscape-n', 'Tab');
    await finished(page);
    expect(await page.textContent('[data-testid=landscape-status]')).toContain('N = 20');
    record(e, 'landscape lab: cancel (click to "cancelled" on screen, ms) and the next run (N = 20, ms)', { cancelMs, nextRunMs: Date.now() - next });
    await page.close();
  });

  it('opens a bad URL repaired, with a notice, and asks before the repaired run if it is long', async () => {
    const page = await open('?lab=landscape&couplings=cauchy&mu=abc&n=40&instances=100&quenches=5000&sizes=8,x&zap=1');
    await page.waitForSelector('[data-testid=notice]', WAIT);
    const notice = await page.textContent('[data-testid=notice]');
    for (const part of ['couplings="cauchy"', 'mu="abc"', 'sizes="8,x"', '"zap"', 'N reduced to 36', 'quenches reduced to 1000']) expect(notice).toContain(part);
    const url = new URL(page.url());
    expect(Object.fromEntries(['couplings', 'mu', 'n', 'quenches', 'sizes'].map((k) => [k, url.searchParams.get(k)]))).toEqual({ couplings: 'pareto', mu: '1.5', n: '36', quenches: '1000', sizes: '16,32,64,128' });
    await page.waitForSelector('[data-testid=landscape-job] [data-testid=confirm-long]', WAIT);
    await page.close();
  });

  it('works from the keyboard and never scrolls sideways on a phone', async () => {
    const page = await open('?lab=landscape&n=16&instances=4&quenches=100&sizes=16,32&seed=2', { width: 390, height: 844 });
    await finished(page);
    // A slider answers the arrow keys, commits and reruns.
    await page.focus('[data-control=n] input[type=range]');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-testid=landscape-status]')?.textContent?.includes('N = 17') && document.querySelector('[data-metric=worker-seconds]'), null, POLL);
    expect(new URL(page.url()).searchParams.get('n')).toBe('17');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shoot(page, 'landscape-phone');
    await page.close();
  });

  it('is linked from lesson 14 with the notebook’s parameters', async () => {
    const page = await open('?lab=lesson&lesson=14');
    await page.waitForSelector('[data-lab-link=landscape]', WAIT);
    const href = (await page.getAttribute('[data-lab-link=landscape] >> nth=0', 'href'))!;
    expect(href).toContain('lab=landscape');
    expect(href).toContain('n=20');
    await page.close();
  });

  it('performance: 1000 quenches at N = 200 (recorded, not asserted)', async () => {
    const page = await open('?lab=landscape&couplings=gaussian&n=200&instances=1&method=quench&quenches=1000&sizes=&seed=1');
    await finished(page);
    await page.waitForFunction(() => performance.getEntriesByName('landscape:run').length > 0, null, POLL);
    const pageMs = await page.evaluate(() => performance.getEntriesByName('landscape:run').at(-1)!.duration);
    const run = JSON.parse((await download(page, '[data-testid=landscape-summary] >> text=run JSON')).text) as { millis: { runs: number[]; spectra: number; total: number } };
    const timing = { n: 200, quenches: 1000, rule: 'greedy', quenchMs: run.millis.runs[0], spectrumMs: run.millis.spectra, workerMs: run.millis.total, pageMs, cores: await page.evaluate(() => navigator.hardwareConcurrency), date: new Date().toISOString() };
    record(e, 'landscape lab, 1000 quenches at N = 200 (headless Chromium)', timing);
    expect(run.millis.runs[0]).toBeGreaterThan(0);
    await page.close();
  }, 180_000);

  it('logged no console errors and made no request beyond its origin', () => {
    expect(e.problems).toEqual([]);
  });
});
