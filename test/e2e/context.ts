/**
 * What the end-to-end groups share: the served app, a way to open a page that records every console error, page
 * error and request beyond the origin, and the probes the groups read the page with.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, launch, serve, SCREENSHOTS } from './harness.js';

export const WAIT = { timeout: 45_000 };
// waitForFunction polls on animation frames by default, which a page that paints nothing new may not produce.
export const POLL = { timeout: 45_000, polling: 100 };

export interface E2E {
  browser: Browser;
  origin: string;
  /** Console errors, uncaught page errors and foreign requests, from every page: the last test asserts none. */
  problems: string[];
  /** Timings measured along the way (recorded, printed, never asserted). */
  timings: Record<string, unknown>;
}

/**
 * For a describe block of a file of its own: the app built into a temporary folder (so the file can run beside the
 * other end-to-end files), served, and a browser, all gone after the block.
 */
export function ownApp(prefix: string): E2E {
  const e: E2E = { browser: undefined as never, origin: '', problems: [], timings: {} };
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let server: Server | undefined;
  beforeAll(async () => {
    await buildApp(dir);
    ({ origin: e.origin, server } = await serve(dir));
    e.browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await e.browser?.close();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return e;
}

export async function open(e: E2E, query: string, viewport = { width: 1400, height: 1000 }): Promise<Page> {
  const page = await e.browser.newPage({ viewport });
  page.on('console', (m) => {
    if (m.type() === 'error') e.problems.push(`console error on ${query}: ${m.text()}`);
  });
  page.on('pageerror', (err) => e.problems.push(`page error on ${query}: ${err.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(e.origin) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) e.problems.push(`request outside the origin: ${r.url()}`);
  });
  await page.goto(`${e.origin}/${query}`);
  return page;
}

/** A screenshot of what is in view (the README's pictures stay small: no full-page captures). */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

export function record(e: E2E, name: string, value: unknown): void {
  e.timings[name] = value;
  console.log(`${name}:`, JSON.stringify(value));
  mkdirSync('/tmp/ui-shots', { recursive: true });
  writeFileSync('/tmp/ui-shots/timings.json', JSON.stringify(e.timings, null, 2));
}

/** Pixels with colour (series, fills, heatmap): axes, grid and text are grey or black. */
export function colouredPixels(page: Page, selector: string): Promise<number> {
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

export const metric = (page: Page, name: string) => page.textContent(`[data-metric="${name}"]`);

/** Types into a control's text box and leaves it, which commits the value (a change event). */
export async function setControl(page: Page, id: string, value: string): Promise<void> {
  await page.fill(`#${id}`, value);
  await page.press(`#${id}`, 'Tab');
}

/** Whether the page is wider than its viewport (a phone must never scroll sideways). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
