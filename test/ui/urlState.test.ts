import { describe, expect, it } from 'vitest';
import { checkLabValues, LAB_IDS, labDefaults } from '../../src/labs/index.js';
import { parseShell, serializeShell } from '../../src/ui/state/shell.js';
import { parseUrlState, serializeUrlState } from '../../src/ui/state/urlState.js';

describe('URL state', () => {
  it('opens the spectrum lab with defaults and no notice on an empty query', () => {
    const s = parseUrlState('');
    expect(s.lab).toBe('spectrum');
    expect(s.values).toEqual(labDefaults('spectrum'));
    expect(s.notices).toEqual([]);
    expect(s.hidden).toEqual([]);
  });

  it('reads valid values, including lists and string seeds', () => {
    const s = parseUrlState('?lab=spectrum&n=1200&q=3&ensemble=spiked&spikes=2,5.5&seed=hello&sigma=0.5');
    expect(s.notices).toEqual([]);
    expect(s.values).toMatchObject({ n: 1200, q: 3, ensemble: 'spiked', spikes: [2, 5.5], seed: 'hello', sigma: 0.5 });
  });

  it.each(LAB_IDS)('round-trips every field of the %s lab', (lab) => {
    const first = parseUrlState(`?lab=${lab}&seed=42`);
    const text = serializeUrlState(first);
    const again = parseUrlState(text);
    expect(again.notices).toEqual([]);
    expect(again.values).toEqual(first.values);
    expect(serializeUrlState(again)).toBe(text);
  });

  it('resets invalid values to defaults and says what it reset', () => {
    const s = parseUrlState('?lab=spectrum&n=abc&q=0.2&sigma=1e9&ensemble=cauchy&spikes=1,x&bogus=1');
    expect(s.values).toEqual(labDefaults('spectrum'));
    const text = s.notices.join('\n');
    for (const name of ['n=', 'q=', 'sigma=', 'ensemble=', 'spikes=', 'bogus']) expect(text).toContain(name);
    expect(s.notices).toHaveLength(6);
  });

  it('falls back to the spectrum lab for an unknown lab', () => {
    const s = parseUrlState('?lab=nonsense&n=5');
    expect(s.lab).toBe('spectrum');
    expect(s.notices[0]).toMatch(/unknown lab/);
  });

  it('applies cross-field rules: the stable law needs μ ≤ 2, M has a ceiling', () => {
    const stable = parseUrlState('?lab=spectrum&ensemble=heavy-tailed&law=stable&mu=3');
    expect(stable.values.mu).toBe(2);
    expect(stable.notices.join()).toMatch(/stable/);
    const huge = parseUrlState('?lab=spectrum&n=20000&q=1');
    expect(huge.values.n).toBe(6000);
    expect(huge.notices.join()).toMatch(/limit/);
    const fitter = parseUrlState('?lab=fitter&law=stable&mus=1,3,4');
    expect(fitter.values.mus).toEqual([1]);
  });

  it('refuses a seed of spaces, and says why a seed is refused without repeating it whole', () => {
    const blank = parseUrlState('?lab=spectrum&seed=%20%20%20');
    expect(blank.values.seed).toBe(labDefaults('spectrum').seed);
    expect(blank.notices.join()).toMatch(/not a seed: only spaces/);
    const long = parseUrlState(`?lab=spectrum&seed=${'x'.repeat(300)}`);
    expect(long.notices).toHaveLength(1);
    expect(long.notices[0]).toMatch(/is not a seed \(.*256 characters.*\): reset to/);
    expect(long.notices[0].length).toBeLessThan(250);
  });

  it('reads numbers written in decimal only (0x10 is not 16)', () => {
    for (const text of ['0x10', '0b11', '1_000', 'Infinity', 'NaN', '1e', '--1']) {
      const s = parseUrlState(`?lab=spectrum&n=${text}`);
      expect(s.values.n, text).toBe(labDefaults('spectrum').n);
      expect(s.notices.join(), text).toMatch(/is not a decimal number: reset to/);
    }
    expect(parseUrlState('?lab=spectrum&n=1.5e3').values.n).toBe(1500);
    expect(parseUrlState('?lab=spectrum&sigma=.5').values.sigma).toBe(0.5);
    // Lists too: a μ of 0x10 is not 16.
    const hex = parseUrlState('?lab=fitter&mus=1,0x10');
    expect(hex.values.mus).toEqual(labDefaults('fitter').mus);
    expect(hex.notices.join()).toMatch(/mus="1,0x10" is not a comma-separated list of decimal numbers: reset to/);
    expect(parseUrlState('?lab=fitter&mus=1.5e0,.5').values.mus).toEqual([1.5, 0.5]);
  });

  it('refuses an empty μ list for the fitter (a batch of nothing), keeps an empty list of landscape widths', () => {
    const fitter = parseUrlState('?lab=fitter&mus=');
    expect(fitter.values.mus).toEqual(labDefaults('fitter').mus);
    expect(fitter.notices.join()).toMatch(/mus="" is an empty list: reset to 1,1.5,2/);
    expect(parseUrlState('?lab=landscape&sizes=').values.sizes).toEqual([]);
  });

  it('parses ?hide= into known control names and reports unknown ones', () => {
    const s = parseUrlState('?lab=edge&hide=mu,seed,newdraw,warp');
    expect(s.hidden).toEqual(['mu', 'seed', 'newdraw']);
    expect(s.notices.join()).toMatch(/warp/);
    expect(serializeUrlState(s)).toContain('hide=mu,seed,newdraw');
  });

  it('keeps a hidden control of another lab without a notice: the class list goes from lab to lab', () => {
    // ?lab=spectrum&hide=sigma, then the Edge tab: the edge lab's link carries hide=sigma and must open cleanly.
    const s = parseUrlState('?lab=edge&hide=sigma,seed');
    expect(s.hidden).toEqual(['sigma', 'seed']);
    expect(s.notices).toEqual([]);
    expect(parseUrlState(serializeUrlState({ ...s, lab: 'spectrum', values: labDefaults('spectrum') })).hidden).toEqual(['sigma', 'seed']);
  });

  it('never throws on hostile input', () => {
    for (const q of ['?%', '?lab=', '?n=&q=', `?seed=${'x'.repeat(5000)}`, '?spikes=' + '1,'.repeat(100), '?lab=phase&alphaSteps=1e400']) {
      const s = parseUrlState(q);
      expect(LAB_IDS).toContain(s.lab);
    }
    // Keys that name an object's own methods are unknown parameters, not fields.
    const methods = parseUrlState('?lab=edge&toString=1&constructor=2&__proto__=3&hasOwnProperty=4');
    expect(methods.values).toEqual(labDefaults('edge'));
    expect(methods.notices).toHaveLength(4);
  });
});

describe('worker message checks', () => {
  it('accepts a lab state and rejects wrong types, ranges and unknown keys', () => {
    expect(() => checkLabValues('edge', labDefaults('edge'))).not.toThrow();
    expect(() => checkLabValues('edge', null)).toThrow(/edge request/);
    expect(() => checkLabValues('edge', { ...labDefaults('edge'), n: '400' })).toThrow(/invalid n/);
    expect(() => checkLabValues('edge', { ...labDefaults('edge'), draws: 1e9 })).toThrow(/draws/);
    expect(() => checkLabValues('edge', { ...labDefaults('edge'), extra: 1 })).toThrow(/extra/);
  });
});

describe('phase lab: layer map state', () => {
  it('reads the layer mode and its controls, round-trips them and resets bad values with notices', () => {
    const ok = parseUrlState('?lab=phase&mode=layer&teacher=spiked&layerSpikes=4,9&layerK=20&layerN=40&layerAlphaSteps=4&layerTauSteps=3');
    expect(ok.notices).toEqual([]);
    expect(ok.values).toMatchObject({ mode: 'layer', teacher: 'spiked', layerSpikes: [4, 9], layerK: 20, layerN: 40, layerAlphaSteps: 4, layerTauSteps: 3 });
    expect(parseUrlState(serializeUrlState(ok)).values).toEqual(ok.values);
    const bad = parseUrlState('?lab=phase&mode=cube&teacher=pareto&layerSpikes=0.5&layerK=5&layerTauSteps=99');
    expect(bad.values).toMatchObject({ mode: 'perceptron', teacher: 'spiked', layerSpikes: [5, 10], layerK: 40, layerTauSteps: 3 });
    for (const part of ['mode="cube"', 'teacher="pareto"', 'layerSpikes="0.5"', 'layerK="5"', 'layerTauSteps="99"']) expect(bad.notices.join('\n')).toContain(part);
    // A spiked teacher with no spike is reset, with a notice.
    const empty = parseUrlState('?lab=phase&mode=layer&layerSpikes=');
    expect(empty.values.layerSpikes).toEqual([5, 10]);
    expect(empty.notices.join('\n')).toContain('at least one spike');
    expect(parseUrlState('?lab=phase&mode=layer&teacher=gaussian&layerSpikes=').notices).toEqual([]);
  });
});

describe('the page in the URL (shell)', () => {
  it('opens the first view on an empty query, and on presentation mode alone', () => {
    expect(parseShell('')).toMatchObject({ view: 'home', present: false, notices: [] });
    expect(parseShell('?present=1')).toMatchObject({ view: 'home', present: true, notices: [] });
    expect(serializeShell({ ...parseShell(''), present: false })).toBe('');
    expect(serializeShell({ ...parseShell(''), present: true })).toBe('?present=1');
  });

  it('never lands a link with parameters on the first view: lab links read exactly as before', () => {
    for (const query of ['?hide=tabs', '?n=500', '?lab=spectrum', '?seed=3&present=1']) expect(parseShell(query).view).toBe('spectrum');
    const old = '?lab=edge&ensemble=gaussian&law=pareto&n=400&q=2&mu=3&draws=400&bins=40&seed=1';
    const shell = parseShell(old);
    expect(shell).toMatchObject({ view: 'edge', notices: [] });
    // Every field is written back: one added since the link was made (the compute backend) with its default.
    expect(serializeShell(shell)).toBe(`${old}&backend=auto`);
  });

  it('carries presentation mode through labs and lessons, and repairs a bad value', () => {
    const lab = parseShell('?lab=phase&present=1');
    expect(lab).toMatchObject({ view: 'phase', present: true, notices: [] });
    expect(serializeShell(lab)).toMatch(/^\?lab=phase&.*&present=1$/);
    const lesson = parseShell('?lab=lesson&lesson=02&predict=1&hide=predict&present=1');
    expect(lesson).toMatchObject({ view: 'lesson', lesson: '02', predict: true, hidden: ['predict'], present: true });
    expect(serializeShell(lesson)).toBe('?lab=lesson&lesson=02&predict=1&hide=predict&present=1');
    // The plural, as the Lessons tab reads, opens the same view; links are written with the singular.
    const plural = parseShell('?lab=lessons&lesson=01');
    expect(plural).toMatchObject({ view: 'lesson', lesson: '01', notices: [] });
    expect(serializeShell(plural)).toBe('?lab=lesson&lesson=01');
    expect(parseShell('?lab=spectrum&present=maybe').notices.join()).toMatch(/present="maybe"/);
  });

  it('use the first value of a key given more than once, for the lab, its fields, the lessons and present alike, and say so', () => {
    const lab = parseShell('?lab=fitter&n=200&lab=edge&n=300&n=400');
    expect(lab.view).toBe('fitter');
    expect((lab.values as Record<string, unknown>).n).toBe(200);
    expect(lab.notices).toEqual(['"lab" is given 2 times: the first, lab="fitter", is used', '"n" is given 3 times: the first, n="200", is used']);
    const lesson = parseShell('?lab=lesson&lesson=03&lesson=02&present=1&present=0');
    expect(lesson).toMatchObject({ view: 'lesson', lesson: '03', present: true });
    expect(lesson.notices).toHaveLength(2);
    // Once is no repetition: a link the page writes parses without notices.
    expect(parseShell(serializeShell(lab)).notices).toEqual([]);
  });
});
