/**
 * The training lab end to end in Chromium: a small teacher-task run streams epochs 0, 1, 2 and the shown layer's
 * ESD redraws between them; the run survives switching labs; its URL reproduces the settings and the numbers; a bad
 * URL is repaired with a notice; the default settings (mlp3 on 8,000 digits) show epoch 0 and epoch 1, whose times
 * are recorded (never asserted), and a cancel keeps the epochs done. The phase lab draws a train-grid file. Headless Chromium runs with --disable-gpu, so
 * the worker picks WebAssembly, and the page must say so.
 */
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colouredPixels, metric, open, POLL, record, shoot, WAIT, type E2E } from './context.js';
import { buildApp, DIST, hasChromium, launch, ROOT, serve } from './harness.js';

const SMALL = '?lab=train&model=mlp3&data=teacher&trainSize=1000&batchSize=50&epochs=2&seed=3';

/** The epoch and λ_max of the ESD on screen. */
async function esdState(page: Page): Promise<{ epoch: number; lambdaMax: number; layer: string }> {
  return page.$eval('[data-testid=train-esd]', (el) => ({
    epoch: Number(el.getAttribute('data-epoch')),
    lambdaMax: Number(el.getAttribute('data-lambda-max')),
    layer: el.getAttribute('data-layer') ?? '',
  }));
}

const waitForEpoch = (page: Page, epoch: number) =>
  page.waitForFunction((n) => Number(document.querySelector('[data-testid=train-esd]')?.getAttribute('data-epoch') ?? -1) >= n, epoch, { ...POLL, timeout: 120_000 });
const waitForStatus = (page: Page, status: string) =>
  page.waitForFunction((s) => document.querySelector('[data-testid=train-job]')?.getAttribute('data-status') === s, status, { ...POLL, timeout: 120_000 });

describe.skipIf(!hasChromium)('training lab in headless Chromium', () => {
  const e: E2E = { browser: undefined as never, origin: '', problems: [], timings: {} };
  let server: Server;

  beforeAll(async () => {
    await buildApp();
    ({ origin: e.origin, server } = await serve(DIST));
    e.browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await e.browser?.close();
    server?.close();
  });

  it('trains two epochs of a teacher task, redrawing the ESD each epoch, and keeps the run across labs', async () => {
    const page = await open(e, SMALL);
    await page.click('[data-testid=train-job] [data-control=run]');
    await waitForEpoch(page, 0);
    const first = await esdState(page);
    await waitForStatus(page, 'done');
    const last = await esdState(page);
    expect(first.layer).toBe('fc1.kernel');
    expect(last.epoch).toBe(2);
    // Training moves the weights: the largest eigenvalue of fc1's WᵀW is not what it was at the random start.
    expect(Math.abs(last.lambdaMax - first.lambdaMax)).toBeGreaterThan(1e-6 * first.lambdaMax);
    expect(await colouredPixels(page, '[data-testid=chart-train-esd]')).toBeGreaterThan(100);
    expect(await colouredPixels(page, '[data-testid=chart-train-accuracy]')).toBeGreaterThan(100);
    expect(await page.getAttribute('[data-testid=backend]', 'data-backend')).toBe('wasm');
    expect(await page.textContent('[data-testid=backend]')).toContain('WebAssembly');
    expect(await page.locator('[data-testid=phase-timeline] td[data-phase]').count()).toBe(3 * 3);
    const testAcc = await metric(page, 'test_acc');
    await shoot(page, 'train');

    // Another lab and back: the run is still there, not recomputed.
    await page.click('#tab-spectrum');
    await page.click('#tab-train');
    expect((await esdState(page)).epoch).toBe(2);
    expect(await page.getAttribute('[data-testid=train-job]', 'data-status')).toBe('done');

    // The URL holds the settings: opened elsewhere and trained, it gives the same numbers (same seed, same backend).
    const shared = page.url();
    expect(shared).toContain('trainSize=1000');
    const other = await open(e, shared.slice(e.origin.length + 1));
    expect(await other.inputValue('#train-trainSize')).toBe('1000');
    await other.click('[data-testid=train-job] [data-control=run]');
    await waitForStatus(other, 'done');
    expect(await metric(other, 'test_acc')).toBe(testAcc);
    expect((await esdState(other)).lambdaMax).toBe(last.lambdaMax);
    await other.close();
    await page.close();
  }, 300_000);

  it('repairs a bad URL with a notice', async () => {
    const page = await open(e, '?lab=train&model=nope&trainSize=9500&batchSize=abc&layer=9');
    await page.waitForSelector('[data-testid=notice]', WAIT);
    const notice = await page.textContent('[data-testid=notice]');
    for (const part of ['model="nope"', 'batchSize="abc"', 'layer="9"', 'MNIST has 8000 training digits']) expect(notice).toContain(part);
    expect(page.url()).toContain('trainSize=8000');
    expect(await page.locator('[data-testid=train-job] [data-control=run]').isEnabled()).toBe(true);
    await page.close();
  });

  it('shows epoch 0 and epoch 1 of the default settings, and a cancel keeps the epochs done', async () => {
    const page = await open(e, '?lab=train');
    const start = Date.now();
    await page.click('[data-testid=train-job] [data-control=run]');
    await waitForEpoch(page, 0);
    const epoch0 = (Date.now() - start) / 1000;
    await waitForEpoch(page, 1);
    const epoch1 = (Date.now() - start) / 1000;
    record(e, 'training lab, default settings (mlp3, 8000 digits, batch 32): seconds from train to epoch 0 and to epoch 1 drawn', { epoch0, epoch1 });
    const clicked = Date.now();
    await page.click('[data-testid=train-job] [data-control=cancel]');
    await waitForStatus(page, 'cancelled');
    record(e, 'training lab: cancel click to cancelled (s)', (Date.now() - clicked) / 1000);
    const kept = await esdState(page);
    expect(kept.epoch).toBeGreaterThanOrEqual(1);
    expect(await page.textContent('[data-testid=status]')).toContain('the epochs done are kept');
    // Nothing more arrives after the cancel.
    await page.waitForTimeout(1500);
    expect((await esdState(page)).epoch).toBe(kept.epoch);
    await page.close();
  }, 300_000);

  it('phase lab: draws a vsdl train-grid file as a real network\'s phase diagram, and says why a bad file is refused', async () => {
    const page = await open(e, '?lab=phase');
    const input = page.locator('[data-control=train-grid-file]');
    await input.setInputFiles(join(ROOT, 'test/fixtures/train-grid-small.json'));
    await page.waitForSelector('[data-testid=train-grid-summary]', WAIT);
    expect(await page.textContent('[data-testid=train-grid-summary]')).toContain('mlp3 on teacher');
    expect(await page.locator('[data-testid=train-grid] table.grid td[data-phase]').count()).toBe(4);
    await page.locator('[data-testid=train-grid]').scrollIntoViewIfNeeded();
    await shoot(page, 'phase-train-grid');
    await input.setInputFiles({ name: 'sweep.json', mimeType: 'application/json', buffer: Buffer.from('{"kind": "sweep"}') });
    await page.waitForSelector('[data-testid=train-grid-error]', WAIT);
    expect(await page.textContent('[data-testid=train-grid-error]')).toContain('cannot read the train-grid file: its kind is "sweep"');
    await page.close();
  });

  it('logged no console errors and made no request beyond its origin', () => {
    expect(e.problems).toEqual([]);
  });
});
