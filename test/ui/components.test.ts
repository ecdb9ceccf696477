// @vitest-environment jsdom
import { flushSync, mount, tick, unmount, type Component } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/ui/App.svelte';
import { STORY } from '../../src/ui/home/path.js';
import Controls from '../../src/ui/controls/Controls.svelte';
import JobBar from '../../src/ui/controls/JobBar.svelte';
import type { JobState } from '../../src/ui/jobs/job.js';
import SpectrumMetrics from '../../src/ui/labs/SpectrumMetrics.svelte';
import { fmt } from '../../src/ui/labs/format.js';
import { calibratedAlpha, calibratedAlphaGap } from '../../src/core/ensembles/index.js';
import { computeSpectrum } from '../../workers/compute/spectrum.js';
import { LAB_IDS, labDefaults, labFields, MAX_M } from '../../src/labs/index.js';
import { CONTROL_GROUPS } from '../../src/ui/controls/groups.js';

// uPlot reads matchMedia when it loads; jsdom has none.
vi.hoisted(() => {
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, onchange: null, dispatchEvent: () => false })) as typeof window.matchMedia;
});

const mounted: Record<string, unknown>[] = [];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function render<P extends Record<string, any>>(component: Component<P>, props: P) {
  const target = document.createElement('div');
  document.body.append(target);
  const instance = mount(component, { target, props });
  mounted.push(instance);
  flushSync();
  return target;
}
afterEach(() => {
  for (const instance of mounted.splice(0)) unmount(instance);
  document.body.innerHTML = '';
});

describe('Controls', () => {
  it('renders the relevant controls and hides the ones named in ?hide=', () => {
    const target = render(Controls, { lab: 'spectrum', values: labDefaults('spectrum'), hidden: ['sigma', 'newdraw'], onchange: () => {}, onnewdraw: () => {} });
    const names = Array.from(target.querySelectorAll('[data-control]')).map((e) => e.getAttribute('data-control'));
    expect(names).toEqual(['ensemble', 'n', 'q', 'seed', 'bins']);
    // μ and the law appear only for heavy tails; spikes only for the spiked ensemble.
    const heavy = render(Controls, { lab: 'spectrum', values: { ...labDefaults('spectrum'), ensemble: 'heavy-tailed' }, hidden: [], onchange: () => {} });
    expect(heavy.querySelector('[data-control=mu]')).not.toBeNull();
    expect(heavy.querySelector('[data-control=spikes]')).toBeNull();
  });

  it.each(LAB_IDS)('lays out every field of the %s lab in one group, the essential ones first and the rest folded', (lab) => {
    const names = CONTROL_GROUPS[lab].flatMap((g) => g.fields);
    expect([...names].sort()).toEqual(Object.keys(labFields(lab)).sort());
    expect(CONTROL_GROUPS[lab][0].title).toBeNull();
    expect(CONTROL_GROUPS[lab].slice(1).every((g) => g.title !== null)).toBe(true);
    const target = render(Controls, { lab, values: labDefaults(lab), hidden: [], onchange: () => {} });
    const folded = Array.from(target.querySelectorAll('details [data-control]')).map((e) => e.getAttribute('data-control'));
    expect(folded.length).toBeGreaterThan(0);
    for (const name of CONTROL_GROUPS[lab][0].fields) expect(folded).not.toContain(name);
  });

  it('never offers a slider value the lab’s rules refuse', () => {
    const target = render(Controls, { lab: 'spectrum', values: { ...labDefaults('spectrum'), q: 1 }, hidden: [], onchange: () => {} });
    expect(target.querySelector<HTMLInputElement>('[data-control=n] input[type=range]')!.max).toBe(String(MAX_M));
    const edge = render(Controls, { lab: 'edge', values: { ...labDefaults('edge'), ensemble: 'heavy-tailed' }, hidden: [], onchange: () => {} });
    expect(edge.querySelector<HTMLInputElement>('[data-control=n] input[type=range]')!.max).toBe('2000');
  });

  it('reports parsed values, live while sliding and committed on change', () => {
    const onchange = vi.fn();
    const target = render(Controls, { lab: 'spectrum', values: labDefaults('spectrum'), hidden: [], onchange });
    const slider = target.querySelector<HTMLInputElement>('[data-control=sigma] input[type=range]')!;
    slider.value = '1.5';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    expect(onchange).toHaveBeenLastCalledWith('sigma', 1.5, true);
    const box = target.querySelector<HTMLInputElement>('#spectrum-n')!;
    box.value = '1500';
    box.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onchange).toHaveBeenLastCalledWith('n', 1500, false);
  });

  it('shows why a typed value is refused instead of using it', () => {
    const onchange = vi.fn();
    const target = render(Controls, { lab: 'fitter', values: labDefaults('fitter'), hidden: [], onchange });
    const list = target.querySelector<HTMLInputElement>('#fitter-mus')!;
    list.value = '1,abc';
    list.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(onchange).not.toHaveBeenCalled();
    expect(target.querySelector('[role=alert]')?.textContent).toMatch(/not a comma-separated list/);
  });

  it('shows the value in use when a rule puts back the one the field had, and says what an empty box needs', async () => {
    // The lab's rules repair N to the value it already had: the props do not change, the box must still.
    const onchange = vi.fn();
    const target = render(Controls, { lab: 'spectrum', values: { ...labDefaults('spectrum'), n: 6000, q: 1 }, hidden: [], onchange });
    const box = target.querySelector<HTMLInputElement>('#spectrum-n')!;
    box.value = '9000';
    box.dispatchEvent(new Event('change', { bubbles: true }));
    expect(onchange).toHaveBeenLastCalledWith('n', 9000, false);
    await tick();
    expect(box.value).toBe('6000');
    box.value = '';
    box.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(target.querySelector('[role=alert]')?.textContent).toMatch(/^a value is needed: an integer in \[/);
  });

  it('keeps controls keyboard-reachable: native inputs, labels tied to them', () => {
    const target = render(Controls, { lab: 'phase', values: labDefaults('phase'), hidden: [], onchange: () => {} });
    for (const label of Array.from(target.querySelectorAll('label'))) expect(target.querySelector(`#${label.htmlFor}`)).not.toBeNull();
  });
});

describe('JobBar', () => {
  const state = (patch: Partial<JobState<unknown, unknown, unknown>>): JobState<unknown, unknown, unknown> => ({
    status: 'idle',
    params: null,
    progress: null,
    items: [],
    result: null,
    resultParams: null,
    error: '',
    estimate: null,
    ...patch,
  });
  const noop = () => {};

  it('offers cancel only while running and shows progress', () => {
    const oncancel = vi.fn();
    const target = render(JobBar, { job: state({ status: 'running', progress: { done: 3, total: 10 } }), label: 'run', onrun: noop, oncancel, onconfirm: noop });
    const [run, cancel] = Array.from(target.querySelectorAll('button'));
    expect(run.disabled).toBe(true);
    cancel.click();
    expect(oncancel).toHaveBeenCalled();
    expect(target.querySelector('progress')!.value).toBeCloseTo(0.3);
  });

  it('asks before a long job with its estimate, and runs it anyway or drops it', () => {
    const onconfirm = vi.fn();
    const oncancel = vi.fn();
    const target = render(JobBar, { job: state({ status: 'asking', estimate: { seconds: 5400, ask: true } }), label: 'run', onrun: noop, oncancel, onconfirm, detail: '256 cells' });
    const ask = target.querySelector('[data-testid=confirm-long]')!;
    expect(ask.textContent).toMatch(/256 cells: this will take about 1\.5 h/);
    target.querySelector<HTMLButtonElement>('[data-control=confirm]')!.click();
    expect(onconfirm).toHaveBeenCalled();
    Array.from(ask.querySelectorAll('button')).at(-1)!.click();
    expect(oncancel).toHaveBeenCalled();
  });
});

describe('App shell', () => {
  it('opens a bad URL on defaults with a visible notice, and rewrites the URL', () => {
    history.replaceState(null, '', '/?lab=edge&n=-5&mu=zzz&hide=q');
    const target = render(App, { search: location.search });
    expect(target.querySelector('[data-testid=notice]')?.textContent).toMatch(/n="-5"/);
    expect(target.querySelector('[role=tab][aria-selected=true]')?.textContent).toBe('Edge');
    expect(target.querySelector('[data-control=q]')).toBeNull();
    expect(location.search).toContain('n=400');
    expect(location.search).toContain('hide=q');
    // No web workers in jsdom: the lab says so instead of failing silently.
    return vi.waitFor(() => expect(target.querySelector('[data-testid=error]')?.textContent).toMatch(/web workers/));
  });

  it('switches labs by keyboard (arrow keys on the tabs) and keeps the URL in step', () => {
    history.replaceState(null, '', '/?lab=spectrum');
    const target = render(App, { search: location.search });
    const tab = target.querySelector<HTMLButtonElement>('#tab-spectrum')!;
    tab.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    flushSync();
    expect(target.querySelector('[role=tab][aria-selected=true]')?.textContent).toBe('Edge');
    expect(location.search).toMatch(/^\?lab=edge/);
  });

  it('opens on the first view without parameters: an introduction and the story, each step a link', () => {
    history.replaceState(null, '', '/');
    const target = render(App, { search: '' });
    expect(target.querySelector('[role=tab][aria-selected=true]')?.textContent).toBe('Start');
    const steps = target.querySelectorAll('[data-testid=story] > li');
    expect(steps.length).toBe(STORY.length);
    expect(location.search).toBe('');
    // A step's link opens its lab in the page, with a history entry.
    const before = history.length;
    target.querySelector<HTMLAnchorElement>('[data-testid=story] a[data-lab-link=phase]')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    flushSync();
    expect(target.querySelector('[role=tab][aria-selected=true]')?.textContent).toBe('Phase');
    expect(location.search).toMatch(/^\?lab=phase/);
    expect(history.length).toBe(before + 1);
  });

  it('moves through labs and settings with Back and Forward', () => {
    history.replaceState(null, '', '/?lab=edge&n=500');
    const target = render(App, { search: location.search });
    const n = () => target.querySelector<HTMLInputElement>('#edge-n')!;
    n().value = '800';
    n().dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(location.search).toContain('n=800');
    target.querySelector<HTMLButtonElement>('#tab-fitter')!.click();
    flushSync();
    expect(location.search).toMatch(/^\?lab=fitter/);
    // What the browser does on Back: the previous URL, then a popstate event.
    const back = (url: string) => {
      history.replaceState(null, '', url);
      window.dispatchEvent(new PopStateEvent('popstate'));
      flushSync();
    };
    back('/?lab=edge&n=800');
    expect(target.querySelector('[role=tab][aria-selected=true]')?.textContent).toBe('Edge');
    expect(n().value).toBe('800');
    back('/?lab=edge&n=500');
    expect(n().value).toBe('500');
    back('/');
    expect(target.querySelector('[data-testid=story]')).not.toBeNull();
  });
});

describe('SpectrumMetrics', () => {
  it('holds its place before the first result: the same rows, no metrics yet', () => {
    const target = render(SpectrumMetrics, { result: null });
    const panel = target.querySelector('[data-testid=spectrum-metrics]')!;
    expect(panel.getAttribute('data-state')).toBe('pending');
    expect(panel.querySelectorAll('tbody tr').length).toBe(11);
    expect(panel.querySelectorAll('[data-metric]').length).toBe(0);
    expect(panel.querySelectorAll('p.reason').length).toBe(2);
  });

  it('shows the calibrated α̂ with its interval for 2 < μ < 4, and the calibration\'s reason where it has none', async () => {
    const spectrum = (n: number) => computeSpectrum({ ...labDefaults('spectrum'), ensemble: 'heavy-tailed', law: 'pareto', mu: 3, n, q: 2 });
    const covered = await spectrum(1000);
    const want = calibratedAlpha('pareto', 3, 2, 500)!;
    const row = (target: HTMLElement) => target.querySelector('[data-metric=alpha_calibrated]')!.parentElement!;
    let target = render(SpectrumMetrics, { result: covered });
    expect(row(target).querySelector('td')!.textContent).toBe(fmt(want.alpha));
    expect(row(target).textContent).toContain(`[${fmt(want.interval[0], 3)}, ${fmt(want.interval[1], 3)}]: empirical calibration, pareto at Q = 2, M = 500 (a calibrated cell)`);
    target = render(SpectrumMetrics, { result: await spectrum(400) });
    expect(row(target).querySelector('td')!.textContent).toBe('—');
    expect(row(target).textContent).toContain(`no calibration here: ${calibratedAlphaGap('pareto', 3, 2, 200)}`);
  });
});
