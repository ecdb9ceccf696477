// The lessons view's pure parts: URL state, Markdown, Figure → chart, predict-first scoring, links, catalogue.
import { describe, expect, it } from 'vitest';
import type { Figure } from '../../src/report/notebook.js';
import { PALETTE } from '../../src/report/svg.js';
import { figureToChart, seriesPoints } from '../../src/ui/lessons/figureChart.js';
import { STORY } from '../../src/ui/home/path.js';
import { labLinks, LINKED_LESSONS } from '../../src/ui/lessons/links.js';
import { parseInline, parseMarkdown, plainText, safeHref } from '../../src/ui/lessons/markdown.js';
import { figureWaiting, parseGuess, predictionsPending, scoreGuess } from '../../src/ui/lessons/predict.js';
import { checkRule, tableColumns } from '../../src/ui/lessons/results.js';
import { isLessonUrl, lessonKey, parseLessonState, serializeLessonState } from '../../src/ui/state/lessonState.js';
import { parseUrlState } from '../../src/ui/state/urlState.js';
import { lessonCatalogue, runLesson } from '../../workers/compute/lessons.js';

describe('lesson URL state', () => {
  it('round-trips a lesson, predict mode and hidden controls', () => {
    const text = '?lab=lesson&lesson=01&predict=1&hide=tabs,links';
    const s = parseLessonState(text);
    expect(s).toEqual({ lesson: '01', predict: true, hidden: ['tabs', 'links'], notices: [] });
    expect(serializeLessonState(s)).toBe(text);
    expect(parseLessonState(serializeLessonState(s))).toEqual(s);
    expect(serializeLessonState({ lesson: null, predict: false, hidden: [] })).toBe('?lab=lesson');
    expect(isLessonUrl(text)).toBe(true);
    expect(isLessonUrl('?lab=spectrum')).toBe(false);
  });

  it('names a lesson by its number or its notebook id', () => {
    expect(lessonKey('1')).toBe('01');
    expect(lessonKey('02-spikes-bbp')).toBe('02');
    for (const bad of ['', 'x', '123', '01/../x', '<b>', '1 2']) expect(lessonKey(bad)).toBeNull();
  });

  it('drops invalid values with visible notices, never throws', () => {
    const s = parseLessonState('?lab=lesson&lesson=<script>&predict=maybe&hide=tabs,warp&n=5');
    expect(s.lesson).toBeNull();
    expect(s.predict).toBe(false);
    expect(s.hidden).toEqual(['tabs']);
    const text = s.notices.join('\n');
    for (const part of ['lesson="<script>"', 'predict="maybe"', 'warp', '"n"']) expect(text).toContain(part);
    for (const q of ['?%', '?lab=lesson&lesson=', `?lab=lesson&lesson=${'9'.repeat(5000)}`, '?lab=lesson&hide=,,,']) expect(() => parseLessonState(q)).not.toThrow();
  });

  it('writes only the controls the lessons know into ?hide=', () => {
    expect(serializeLessonState({ lesson: '03', predict: false, hidden: ['sigma', 'tabs'] })).toBe('?lab=lesson&lesson=03&hide=tabs');
  });
});

describe('Markdown', () => {
  it('renders the subset: headings, paragraphs, lists, emphasis, code, links, math as text', () => {
    const blocks = parseMarkdown('# Title\n\nSome **bold** and *em* and `x_1` with $\\lambda_+$ and [a link](https://example.org).\nSame paragraph.\n\n- one\n- two _too_\n\n1. first\n2. second');
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list', 'list']);
    const para = blocks[1];
    if (para.type !== 'paragraph') throw new Error('not a paragraph');
    expect(para.children.map((n) => n.type)).toEqual(['text', 'strong', 'text', 'em', 'text', 'code', 'text', 'math', 'text', 'link', 'text']);
    expect(plainText(para.children)).toBe('Some bold and em and x_1 with \\lambda_+ and a link. Same paragraph.');
    expect(para.children.find((n) => n.type === 'link')).toMatchObject({ href: 'https://example.org', external: true });
    expect(blocks[2]).toMatchObject({ type: 'list', ordered: false });
    expect(blocks[3]).toMatchObject({ type: 'list', ordered: true });
  });

  it('keeps underscores inside words and lone stars as text', () => {
    expect(parseInline('λ_max − λ₊ and alpha_c_2, 2 * 3 * 4')).toEqual([{ type: 'text', text: 'λ_max − λ₊ and alpha_c_2, 2 * 3 * 4' }]);
    expect(parseInline('**Marchenko–Pastur** density')[0]).toEqual({ type: 'strong', children: [{ type: 'text', text: 'Marchenko–Pastur' }] });
  });

  it('never produces markup from HTML in the input: it stays text', () => {
    const evil = '<script>alert(1)</script> <img src=x onerror="alert(2)"> **<b>bold</b>**';
    const blocks = parseMarkdown(evil);
    const json = JSON.stringify(blocks);
    expect(json).toContain('<script>alert(1)</script>');
    // Only text pieces hold the input; no node type carries HTML.
    const types = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        types.add((v as { type: string }).type);
        Object.values(v).forEach(walk);
      }
    };
    walk(blocks);
    expect([...types].filter(Boolean).sort()).toEqual(['paragraph', 'strong', 'text']);
  });

  it('keeps only safe link targets', () => {
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,x', '//evil.example', 'java\nscript:x', 'vbscript:x', ' ']) expect(safeHref(bad)).toBeNull();
    expect(safeHref('?lab=spectrum&n=5')).toEqual({ href: '?lab=spectrum&n=5', external: false });
    expect(safeHref('#top')).toEqual({ href: '#top', external: false });
    expect(safeHref('mailto:a@b.c')).toMatchObject({ external: true });
    expect(parseInline('[click](javascript:alert(1))')).toEqual([{ type: 'text', text: '[click](javascript:alert(1))' }]);
  });
});

describe('Figure → chart', () => {
  const figure: Figure = {
    title: 'edge',
    x: { label: 'M', log: true },
    y: { label: 'rms', log: true, min: 1e-4 },
    series: [
      { label: 'measured', x: [100, 400, 1600], y: [0.1, 0.04, 0.016], yErr: [0.01, 0.004, 0.002], kind: 'points' },
      { label: 'theory M^(−2/3)', x: [100, 1600], y: [0.1, 0.016], kind: 'line', theory: true },
      { label: 'zero at the start', x: [0, 100, 400], y: [1, 0, 0.2], kind: 'line', color: '#123456' },
    ],
  };

  it('merges each series onto one x grid: undefined where a series has no point, null where it cannot be drawn', () => {
    const { spec, data } = figureToChart(figure);
    expect(spec).toMatchObject({ title: 'edge', xLog: true, yLog: true, xRange: [null, null], yRange: [1e-4, null] });
    expect(data.x).toEqual([100, 400, 1600]);
    expect(data.columns[0]).toEqual([0.1, 0.04, 0.016]);
    expect(data.columns[1]).toEqual([0.1, undefined, 0.016]);
    // x = 0 cannot sit on a log axis (dropped); y = 0 cannot either (a break).
    expect(data.columns[2]).toEqual([null, 0.2, undefined]);
    expect(spec.lines.map((l) => [l.style, l.color])).toEqual([['points', PALETTE[0]], ['line', PALETTE[1]], ['line', '#123456']]);
    expect(data.errorBars).toHaveLength(1);
    expect(data.errorBars![0].low[0]).toBeCloseTo(0.09, 12);
    expect(data.errorBars![0].high[2]).toBeCloseTo(0.018, 12);
  });

  it('makes bars over whole numbers categories: a tick per category, half a category of room at each end', () => {
    const bars: Figure = { title: 'recovered', x: { label: 'class' }, y: { label: 'fraction', min: 0, max: 1 }, series: [{ label: 'overall', x: [1, 2, 3], y: [0.9, 1, 0.8], kind: 'bars' }] };
    expect(figureToChart(bars).spec).toMatchObject({ categories: true, xRange: [0.5, 3.5] });
    expect(figureToChart(figure).spec.categories).toBe(false);
  });

  it('keeps series without a label (lines joining another series) out of the legend', () => {
    const joined: Figure = { title: 't', x: { label: 'x' }, y: { label: 'y' }, series: [{ label: 'Q = 1', x: [1, 2], y: [1, 2], kind: 'points' }, { label: '', x: [1, 2], y: [1, 2], kind: 'line' }] };
    expect(figureToChart(joined).spec.lines.map((l) => l.legend)).toEqual([true, false]);
  });

  it('keeps both ends of vertical segments and breaks lines at NaN', () => {
    const pts = seriesPoints({ label: 'bounds', x: [2, 2, NaN, 4, 4], y: [1, 12, NaN, 12, 1], kind: 'line' }, false, false);
    expect(pts.map((p) => p.y)).toEqual([1, 12, null, 12, 1]);
    for (let i = 1; i < pts.length; i++) expect(pts[i].x).toBeGreaterThan(pts[i - 1].x);
    expect(pts[2].x).toBeCloseTo(3, 6);
    const { data } = figureToChart({
      title: 't',
      x: { label: 'x' },
      y: { label: 'y' },
      series: [
        { label: 'bounds', x: [2, 2, NaN, 4, 4], y: [1, 12, NaN, 12, 1], kind: 'line' },
        { label: 'grid', x: [1, 2.5, 3, 3.5, 5], y: [1, 2, 3, 4, 5], kind: 'line' },
      ],
    });
    // Every grid point between the two segments is null for 'bounds': no line is drawn across the break.
    const col = data.columns[0];
    const between = data.x.map((x, i) => [x, col[i]] as const).filter(([x]) => x > 2.001 && x < 3.999);
    expect(between.length).toBeGreaterThan(2);
    expect(between.every(([, v]) => v === null)).toBe(true);
  });

  it('maps bands to a centre line and a shaded interval, bars to bars', () => {
    const { spec, data } = figureToChart({
      title: 't',
      x: { label: 'x' },
      y: { label: 'y' },
      series: [
        { label: 'band', x: [0, 1], y: [1, 2], yErr: [0.5, 0.25], kind: 'band', theory: true },
        { label: 'histogram', x: [0.5], y: [3], kind: 'bars' },
      ],
    });
    expect(spec.lines.map((l) => l.style)).toEqual(['line', 'bars']);
    expect(data.yBands).toEqual([{ x: [0, 1], low: [0.5, 1.75], high: [1.5, 2.25], color: PALETTE[0] }]);
    expect(data.errorBars).toEqual([]);
  });
});

describe('predict first', () => {
  const prompts = [
    { figure: 0, prompt: 'a' },
    { figure: 0, prompt: 'b' },
    { figure: 2, prompt: 'c', min: 0, max: 1 },
  ];

  it('holds a figure back until each of its questions is answered, and only in predict mode', () => {
    expect(figureWaiting(true, prompts, [true, false, false], 0)).toBe(true);
    expect(figureWaiting(true, prompts, [true, true, false], 0)).toBe(false);
    expect(figureWaiting(true, prompts, [false, false, false], 1)).toBe(false);
    expect(figureWaiting(false, prompts, [false, false, false], 2)).toBe(false);
    expect(predictionsPending(true, prompts, [true, true, false])).toBe(true);
    expect(predictionsPending(true, prompts, [true, true, true])).toBe(false);
    expect(predictionsPending(false, prompts, [false, false, false])).toBe(false);
  });

  it('reads guesses and says how close they were', () => {
    expect(parseGuess(' 2.5 ')).toEqual({ ok: true, value: 2.5 });
    expect(parseGuess('−1.2')).toEqual({ ok: true, value: -1.2 });
    expect(parseGuess('abc').ok).toBe(false);
    expect(parseGuess('2', prompts[2])).toEqual({ ok: false, why: 'at most 1' });
    expect(scoreGuess(2.5, 2.488)).toMatchObject({ verdict: 'spot on' });
    expect(scoreGuess(-1, -1.2065)).toMatchObject({ verdict: 'close' });
    expect(scoreGuess(3, 1.7)!.verdict).toBe('far off');
    expect(scoreGuess(0.01, 0)).toMatchObject({ relative: null, verdict: 'spot on' });
    expect(scoreGuess(1, NaN)).toBeNull();
  });
});

describe('tables and checks', () => {
  it('collects the columns of rows that differ', () => {
    expect(tableColumns([{ part: 'a', k: 1 }, { part: 'b', slope: 2 }])).toEqual(['part', 'k', 'slope']);
    const c = { name: 'n', value: 1, expected: 2, tolerance: 0.5, passed: false, why: 'w' };
    expect(checkRule(c)).toBe('2 ± 0.5');
    expect(checkRule({ ...c, comparison: 'at-most' })).toBe('≤ 2 + 0.5');
  });
});

describe('open-in-lab links', () => {
  it('are valid lab URLs that open without a notice', () => {
    expect(LINKED_LESSONS.length).toBeGreaterThanOrEqual(6);
    for (const key of LINKED_LESSONS) {
      for (const link of labLinks(key)) {
        const parsed = parseUrlState(link.href);
        expect(parsed.notices, link.href).toEqual([]);
        expect(parsed.lab).toBe(link.lab);
      }
    }
    expect(parseUrlState(labLinks('02')[0].href).values).toMatchObject({ ensemble: 'spiked', spikes: [3] });
  });
});

describe('lesson catalogue and runs (the worker’s side)', () => {
  it('lists every notebook as plain data, with prompts on 01–03, 09 and 10–14', () => {
    const list = lessonCatalogue();
    expect(list.map((c) => c.key).slice(0, 6)).toEqual(['01', '02', '03', '04', '05', '06']);
    expect(structuredClone(list)).toEqual(list);
    for (const c of list) {
      expect(c.sections.length).toBeGreaterThan(0);
      expect(c.title.length).toBeGreaterThan(5);
    }
    expect(list.filter((c) => c.predict.length > 0).map((c) => c.key)).toEqual(['01', '02', '03', '09', '10', '11', '12', '13', '14']);
  });

  it('runs a small notebook and answers its questions from the result', async () => {
    const stages: number[] = [];
    const run = await runLesson('02', { onProgress: (p) => stages.push(p.fraction) });
    expect(stages.at(-1)).toBe(1);
    expect(structuredClone(run)).toEqual(run);
    expect(run.result.checks.every((c) => c.passed)).toBe(true);
    expect(run.answers).toHaveLength(2);
    expect(run.answers[0]).toBeCloseTo(1 + 1 / Math.sqrt(2), 9);
    expect(run.answers[1]).toBeGreaterThan(0.3);
    expect(run.answers[1]).toBeLessThan(1);
    const info = lessonCatalogue().find((c) => c.key === '02')!;
    for (const p of info.predict) expect(run.result.figures[p.figure].series.some((s) => s.theory)).toBe(true);
  });

  it('refuses unknown lessons and honours an abort signal', async () => {
    await expect(runLesson('99')).rejects.toThrow(/invalid lesson/);
    await expect(runLesson({ toString: () => '01' })).rejects.toThrow(/invalid lesson/);
    const controller = new AbortController();
    controller.abort();
    await expect(runLesson('01', { signal: controller.signal })).rejects.toThrow();
  });
});

describe('lesson runner (main thread side)', () => {
  it('a run that does not hear its cancel is stopped by terminating the worker; the next run starts a fresh one', async () => {
    const { workerLessonRunner } = await import('../../src/ui/lessons/runner.js');
    const { isCancelled } = await import('../../src/labs/index.js');
    let started = 0;
    let terminated = 0;
    const start = () => {
      started++;
      const api = {
        catalogue: () => Promise.resolve(lessonCatalogue()),
        // A notebook that never yields: only terminating its worker stops it.
        run: () => new Promise<never>(() => {}),
        cancel: () => Promise.resolve(true),
      };
      return Promise.resolve({ api: api as never, terminate: () => void terminated++ });
    };
    const runner = workerLessonRunner(start, 5);
    expect((await runner.catalogue()).length).toBeGreaterThanOrEqual(6);
    const pending = runner.run(1, '01', () => {});
    await Promise.resolve();
    runner.cancel(1);
    const error = await pending.catch((e: unknown) => e);
    expect(isCancelled(error)).toBe(true);
    await Promise.resolve();
    expect(terminated).toBe(1);
    const second = runner.run(2, '01', () => {}).catch((e: unknown) => e);
    await Promise.resolve();
    expect(started).toBe(2);
    // The catalogue is kept: no new worker just to list the lessons.
    await runner.catalogue();
    expect(started).toBe(2);
    runner.dispose();
    expect(isCancelled(await second)).toBe(true);
  });
});

describe('predict first gives nothing away', () => {
  // What the page shows before the guesses are locked: the title, the questions and the sections not marked as
  // answers (the summary, the figures, the table and the checks wait). Each answer is named by its formula and value.
  const answers: Record<string, string[]> = {
    '01': ['(1 ± 1/√Q)²', '(1 + 1/√Q)²', '(1 + 1/√3)²', '2.48', '2.49'],
    '02': ['1 + √γ', '1 + 1/√Q', '1.707', '1.71', '(1 − γ/(ℓ − 1)²)'],
    '09': ['(1 ∓ 1/√Q)²', '(1 + 1/√Q)²', '5.24'],
    '14': ['−0.763', '-0.763', '0.7632', '0.7633'],
  };
  it.each(Object.keys(answers))('lesson %s holds its answers back until the prediction is locked', (key) => {
    const info = lessonCatalogue().find((c) => c.key === key)!;
    const shown = [info.title, ...info.predict.map((p) => p.prompt), ...info.sections.filter((s) => !s.afterPrediction).map((s) => `${s.heading} ${s.markdown}`)].join('\n');
    for (const answer of answers[key]) expect(shown).not.toContain(answer);
    // The answers are still in the lesson, after the prediction.
    const after = info.sections.filter((s) => s.afterPrediction).map((s) => s.markdown).join('\n');
    expect(answers[key].some((a) => after.includes(a))).toBe(true);
  });
});

describe('the first view’s story', () => {
  it('names only lessons that exist and lab links that open without a notice; a step is one entry', () => {
    const keys = new Set(lessonCatalogue().map((c) => c.key));
    expect(STORY.length).toBeGreaterThanOrEqual(7);
    for (const step of STORY) {
      expect(step.links.length).toBeGreaterThan(0);
      for (const link of step.links) {
        if (link.lesson !== undefined) {
          expect(keys.has(link.lesson), link.href).toBe(true);
          expect(parseLessonState(link.href)).toMatchObject({ lesson: link.lesson, notices: [] });
        } else {
          const parsed = parseUrlState(link.href);
          expect(parsed.notices, link.href).toEqual([]);
          expect(parsed.lab).toBe(link.lab);
        }
      }
    }
  });
});
