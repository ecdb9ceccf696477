// @vitest-environment jsdom
// The lessons view with a fake runner (jsdom has no workers and no canvas): list, URL validation, run, checks,
// predict first, and prose that cannot inject markup.
import { flushSync, mount, unmount, type Component } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NotebookResult } from '../../src/report/notebook.js';
import App from '../../src/ui/App.svelte';
import LessonsView from '../../src/ui/lessons/LessonsView.svelte';
import Markdown from '../../src/ui/lessons/Markdown.svelte';
import type { LessonInfo, LessonRun, LessonRunner } from '../../src/ui/lessons/runner.js';
import { createLessonSessions } from '../../src/ui/lessons/sessions.js';

vi.hoisted(() => {
  window.matchMedia ??= ((query: string) => ({ matches: false, media: query, addEventListener() {}, removeEventListener() {}, addListener() {}, removeListener() {}, onchange: null, dispatchEvent: () => false })) as typeof window.matchMedia;
});

const mounted: Record<string, unknown>[] = [];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function render<P extends Record<string, any>>(component: Component<P>, props: P) {
  const target = document.createElement('div');
  document.body.append(target);
  mounted.push(mount(component, { target, props }));
  flushSync();
  return target;
}
afterEach(() => {
  for (const instance of mounted.splice(0)) unmount(instance);
  document.body.innerHTML = '';
});

const CATALOGUE: LessonInfo[] = [
  { key: '01', id: '01-a', title: 'First lesson', summary: 'about <b>noise</b>', sections: [{ heading: 'One', markdown: 'Some **bold** text.' }], small: {}, predict: [] },
  {
    key: '02',
    id: '02-b',
    title: 'Second lesson',
    summary: 'spikes through 1 + 1/√Q',
    sections: [
      { heading: 'Two', markdown: 'Text.' },
      { heading: 'The answer', markdown: 'The threshold is 1 + 1/√Q.', afterPrediction: true },
    ],
    small: {},
    predict: [{ figure: 0, prompt: 'Where is the threshold?', min: 1, max: 5 }],
  },
];

// Figures without points: jsdom cannot draw, and the view's logic does not need it to.
const RESULT: NotebookResult = {
  figures: [{ title: 'f', x: { label: 'x' }, y: { label: 'y' }, series: [{ label: 'measured', x: [], y: [], kind: 'points' }, { label: 'BBP theory', x: [], y: [], kind: 'line', theory: true }] }],
  table: [{ ell: 2, lambda: 3.1 }],
  checks: [{ name: 'outlier', value: 3.1, expected: 3.12, tolerance: 0.1, passed: true, why: '4 SE over the seeds' }],
};

function fakeRunner(): LessonRunner & { runs: string[] } {
  const runs: string[] = [];
  return {
    runs,
    catalogue: () => Promise.resolve(CATALOGUE),
    run: (_job, key, onProgress) => {
      runs.push(key);
      onProgress({ fraction: 0.5, stage: 'half' });
      const run: LessonRun = { key, params: {}, result: RESULT, answers: [1.7071], millis: 12 };
      return Promise.resolve(run);
    },
    cancel: () => {},
    dispose: () => {},
  };
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  flushSync();
};

describe('LessonsView', () => {
  it('lists the lessons as keyboard-reachable links', async () => {
    const onchange = vi.fn();
    const target = render(LessonsView, { lesson: null, predict: false, hidden: [], onchange, onnotice: () => {}, sessions: createLessonSessions(fakeRunner()) });
    await settle();
    const links = Array.from(target.querySelectorAll<HTMLAnchorElement>('[data-testid=lesson-list] a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['?lab=lesson&lesson=01', '?lab=lesson&lesson=02']);
    // The summary is text, not markup.
    expect(target.querySelector('b')).toBeNull();
    expect(target.textContent).toContain('about <b>noise</b>');
    links[1].dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
    expect(onchange).toHaveBeenCalledWith({ lesson: '02', predict: false });
  });

  it('says so when a link names a lesson that does not exist', async () => {
    const onchange = vi.fn();
    const onnotice = vi.fn();
    render(LessonsView, { lesson: '42', predict: false, hidden: [], onchange, onnotice, sessions: createLessonSessions(fakeRunner()) });
    await settle();
    expect(onnotice.mock.calls[0][0]).toMatch(/lesson "42" does not exist/);
    expect(onchange).toHaveBeenCalledWith({ lesson: null, predict: false });
  });

  it('runs a lesson and shows its checks and table', async () => {
    const runner = fakeRunner();
    const target = render(LessonsView, { lesson: '01', predict: false, hidden: [], onchange: () => {}, onnotice: () => {}, sessions: createLessonSessions(runner) });
    await settle();
    expect(target.querySelector('h2')?.textContent).toContain('First lesson');
    expect(target.querySelector('.markdown strong')?.textContent).toBe('bold');
    target.querySelector<HTMLButtonElement>('[data-control=run]')!.click();
    await settle();
    expect(runner.runs).toEqual(['01']);
    expect(target.querySelector('[data-testid=checks-summary]')?.textContent).toBe('1 of 1 passed');
    expect(target.querySelector('[data-testid=checks] tr[data-passed=true]')?.textContent).toContain('3.12 ± 0.1');
    expect(target.querySelector('[data-testid=lesson-table]')?.textContent).toContain('lambda');
    expect(target.querySelector('[data-testid=lesson-status]')?.textContent).toMatch(/ran in/);
  });

  it('predict first: nothing that answers the question shows until the guess is locked in, then the guess is scored', async () => {
    const target = render(LessonsView, { lesson: '02', predict: true, hidden: [], onchange: () => {}, onnotice: () => {}, sessions: createLessonSessions(fakeRunner()) });
    await settle();
    target.querySelector<HTMLButtonElement>('[data-control=run]')!.click();
    await settle();
    const figure = () => target.querySelector('[data-testid=lesson-figure-0]')!;
    // The figure (measured points included), the summary, the answer's section, the lab links and the checks wait.
    expect(figure().getAttribute('data-waiting')).toBe('true');
    expect(target.textContent).not.toContain('1/√Q');
    expect(target.querySelector('[data-testid=sections-held]')).not.toBeNull();
    expect(target.querySelector('[data-testid=checks]')).toBeNull();
    expect(target.querySelector('[data-testid=checks-waiting]')).not.toBeNull();
    const input = target.querySelector<HTMLInputElement>('#predict-0')!;
    // A refused guess says why and keeps everything hidden.
    input.value = 'lots';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    target.querySelector<HTMLFormElement>('[data-testid=prompt-0]')!.requestSubmit();
    flushSync();
    expect(target.querySelector('[data-testid=prompt-0] [role=alert]')?.textContent).toMatch(/type a number/);
    expect(figure().getAttribute('data-waiting')).toBe('true');
    input.value = '1.8';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    target.querySelector<HTMLFormElement>('[data-testid=prompt-0]')!.requestSubmit();
    flushSync();
    expect(figure().getAttribute('data-waiting')).toBe('false');
    expect(target.querySelector('[data-testid=prompt-result-0]')?.textContent).toMatch(/1\.8.*1\.707.*close/s);
    expect(target.querySelector('[data-testid=checks]')).not.toBeNull();
    expect(target.textContent).toContain('1 + 1/√Q');
    expect(target.querySelector('[data-testid=sections-held]')).toBeNull();
  });

  it('keeps a run and the guesses when the view goes and comes back (another tab, another lesson)', async () => {
    const runner = fakeRunner();
    const sessions = createLessonSessions(runner);
    const props = { lesson: '02', predict: true, hidden: [], onchange: () => {}, onnotice: () => {}, sessions };
    const first = render(LessonsView, props);
    await settle();
    first.querySelector<HTMLButtonElement>('[data-control=run]')!.click();
    await settle();
    const input = first.querySelector<HTMLInputElement>('#predict-0')!;
    input.value = '2';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    first.querySelector<HTMLFormElement>('[data-testid=prompt-0]')!.requestSubmit();
    flushSync();
    for (const instance of mounted.splice(0)) unmount(instance);
    const again = render(LessonsView, props);
    await settle();
    expect(runner.runs).toEqual(['02']);
    expect(again.querySelector('[data-testid=prompt-result-0]')?.textContent).toMatch(/You guessed 2/);
    expect(again.querySelector('[data-testid=checks-summary]')?.textContent).toBe('1 of 1 passed');
  });

  it('a classroom link can lock predict first on: the switch is replaced by a note', async () => {
    const target = render(LessonsView, { lesson: '02', predict: true, hidden: ['predict'], onchange: () => {}, onnotice: () => {}, sessions: createLessonSessions(fakeRunner()) });
    await settle();
    expect(target.querySelector('[data-control=predict]')).toBeNull();
    expect(target.querySelector('[data-testid=predict-locked]')).not.toBeNull();
    expect(target.querySelector('[data-testid=predict]')).not.toBeNull();
  });

  it('a locked classroom link without a run button runs by itself', async () => {
    const runner = fakeRunner();
    const target = render(LessonsView, { lesson: '01', predict: false, hidden: ['run', 'list'], onchange: () => {}, onnotice: () => {}, sessions: createLessonSessions(runner) });
    await settle();
    await settle();
    expect(runner.runs).toEqual(['01']);
    expect(target.querySelector('[data-control=run]')).toBeNull();
    expect(target.textContent).not.toContain('all lessons');
  });
});

describe('Markdown component', () => {
  it('renders hostile input as text: no element comes from the input', () => {
    const target = render(Markdown, { source: '<script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3)) **ok**' });
    expect(target.querySelector('script, img, a')).toBeNull();
    expect(target.querySelector('strong')?.textContent).toBe('ok');
    expect(target.textContent).toContain('<script>alert(1)</script>');
    expect(target.textContent).toContain('[x](javascript:alert(3))');
  });

  it('renders headings below the section level, lists and safe links', () => {
    const target = render(Markdown, { source: '## Sub\n\n- a `code`\n- b\n\nSee [the lab](?lab=spectrum).', baseLevel: 3 });
    expect(target.querySelector('h5')?.textContent).toBe('Sub');
    expect(target.querySelectorAll('ul li').length).toBe(2);
    expect(target.querySelector('li code')?.textContent).toBe('code');
    expect(target.querySelector('a')?.getAttribute('href')).toBe('?lab=spectrum');
  });
});

describe('App with the Lessons tab', () => {
  it('opens ?lab=lesson on the Lessons tab, hides the tabs with hide=tabs, and keeps the URL', () => {
    history.replaceState(null, '', '/?lab=lesson&lesson=01&predict=1&hide=tabs&bogus=1');
    const target = render(App, { search: location.search });
    expect(target.querySelector('[role=tablist]')).toBeNull();
    expect(target.querySelector('[data-testid=notice]')?.textContent).toMatch(/bogus/);
    expect(location.search).toBe('?lab=lesson&lesson=01&predict=1&hide=tabs');
    expect(target.querySelector('[data-lab=lesson]')).not.toBeNull();
  });

  it('reaches the Lessons tab by keyboard from the last lab', () => {
    history.replaceState(null, '', '/?lab=train');
    const target = render(App, { search: location.search });
    target.querySelector<HTMLButtonElement>('#tab-train')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    flushSync();
    expect(target.querySelector('[role=tab][aria-selected=true]')?.textContent).toBe('Lessons');
    expect(location.search).toBe('?lab=lesson');
  });
});
