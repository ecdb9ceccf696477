/**
 * End to end, the fitter lab's model files in headless Chromium: a safetensors file picked through the file input
 * gives the table `vsdl analyze` gives (the same α, computed here by analyzeModel), a chosen layer draws its ESD,
 * a TF.js model.json comes with its shards in one selection, and a malformed file gives the reader's message.
 * The app is built into a folder of its own, so this file can run beside the other end-to-end files.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/core/analyze/index.js';
import { createStream, fillNormal } from '../../src/core/random/index.js';
import { safetensorsModel, writeSafetensors } from '../../src/io/index.js';
import { fmt } from '../../src/ui/labs/format.js';
import { modelFixture } from '../io/modelFixtures.js';
import { colouredPixels, open, ownApp, POLL, record, shoot, WAIT } from './context.js';
import { hasChromium } from './harness.js';

const upload = (name: string, ...parts: string[]) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(modelFixture(...parts)) });

describe.skipIf(!hasChromium)('fitter lab: model files in headless Chromium', () => {
  const e = ownApp('vsdl-e2e-models-');

  it('analyses a safetensors file layer by layer, draws the chosen layer, reads TF.js with its shards, and refuses a broken file', async () => {
    const page = await open(e, '?lab=fitter');
    const started = performance.now();
    await page.setInputFiles('[data-testid=model-input]', upload('model.safetensors', 'model.safetensors'));
    await page.waitForSelector('[data-testid=model-table]', WAIT);
    record(e, 'fitter-models: file picked to table shown (ms)', Math.round(performance.now() - started));
    const direct = analyzeModel(safetensorsModel(modelFixture('model.safetensors'), 'model.safetensors').tensors);
    const rows = page.locator('[data-testid=model-table] tbody tr');
    expect(await rows.count()).toBe(direct.layers.length);
    expect(await page.locator('[data-testid=model-table] [data-metric=alpha]').allTextContents()).toEqual(direct.layers.map((l) => fmt(l.alpha)));
    expect(await page.locator('[data-testid=model-table] [data-metric=phase]').allTextContents()).toEqual(direct.layers.map((l) => l.phase ?? '—'));
    expect(await page.textContent('[data-testid=model-skipped]')).toContain('bn.num_batches_tracked');

    // Choose the second layer: the chart redraws with its ESD, fits and MP law.
    await page.selectOption('[data-testid=model-layer]', '1');
    await page.waitForSelector('[data-testid=model-table] tr.chosen[data-layer="fc1.weight"]', WAIT);
    await page.waitForFunction(() => (document.querySelector('[data-testid=chart-model-layer] canvas') as HTMLCanvasElement | null)?.width, null, POLL);
    expect(await colouredPixels(page, '[data-testid=chart-model-layer]')).toBeGreaterThan(50);
    await page.locator('[data-testid=model-files]').scrollIntoViewIfNeeded();
    await shoot(page, 'fitter-models');

    // The table's export names the source file.
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-control=export-json]')]);
    expect(json.suggestedFilename()).toBe('model-layers.json');
    // The browser's numbers are Node's up to the last bits: Chromium's V8 and Node's may round a transcendental
    // function (log, pow) differently in the last place, so each number is compared to 1e-12 relative.
    const exported: Record<string, unknown>[] = JSON.parse(readFileSync((await json.path())!, 'utf8')).layers;
    let worst = 0;
    exported.forEach((layer, i) => {
      const want = JSON.parse(JSON.stringify(direct.layers[i])) as Record<string, unknown>;
      expect(Object.keys(layer).sort()).toEqual(Object.keys(want).sort());
      for (const [key, value] of Object.entries(want)) {
        if (typeof value === 'number' && typeof layer[key] === 'number') worst = Math.max(worst, Math.abs((layer[key] as number) - value) / Math.max(Math.abs(value), 1e-300));
        else expect(layer[key], key).toEqual(value);
      }
    });
    record(e, 'fitter-models: largest relative difference from Node', worst);
    expect(worst).toBeLessThan(1e-12);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-control=export-csv]')]);
    expect(csv.suggestedFilename()).toBe('model-layers.csv');
    expect(readFileSync((await csv.path())!, 'utf8')).toMatch(/^# source: model\.safetensors$/m);

    // A TF.js model: model.json and its three shards in one selection.
    const shards = ['group1-shard1of2.bin', 'group1-shard2of2.bin', 'group2-shard1of1.bin'];
    await page.setInputFiles('[data-testid=model-input]', [upload('model.json', 'tfjs', 'model.json'), ...shards.map((s) => upload(s, 'tfjs', s))]);
    await page.waitForSelector('[data-testid=model-table] tr[data-layer="fc1/kernel"]', WAIT);

    // A file whose header says more than it holds: the reader's message, no table.
    const bytes = modelFixture('model.safetensors');
    await page.setInputFiles('[data-testid=model-input]', { name: 'broken.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes.subarray(0, 200)) });
    await page.waitForSelector('[data-testid=model-error]', WAIT);
    expect(await page.textContent('[data-testid=model-error]')).toMatch(/^cannot read broken\.safetensors: /);
    expect(await page.locator('[data-testid=model-table]').count()).toBe(0);
    await page.close();
  }, 180_000);

  it('shows the layer and an estimate while a larger model runs, and cancels it', async () => {
    // Eight Gaussian 1000×1000 layers (32 MB): about 0.25 s each on a quiet laptop core, seconds in all.
    const tensors: Record<string, { data: Float32Array; shape: number[] }> = {};
    for (let i = 0; i < 8; i++) tensors[`fc${i}.weight`] = { data: Float32Array.from(fillNormal(createStream(`layer ${i}`), new Float64Array(1000 * 1000))), shape: [1000, 1000] };
    const page = await open(e, '?lab=fitter');
    // Given as a path: Chromium reads the file itself (a 32 MB buffer sent through the protocol takes longer).
    const big = join(mkdtempSync(join(tmpdir(), 'vsdl-e2e-big-')), 'big.safetensors');
    writeFileSync(big, writeSafetensors(tensors));
    await page.setInputFiles('[data-testid=model-input]', big);
    await page.waitForFunction(() => /^layer [2-7]\/8 fc\d\.weight · about .+ in all$/.test(document.querySelector('[data-testid=model-stage]')?.textContent ?? ''), null, POLL);
    const clicked = performance.now();
    await page.click('[data-testid=model-job] [data-control=cancel]');
    await page.waitForSelector('[data-testid=model-job][data-status=cancelled]', WAIT);
    record(e, 'fitter-models: cancel click to cancelled (ms)', Math.round(performance.now() - clicked));
    expect(await page.locator('[data-testid=model-table]').count()).toBe(0);
    await page.close();
    rmSync(dirname(big), { recursive: true, force: true });
  }, 180_000);

  it('logged no console errors and made no request beyond its origin', () => {
    expect(e.problems).toEqual([]);
  });
});
