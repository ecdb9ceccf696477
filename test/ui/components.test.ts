// @vitest-environment jsdom
import { flushSync, mount, unmount, type Component } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import App from '../../src/ui/App.svelte';
import Controls from '../../src/ui/controls/Controls.svelte';
import JobBar from '../../src/ui/controls/JobBar.svelte';
import SpectrumMetrics from '../../src/ui/labs/SpectrumMetrics.svelte';
import { labDefaults } from '../../src/labs/index.js';

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
    expect(names).toEqual(['ensemble', 'n', 'q', 'bins', 'seed']);
    // μ and the law appear only for heavy tails; spikes only for the spiked ensemble.
    const heavy = render(Controls, { lab: 'spectrum', values: { ...labDefaults('spectrum'), ensemble: 'heavy-tailed' }, hidden: [], onchange: () => {} });
    expect(heavy.querySelector('[data-control=mu]')).not.toBeNull();
    expect(heavy.querySelector('[data-control=spikes]')).toBeNull();
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

  it('keeps controls keyboard-reachable: native inputs, labels tied to them', () => {
    const target = render(Controls, { lab: 'phase', values: labDefaults('phase'), hidden: [], onchange: () => {} });
    for (const label of Array.from(target.querySelectorAll('label'))) expect(target.querySelector(`#${label.htmlFor}`)).not.toBeNull();
  });
});

describe('JobBar', () => {
  it('offers cancel only while running and shows progress', () => {
    const oncancel = vi.fn();
    const target = render(JobBar, { running: true, progress: { done: 3, total: 10 }, label: 'run', onrun: () => {}, oncancel });
    const [run, cancel] = Array.from(target.querySelectorAll('button'));
    expect(run.disabled).toBe(true);
    cancel.click();
    expect(oncancel).toHaveBeenCalled();
    expect(target.querySelector('progress')!.value).toBeCloseTo(0.3);
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
    history.replaceState(null, '', '/');
    const target = render(App, { search: '' });
    const tab = target.querySelector<HTMLButtonElement>('#tab-spectrum')!;
    tab.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    flushSync();
    expect(target.querySelector('[role=tab][aria-selected=true]')?.textContent).toBe('Edge');
    expect(location.search).toMatch(/^\?lab=edge/);
  });
});

describe('SpectrumMetrics', () => {
  it('holds its place before the first result: the same rows, no metrics yet', () => {
    const target = render(SpectrumMetrics, { result: null });
    const panel = target.querySelector('[data-testid=spectrum-metrics]')!;
    expect(panel.getAttribute('data-state')).toBe('pending');
    expect(panel.querySelectorAll('tbody tr').length).toBe(10);
    expect(panel.querySelectorAll('[data-metric]').length).toBe(0);
    expect(panel.querySelectorAll('p.reason').length).toBe(2);
  });
});
