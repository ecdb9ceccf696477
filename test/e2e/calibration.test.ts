/**
 * End to end, the calibrated α̂ band in headless Chromium: for Pareto entries with μ = 3 at Q = 2, M = 500 (a
 * calibrated cell) the spectrum lab shows the calibrated α̂ and draws its slopes on the log-log chart, and the
 * fitter lab draws the calibrated curve and interval and lists the values; outside the calibration (M = 200) the
 * spectrum lab says why and draws no band. The app is built into a folder of its own, so this file can run beside
 * the other end-to-end files.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { calibratedAlpha, calibratedAlphaGap } from '../../src/core/ensembles/index.js';
import { fmt } from '../../src/ui/labs/format.js';
import { metric, open, ownApp, shoot, WAIT } from './context.js';
import { hasChromium } from './harness.js';

/** Pixels of the band's colour (#00897b), which no other series or marker of these charts uses. */
function bandPixels(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (root) => {
    const canvas = root.querySelector('canvas')!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && data[i] < 60 && data[i + 1] > 100 && data[i + 2] > 90 && Math.abs(data[i + 1] - data[i + 2] - 14) < 30) count++;
    }
    return count;
  });
}

describe.skipIf(!hasChromium)('the calibrated α̂ band in headless Chromium', () => {
  const e = ownApp('vsdl-e2e-calibration-');

  const want = calibratedAlpha('pareto', 3, 2, 500)!;

  it('spectrum lab: the calibrated α̂ beside the fit and its slopes on the log-log chart, or the reason for none', async () => {
    const page = await open(e, '?lab=spectrum&ensemble=heavy-tailed&law=pareto&mu=3&n=1000&q=2&seed=3');
    await page.waitForSelector('[data-metric=alpha_calibrated]', WAIT);
    expect(await metric(page, 'alpha_calibrated')).toBe(fmt(want.alpha));
    expect(await bandPixels(page, '[data-testid=chart-spectrum-loglog]')).toBeGreaterThan(30);
    await shoot(page, 'spectrum-calibrated');
    await page.close();

    const small = await open(e, '?lab=spectrum&ensemble=heavy-tailed&law=pareto&mu=3&n=400&q=2&seed=3');
    await small.waitForSelector('[data-metric=alpha_calibrated]', WAIT);
    expect(await metric(small, 'alpha_calibrated')).toBe('—');
    expect(await small.textContent('[data-testid=spectrum-metrics]')).toContain(calibratedAlphaGap('pareto', 3, 2, 200));
    expect(await bandPixels(small, '[data-testid=chart-spectrum-loglog]')).toBe(0);
    await small.close();
  });

  it('fitter lab: the calibrated curve and interval over 2 < μ < 4, and the values in the table', async () => {
    const page = await open(e, '?lab=fitter&law=pareto&n=1000&q=2&mus=1.5,3&reps=1');
    await page.waitForSelector('[data-metric=calibrated-1]', WAIT);
    expect(await metric(page, 'calibrated-0')).toBe('—');
    expect(await metric(page, 'calibrated-1')).toBe(`${fmt(want.alpha)} [${fmt(want.interval[0], 3)}, ${fmt(want.interval[1], 3)}]`);
    expect(await page.textContent('[data-testid=fitter-calibration]')).toContain('pareto entries at Q = 2, M = 500');
    expect(await bandPixels(page, '[data-testid=chart-fitter]')).toBeGreaterThan(100);
    await shoot(page, 'fitter-calibrated');
    await page.close();
    expect(e.problems).toEqual([]);
  });
});
