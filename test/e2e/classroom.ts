/**
 * The sandbox as a class uses it: the first view and its story, Back and Forward, long jobs that ask first and
 * cancel at once (the time from cancel to the next result is measured and recorded, not asserted), predict first
 * that gives nothing away, legible charts at the extremes, a phone that never scrolls sideways and a projector
 * that shows the whole map.
 */
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { STORY } from '../../src/ui/home/path.js';
import { colouredPixels, open, POLL, record, setControl, shoot, sidewaysOverflow, WAIT, type E2E } from './context.js';

export function classroomTests(e: E2E): void {
  it('first view: an introduction and the story, each step one click into a lab or lesson; Back returns', async () => {
    const page = await open(e, '', { width: 1280, height: 800 });
    await page.waitForSelector('[data-testid=story]', WAIT);
    expect(await page.locator('[data-testid=story] > li').count()).toBe(STORY.length);
    await shoot(page, 'home');
    await page.click('[data-testid=story] a[data-lab-link=spectrum] >> nth=1');
    await page.waitForSelector('[data-testid=chart-spectrum-linear] canvas', WAIT);
    expect(new URL(page.url()).searchParams.get('q')).toBe('3');
    await page.goBack();
    await page.waitForSelector('[data-testid=story]', WAIT);
    expect(new URL(page.url()).search).toBe('');
    await page.goForward();
    await page.waitForSelector('[data-testid=chart-spectrum-linear] canvas', WAIT);
    expect(await page.getAttribute('#tab-spectrum', 'aria-selected')).toBe('true');
    await page.close();
  });

  it('Back and Forward move through labs and settings', async () => {
    const page = await open(e, '?lab=edge&n=500&draws=40');
    await page.waitForSelector('[data-testid=chart-edge-tw] canvas', WAIT);
    await setControl(page, 'edge-n', '800');
    await page.waitForFunction(() => location.search.includes('n=800'), null, POLL);
    await page.click('#tab-fitter');
    await page.waitForFunction(() => location.search.startsWith('?lab=fitter'), null, POLL);
    await page.goBack();
    await page.waitForFunction(() => document.querySelector('#tab-edge')?.getAttribute('aria-selected') === 'true', null, POLL);
    expect(await page.inputValue('#edge-n')).toBe('800');
    await page.goBack();
    await page.waitForFunction(() => (document.querySelector('#edge-n') as HTMLInputElement | null)?.value === '500', null, POLL);
    expect(new URL(page.url()).searchParams.get('n')).toBe('500');
    // The settings of a step back are computed: the chart is the one for N = 500 again.
    await page.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent?.includes('at N = 500'), null, POLL);
    await page.goForward();
    await page.goForward();
    await page.waitForFunction(() => location.search.startsWith('?lab=fitter'), null, POLL);
    expect(await page.getAttribute('#tab-fitter', 'aria-selected')).toBe('true');
    await page.close();
  });

  /** Clicks cancel on a running job, then commits new settings, and times until their result is drawn. */
  async function cancelThenRerun(page: Page, job: string, rerun: () => Promise<void>, done: string): Promise<{ cancelledMs: number; nextResultMs: number }> {
    const t0 = Date.now();
    await page.click(`[data-testid=${job}] [data-control=cancel]`);
    await page.waitForFunction((sel) => document.querySelector(`[data-testid=${sel}]`)?.getAttribute('data-status') !== 'running', job, POLL);
    const cancelledMs = Date.now() - t0;
    await rerun();
    await page.waitForSelector(done, WAIT);
    return { cancelledMs, nextResultMs: Date.now() - t0 };
  }

  it('long jobs: an estimate first, "run anyway" works, progress shows, and cancel frees the lab at once', async () => {
    // A dense spectrum of 3200 eigenvalues (tens of seconds on a busy machine) cannot hear a cancel message: its
    // worker is terminated, so the next picture does not wait for it.
    const spectrum = await open(e, '?lab=spectrum&n=6400&q=2');
    await spectrum.waitForSelector('[data-testid=confirm-long]', WAIT);
    expect(await spectrum.textContent('[data-testid=confirm-long]')).toMatch(/M = 3200 eigenvalues: this will take about \d/);
    expect(await spectrum.locator('[data-metric=alpha]').count()).toBe(0);
    await spectrum.click('[data-control=confirm]');
    await spectrum.waitForSelector('[data-testid=spectrum-job][data-status=running]', WAIT);
    expect(await spectrum.textContent('[data-testid=spectrum-job]')).toMatch(/running \d+ s of about/);
    await spectrum.waitForTimeout(1500);
    const spectrumCancel = await cancelThenRerun(spectrum, 'spectrum-job', () => setControl(spectrum, 'spectrum-n', '1000'), '[data-metric=alpha]');
    expect(await spectrum.textContent('[data-testid=status]')).toContain('M = 500');
    await spectrum.close();

    // The fitter's batch of 16 μ × 10 seeds at N = 4000 (it once took 28 s to cancel).
    const mus = Array.from({ length: 16 }, (_, i) => 0.5 + 0.25 * i).join(',');
    const fitter = await open(e, `?lab=fitter&n=4000&mus=${mus}&reps=10`);
    await fitter.waitForSelector('[data-testid=confirm-long]', WAIT);
    await fitter.click('[data-control=confirm]');
    await fitter.waitForSelector('[data-testid=fitter-job][data-status=running] progress', WAIT);
    await fitter.waitForTimeout(1500);
    const fitterCancel = await cancelThenRerun(
      fitter,
      'fitter-job',
      async () => {
        await setControl(fitter, 'fitter-n', '200');
        await setControl(fitter, 'fitter-mus', '1,2');
      },
      '[data-metric=alpha-1]',
    );
    await fitter.close();

    // The phase lab at its maximum: hours, asked about, run anyway with progress, cancelled.
    const phase = await open(e, '?lab=phase&alphaSteps=4&tauSteps=2&alphaMax=10&mcN=400&mcAlphaSteps=16&mcTauSteps=16&samples=8&sweeps=5000');
    await phase.click('text=run Monte Carlo');
    await phase.waitForSelector('[data-testid=confirm-long]', WAIT);
    expect(await phase.textContent('[data-testid=confirm-long]')).toMatch(/256 Monte Carlo cells at N = 400: this will take about [\d.]+ h/);
    await phase.click('[data-control=confirm]');
    await phase.waitForSelector('[data-testid=mc-job][data-status=running] progress', WAIT);
    await phase.waitForFunction(() => /\d+ \/ 256/.test(document.querySelector('[data-testid=mc-job]')?.textContent ?? ''), null, POLL);
    const t0 = Date.now();
    await phase.click('[data-testid=mc-job] [data-control=cancel]');
    await phase.waitForSelector('[data-testid=mc-job][data-status=cancelled]', WAIT);
    const phaseCancelledMs = Date.now() - t0;
    expect(await phase.locator('[data-testid=error]').count()).toBe(0);
    await phase.close();

    record(e, 'cancel latency, ms (cancel click → job stopped; → next result drawn)', { spectrum: spectrumCancel, fitter: fitterCancel, phaseMonteCarlo: { cancelledMs: phaseCancelledMs } });
  }, 240_000);

  it('predict first, locked by a classroom link: nothing reveals the answers until the guesses are locked', async () => {
    const page = await open(e, '?lab=lesson&lesson=02&predict=1&hide=predict,tabs&present=1', { width: 1024, height: 768 });
    await page.waitForSelector('[data-testid=predict]', WAIT);
    expect(await page.locator('[role=tablist]').count()).toBe(0);
    expect(await page.locator('[data-control=predict]').count()).toBe(0);
    await page.waitForSelector('[data-testid=predict-locked]', WAIT);
    const answers = ['1 + √γ', '1 + 1/√Q', '1.707', '(1 − γ/(ℓ − 1)²)'];
    const pageText = () => page.textContent('main');
    for (const answer of answers) expect(await pageText()).not.toContain(answer);
    await page.click('[data-control=run]');
    await page.waitForFunction(() => document.querySelector('[data-testid=lesson-status]')?.textContent?.includes('ran in'), null, POLL);
    // After the run: both figures wait (their measured points answer the questions too), and so do the checks.
    for (const i of [0, 1]) expect(await page.getAttribute(`[data-testid=lesson-figure-${i}]`, 'data-waiting')).toBe('true');
    expect(await page.locator('[data-testid^=lesson-figure-] canvas').count()).toBe(0);
    expect(await page.locator('[data-testid=checks]').count()).toBe(0);
    for (const answer of answers) expect(await pageText()).not.toContain(answer);

    await page.fill('#predict-0', '2');
    await page.press('#predict-0', 'Enter');
    await page.waitForSelector('[data-testid=prompt-result-0]', WAIT);
    expect(await page.textContent('[data-testid=prompt-result-0]')).toMatch(/You guessed 2.*theory says 1\.707/s);
    await page.waitForSelector('[data-testid=lesson-chart-0] canvas', WAIT);
    expect(await page.textContent('[data-testid=lesson-chart-0] .u-legend')).toContain('BBP');
    // The second question still holds back the second figure, the answer sections and the checks.
    expect(await page.getAttribute('[data-testid=lesson-figure-1]', 'data-waiting')).toBe('true');
    expect(await pageText()).not.toContain('1 + √γ');
    expect(await page.locator('[data-testid=checks]').count()).toBe(0);

    await page.fill('#predict-1', '0.6');
    await page.click('[data-testid=prompt-1] [data-control=lock]');
    await page.waitForSelector('[data-testid=checks-summary]', WAIT);
    expect(await page.getAttribute('[data-testid=lesson-figure-1]', 'data-waiting')).toBe('false');
    expect(await page.locator('[data-testid=checks] tr[data-passed=false]').count()).toBe(0);
    expect(await pageText()).toContain('ℓ_c = 1 + √γ');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate(() => document.querySelector('[data-testid=lesson-figure-0]')?.scrollIntoView());
    await shoot(page, 'lesson');
    await page.close();
  });

  it('charts stay legible at extreme μ and an empty spike list: ticks that read, no blank chart, no error', async () => {
    const page = await open(e, '?lab=spectrum');
    for (const query of ['?lab=spectrum&ensemble=heavy-tailed&mu=0.2', '?lab=spectrum&ensemble=heavy-tailed&mu=0.3', '?lab=spectrum&ensemble=heavy-tailed&mu=0.5', '?lab=spectrum&ensemble=spiked&spikes=']) {
      await page.goto(`${e.origin}/${query}`);
      await page.waitForSelector('[data-metric=alpha]', WAIT);
      await page.waitForSelector('[data-testid=chart-spectrum-loglog] canvas', WAIT);
      for (const chart of ['chart-spectrum-linear', 'chart-spectrum-loglog']) {
        expect(await colouredPixels(page, `[data-testid=${chart}]`), `${chart} on ${query}`).toBeGreaterThan(30);
        for (const axis of ['data-x-ticks', 'data-y-ticks']) {
          const ticks = ((await page.getAttribute(`[data-testid=${chart}]`, axis)) ?? '').split('|').filter(Boolean);
          expect(new Set(ticks).size, `${chart} ${axis} on ${query}: ${ticks.join(' ')}`).toBeGreaterThanOrEqual(2);
        }
      }
      if (query.endsWith('spikes=')) expect(await page.textContent('[data-testid=notice]')).toMatch(/spikes reset to 4/);
      if (query.includes('mu=0.2')) expect(await page.textContent('[data-testid=unresolved]')).toMatch(/beyond double precision/);
    }
    await page.close();
  });

  it('phones (390 px): no view scrolls sideways', async () => {
    const page = await open(e, '', { width: 390, height: 844 });
    // Spiked and heavy-tailed draws fill the metrics table with their longest notes.
    const views = ['', '?lab=spectrum', '?lab=spectrum&ensemble=spiked&spikes=4&n=600&seed=7', '?lab=spectrum&ensemble=heavy-tailed&mu=3&n=600&seed=7', '?lab=edge', '?lab=fitter', '?lab=phase', '?lab=phase&mode=layer', '?lab=lesson', '?lab=lesson&lesson=01'];
    for (const query of views) {
      await page.goto(`${e.origin}/${query}`);
      await page.waitForSelector('main [data-lab]', WAIT);
      if (query.includes('spectrum')) await page.waitForSelector('[data-testid=chart-spectrum-loglog] canvas', WAIT);
      if (query.includes('edge')) await page.waitForSelector('[data-testid=chart-edge-tw] canvas', WAIT);
      if (query.includes('fitter')) await page.waitForSelector('[data-testid=chart-fitter] canvas', WAIT);
      if (query === '?lab=phase') await page.waitForFunction(() => document.querySelector('[data-testid=phase-status]')?.textContent?.includes('theory rows 12 / 12'), null, POLL);
      if (query.endsWith('lesson=01')) {
        await page.click('[data-control=run]');
        await page.waitForSelector('[data-testid=lesson-chart-1] canvas', WAIT);
      }
      expect(await sidewaysOverflow(page), `sideways scrolling on ${query || 'the first view'}`).toBeLessThanOrEqual(0);
      if (query === '?lab=spectrum') await shoot(page, 'phone');
    }
    await page.close();
  });

  it('projectors (1024×768, present=1): large type, and the whole phase map in view without scrolling', async () => {
    const page = await open(e, '?lab=phase&present=1', { width: 1024, height: 768 });
    await page.waitForFunction(() => document.querySelector('[data-testid=phase-status]')?.textContent?.includes('theory rows 12 / 12'), null, POLL);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('20px');
    expect(await page.getAttribute('[data-control=present]', 'aria-pressed')).toBe('true');
    const map = (await page.locator('[data-testid=heatmap]').boundingBox())!;
    expect(map.y + map.height).toBeLessThanOrEqual(768);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await shoot(page, 'projector');
    // The switch in the header leaves presentation mode, and the link says so.
    await page.click('[data-control=present]');
    await page.waitForFunction(() => !location.search.includes('present=1'), null, POLL);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('16px');
    await page.close();
  });
}
