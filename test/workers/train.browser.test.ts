import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodePlatform } from '../../src/cli/train/platform.js';
import { train, type TrainParams, type TrainRecord } from '../../src/core/train/index.js';
import { CHROMIUM, hasChromium, launch } from '../e2e/harness.js';

/**
 * The training engine in a web worker of headless Chromium (WebAssembly backend: Chromium's WebGL here is a
 * software renderer): it streams every epoch with each layer's spectrum, gives the record Node gives for the
 * same seed, stops on a cancel keeping the epochs done, and notebook 09 passes its checks in the
 * lessons worker. Timings are printed, never asserted. Skipped without Chromium.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SMALL: Partial<TrainParams> = { model: 'mlp3', data: 'mnist', trainSize: 500, testSize: 200, batchSize: 50, epochs: 2, seed: 3 };
/** Paths where two JSON values differ, with the difference of numbers in units of the last place. */
function compare(a: unknown, b: unknown, path: string): { path: string; ulps: number }[] {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return [];
    const ulp = Math.abs(Math.max(Math.abs(a), Math.abs(b))) * Number.EPSILON || Number.MIN_VALUE;
    return [{ path, ulps: Math.abs(a - b) / ulp }];
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => compare((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return a === b ? [] : [{ path, ulps: Infinity }];
}

type Api = { vsdlTrain: { run: Function; cancel: Function; lesson: Function } };

describe.skipIf(!hasChromium)(`training in a web worker (${CHROMIUM})`, () => {
  let out = '';
  let server: Server;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'vsdl-train-page-'));
    const { build } = await import('vite');
    await build({
      configFile: false,
      root: ROOT,
      logLevel: 'warn',
      base: './',
      resolve: { alias: [{ find: /^vsdl-lab$/, replacement: join(ROOT, 'src/index.ts') }] },
      worker: { format: 'es' },
      build: { outDir: out, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 5000, rollupOptions: { input: join(ROOT, 'test/workers/browser/index.html') } },
    });
    server = createServer(async (req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const file = normalize(join(out, path));
      if (!file.startsWith(out)) return void res.writeHead(403).end();
      const type = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' }[extname(file)] ?? 'application/octet-stream';
      const body = await readFile(file).catch(() => null);
      if (body) res.writeHead(200, { 'content-type': type }).end(body);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    browser = await launch();
    page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('request', (r) => !r.url().startsWith(`http://127.0.0.1:${port}/`) && !r.url().startsWith('blob:') && !r.url().startsWith('data:') && problems.push(`request outside the origin: ${r.url()}`));
    await page.goto(`http://127.0.0.1:${port}/test/workers/browser/index.html`);
    await page.waitForFunction(() => 'vsdlTrain' in globalThis, undefined, { timeout: 30_000 });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('streams every epoch with the spectra and gives the record Node gives for the same seed', async () => {
    const { record, updates, ms } = (await page.evaluate((p) => (globalThis as unknown as Api).vsdlTrain.run(p), SMALL)) as { record: TrainRecord; updates: { epoch: number; ms: number; backend: string; spectra: [string, number, number][] }[]; ms: number };
    console.info(`browser: ${SMALL.trainSize} digits × ${SMALL.epochs} epochs in ${(ms / 1000).toFixed(1)} s; epochs arrived at ${updates.map((u) => `${(u.ms / 1000).toFixed(1)} s`).join(', ')}`);
    expect(updates.map((u) => u.epoch)).toEqual([0, 1, 2]);
    expect(updates[0].backend).toBe('wasm');
    expect(updates[0].spectra.map(([name, n]) => [name, n])).toEqual([['fc1.kernel', 300], ['fc2.kernel', 100], ['fc3.kernel', 10]]);
    expect(updates[2].spectra[0][2]).toBeCloseTo(record.epochs[2].layers[0].lambda_max!, 6);
    expect(record.status).toBe('complete');
    await nodePlatform('wasm').ready();
    const mnist = await nodePlatform('wasm').mnist();
    const node = (await train(SMALL, { mnist })).record;
    // The same WebAssembly kernels: training is bit-identical. The analysis calls Math.log, atan and friends, which
    // this Chromium's V8 and Node's may round differently in the last bit; sums and maxima of them (the MP fit's KS
    // distance) then differ by a few hundred ulps at most: the records agree to 1e-12 relative.
    const differences = compare(JSON.parse(JSON.stringify(record)), JSON.parse(JSON.stringify(node)), '');
    expect(differences.filter((d) => d.ulps > 1e-12 / Number.EPSILON)).toEqual([]);
    for (const e of record.epochs.keys()) {
      const [a, b] = [record.epochs[e], node.epochs[e]];
      expect([a.train_loss, a.train_acc, a.test_loss, a.test_acc]).toEqual([b.train_loss, b.train_acc, b.test_loss, b.test_acc]);
      expect(a.layers.map((l) => l.phase)).toEqual(b.layers.map((l) => l.phase));
    }
  });

  it('stops on a cancel and keeps the epochs done', async () => {
    const params = { model: 'mlp3', data: 'mnist', trainSize: 2000, testSize: 500, epochs: 5 };
    const { record, stopMs, arrived } = (await page.evaluate((p) => (globalThis as unknown as Api).vsdlTrain.cancel(p, 1), params)) as { record: TrainRecord; stopMs: number; arrived: number[] };
    // Timings are measured, not asserted: the engine yields every 25 ms, so a cancel is heard within a step.
    console.info(`browser: epoch 0 after ${(arrived[0] / 1000).toFixed(1)} s, epoch 1 after ${(arrived[1] / 1000).toFixed(1)} s; cancelled during epoch 2, stopped after ${stopMs.toFixed(0)} ms`);
    expect(record.status).toBe('interrupted');
    expect(record.epochs.map((e) => e.epoch)).toEqual([0, 1]);
  });

  it('runs lesson 09 in the lessons worker, every check passing', async () => {
    const run = (await page.evaluate(() => (globalThis as unknown as Api).vsdlTrain.lesson('09'))) as { checks: { name: string; passed: boolean }[]; figures: number; answers: number[]; millis: number };
    console.info(`browser: lesson 09 in ${(run.millis / 1000).toFixed(1)} s`);
    expect(run.checks.filter((c) => !c.passed)).toEqual([]);
    expect(run.figures).toBe(6);
    expect(run.answers.every(Number.isFinite)).toBe(true);
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
