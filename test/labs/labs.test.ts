// The lab definitions shared by the page and its workers: one set of limits, checked the same way on both sides.
import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import { createStream } from '../../src/core/random/index.js';
import {
  applyConstraints,
  brokenConstraint,
  checkJobId,
  checkLabValues,
  formatValue,
  LAB_IDS,
  labDefaults,
  labFields,
  layerAxes,
  monteCarloAxes,
  phaseAxes,
  ASK_SECONDS,
  denseSeconds,
  edgeEstimate,
  fitterEstimate,
  layerEstimate,
  MAX_M,
  monteCarloEstimate,
  ruleMax,
  SLOW_M,
  spectrumEstimate,
  type Field,
  type LabId,
} from '../../src/labs/index.js';
import { parseUrlState, serializeUrlState } from '../../src/ui/state/urlState.js';
import { DEFAULT_LANDSCAPE_LIMITS, estimateLandscape, resolveLandscape } from '../../src/core/landscape/index.js';
import {
  enumerationWorkers,
  LANDSCAPE_MAX_ENUMERATION_N,
  landscapeEstimate,
  landscapeLaws,
  landscapeOptions,
  reportedCores,
  THREAD_ENUMERATION_N,
  widthOptions,
} from '../../src/labs/index.js';

/** URL text for a field: inside its range, at an end, beyond an end, or not a value at all. */
function fieldText(field: Field, u: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(u() * items.length)];
  switch (field.kind) {
    case 'number': {
      const { min, max } = field;
      const inside = min + u() * (max - min);
      return String(pick([field.integer ? Math.round(inside) : inside, min, max, max * 2 + 1, min - 1, 'x']));
    }
    case 'list':
      return Array.from({ length: Math.floor(u() * (field.maxLength + 2)) }, () => String(pick([field.min, field.max, field.min + u() * (field.max - field.min), field.max + 1]))).join(',');
    case 'enum':
      return pick([...field.options, 'nonsense']);
    case 'seed':
      return pick(['0', '42', 'hello', '']);
    case 'bool':
      return pick(['0', '1', 'maybe']);
  }
}

describe('lab values', () => {
  it.each(LAB_IDS)('the %s defaults pass the worker check', (lab) => {
    expect(() => checkLabValues(lab, labDefaults(lab))).not.toThrow();
  });

  it('refuses what is not a lab state, naming the field and what it allows', () => {
    const edge = labDefaults('edge');
    const refusal = (values: unknown, lab: LabId = 'edge'): ParameterError => {
      try {
        checkLabValues(lab, values);
      } catch (error) {
        if (error instanceof ParameterError) return error;
      }
      throw new Error('expected a ParameterError');
    };
    expect(refusal([]).parameter).toBe('edge request');
    expect(refusal({ ...edge, toString: 1 }).value).toBe('toString');
    const { draws: _draws, ...missing } = edge;
    expect(refusal(missing).parameter).toBe('draws');
    expect(refusal({ ...edge, draws: 40.5 }).message).toBe('invalid draws: 40.5 (not an integer); allowed: an integer in [20, 5000]');
    expect(refusal({ ...edge, ensemble: 'cauchy' }).allowed).toBe('one of gaussian, heavy-tailed');
    expect(refusal({ ...edge, seed: 7 }).parameter).toBe('seed');
    expect(refusal({ ...labDefaults('fitter'), mus: [1, '2'] }, 'fitter').parameter).toBe('mus');
  });

  it('refuses values that break a cross-field rule, which the URL parser would have repaired', () => {
    const stable = { ...labDefaults('spectrum'), ensemble: 'heavy-tailed', law: 'stable', mu: 3 };
    expect(() => checkLabValues('spectrum', stable)).toThrow(/invalid mu: 3; allowed: μ ≤ 2 for the stable law/);
    expect(() => checkLabValues('spectrum', { ...labDefaults('spectrum'), n: 20000, q: 1 })).toThrow(/invalid n: 20000/);
    expect(() => checkLabValues('edge', { ...labDefaults('edge'), ensemble: 'heavy-tailed', n: 4000 })).toThrow(/invalid n/);
    expect(() => checkLabValues('phase', { ...labDefaults('phase'), teacher: 'spiked', layerSpikes: [] })).toThrow(/invalid layerSpikes/);
    // Checking changes nothing; repairing does, and says what.
    expect(brokenConstraint('spectrum', stable)).toEqual({ field: 'mu', allowed: 'μ ≤ 2 for the stable law' });
    expect(stable.mu).toBe(3);
    expect(applyConstraints('spectrum', stable)).toEqual(['the stable law needs μ ≤ 2: μ set to 2']);
    expect(stable.mu).toBe(2);
    expect(brokenConstraint('spectrum', stable)).toBeNull();
  });

  it('never offers a value the worker refuses: whatever a URL says, the parsed lab passes the check', () => {
    // 400 seeded random links per lab, each field inside, at, beyond its limits or garbage, in random combinations.
    const stream = createStream(20240611, 'labs-fuzz');
    const u = () => stream.nextFloat();
    for (const lab of LAB_IDS) {
      const fields = Object.entries(labFields(lab));
      for (let trial = 0; trial < 400; trial++) {
        const params = new URLSearchParams({ lab });
        for (const [name, field] of fields) if (u() < 0.5) params.set(name, fieldText(field, u));
        const parsed = parseUrlState(`?${params}`);
        expect(parsed.lab).toBe(lab);
        expect(() => checkLabValues(lab, parsed.values), `?${params}`).not.toThrow();
        // And the link the page writes back (numbers to 12 digits) reads back without a notice, to the same link.
        const link = serializeUrlState(parsed);
        const again = parseUrlState(link);
        expect(again.notices).toEqual([]);
        expect(serializeUrlState(again)).toBe(link);
      }
    }
  });

  it('formats values in their field’s own words, and refuses values the field would not accept', () => {
    const fields = labFields('spectrum');
    expect(formatValue(fields.spikes, [4, 0.1 + 0.2])).toBe('4,0.3');
    expect(formatValue(fields.n, 1000)).toBe('1000');
    expect(formatValue(fields.n, 1e9)).toBeNull();
    expect(formatValue(fields.ensemble, 'cauchy')).toBeNull();
  });

  it('checks job ids', () => {
    expect(checkJobId(7)).toBe(7);
    for (const bad of [1.5, '7', NaN, 2 ** 60]) expect(() => checkJobId(bad)).toThrow(ParameterError);
  });
});

describe('grids and estimates', () => {
  it('puts the grids one step above 0 up to the maxima', () => {
    const v = { ...labDefaults('phase'), alphaMax: 3, alphaSteps: 6, tauMax: 1, tauSteps: 4, mcAlphaSteps: 3, mcTauSteps: 2, layerAlphaSteps: 2, layerTauSteps: 1 };
    expect(phaseAxes(v)).toEqual({ alphas: [0.5, 1, 1.5, 2, 2.5, 3], taus: [0.25, 0.5, 0.75, 1] });
    expect(monteCarloAxes(v)).toEqual({ alphas: [1, 2, 3], taus: [0.5, 1] });
    expect(layerAxes(v)).toEqual({ alphas: [1.5, 3], taus: [1] });
  });

  it('asks before a spectrum of more than SLOW_M eigenvalues, with a cost growing as M³', () => {
    const at = (m: number) => spectrumEstimate({ n: 2 * m, q: 2 });
    expect(at(SLOW_M).ask).toBe(false);
    expect(at(SLOW_M + 1).ask).toBe(true);
    expect(at(2000).seconds / at(1000).seconds).toBeCloseTo(8, 12);
  });

  it('asks before every job estimated beyond a few seconds, and not before the defaults', () => {
    for (const lab of ['edge', 'fitter'] as const) expect(lab === 'edge' ? edgeEstimate(labDefaults('edge')).ask : fitterEstimate(labDefaults('fitter')).ask).toBe(false);
    expect(monteCarloEstimate(labDefaults('phase')).ask).toBe(false);
    // The default layer map (K = 40 rows of 80 weights, 12 cells, 600 sweeps) is about ten seconds: it asks.
    expect(layerEstimate(labDefaults('phase')).seconds).toBeGreaterThan(ASK_SECONDS);
    // The runs that started without a word: heavy-tailed edge draws at N = 2000, a 16 × 10 fitter batch at N = 4000.
    expect(edgeEstimate({ ensemble: 'heavy-tailed', n: 2000, q: 2, draws: 5000 })).toMatchObject({ ask: true });
    const batch = { n: 4000, q: 2, mus: Array.from({ length: 16 }, (_, i) => 0.5 + i * 0.25), reps: 10 };
    expect(fitterEstimate(batch).ask).toBe(true);
    expect(fitterEstimate(batch).seconds).toBeCloseTo(160 * denseSeconds(4000, 2000), 9);
    // The phase lab at its maximum: hours, which the page asks about (the worker refuses it unless confirmed).
    const max = { ...labDefaults('phase'), alphaMax: 10, mcN: 400, mcAlphaSteps: 16, mcTauSteps: 16, samples: 8, sweeps: 5000 };
    const e = monteCarloEstimate(max);
    expect(e.ask).toBe(true);
    expect(e.seconds).toBeGreaterThan(6 * 3600);
    expect(layerEstimate({ ...max, layerK: 200, layerN: 400, layerAlphaSteps: 12, layerTauSteps: 8 }).ask).toBe(true);
    // An estimate is monotone in the work it counts.
    expect(edgeEstimate({ ensemble: 'gaussian', n: 400, q: 2, draws: 800 }).seconds).toBeCloseTo(2 * edgeEstimate({ ensemble: 'gaussian', n: 400, q: 2, draws: 400 }).seconds, 12);
    expect(ASK_SECONDS).toBeGreaterThan(1);
  });

  it('repairs an empty spike list and bounds each slider by the rules', () => {
    const spiked = { ...labDefaults('spectrum'), ensemble: 'spiked', spikes: [] };
    expect(() => checkLabValues('spectrum', spiked)).toThrow(/invalid spikes/);
    expect(applyConstraints('spectrum', spiked)).toEqual(['the spiked ensemble needs at least one spike: spikes reset to 4']);
    expect(spiked.spikes).toEqual([4]);
    expect(parseUrlState('?lab=spectrum&ensemble=spiked&spikes=').values.spikes).toEqual([4]);
    // Gaussian spectra need no spikes: an empty list is fine there.
    expect(brokenConstraint('spectrum', { ...labDefaults('spectrum'), spikes: [] })).toBeNull();
    expect(ruleMax('spectrum', 'n', { ...labDefaults('spectrum'), q: 2 })).toBe(2 * MAX_M);
    expect(ruleMax('edge', 'n', { ...labDefaults('edge'), ensemble: 'heavy-tailed' })).toBe(2000);
    expect(ruleMax('edge', 'n', labDefaults('edge'))).toBe(Infinity);
    expect(ruleMax('fitter', 'n', labDefaults('fitter'))).toBe(Infinity);
  });
});

describe('the landscape lab', () => {
  const defaults = labDefaults('landscape');

  it('compares the chosen couplings with Gaussian ones at the same seed and N, and runs the core with them', () => {
    expect(landscapeLaws(defaults).map((l) => [l.couplings, l.mu, l.finiteVariance])).toEqual([['pareto', 1.5, false], ['gaussian', null, true]]);
    expect(landscapeLaws({ ...defaults, couplings: 'gaussian' }).map((l) => l.label)).toEqual(['Gaussian (SK)']);
    expect(landscapeLaws({ ...defaults, compare: false, couplings: 'student-t', mu: 3 }).map((l) => [l.label, l.finiteVariance])).toEqual([['Student-t μ = 3', true]]);
    const [pareto, gaussian] = landscapeLaws(defaults);
    expect(landscapeOptions(defaults, gaussian)).toEqual({ couplings: 'gaussian', mu: null, planted: 0, n: 24, instances: 8, method: 'enumerate', quenches: 300, rule: 'greedy', seed: 1 });
    expect(widthOptions(defaults, pareto, 128)).toMatchObject({ couplings: 'pareto', mu: 1.5, n: 128, method: 'quench' });
    // Every lab value the worker accepts is a run the core accepts.
    expect(() => resolveLandscape(landscapeOptions({ ...defaults, couplings: 'stable', mu: 2, n: LANDSCAPE_MAX_ENUMERATION_N }, landscapeLaws({ ...defaults, couplings: 'stable', mu: 2 })[0]))).not.toThrow();
  });

  it('repairs what the worker refuses: μ for the stable law, enumeration beyond the core limit, too many minima', () => {
    expect(LANDSCAPE_MAX_ENUMERATION_N).toBe(DEFAULT_LANDSCAPE_LIMITS.maxEnumerationN);
    const v = { ...defaults, couplings: 'stable', mu: 3, n: 40, instances: 100, quenches: 5000 };
    expect(brokenConstraint('landscape', v)).toEqual({ field: 'mu', allowed: 'μ ≤ 2 for the stable law' });
    expect(applyConstraints('landscape', v)).toEqual([
      'the stable law needs μ ≤ 2: μ set to 2',
      'exact enumeration visits 2^(N−1) configurations: N reduced to 36 (tempering or quench give the best found at larger N)',
      'the lab keeps at most 100000 minima per law: quenches reduced to 1000 per instance',
    ]);
    expect(() => checkLabValues('landscape', v)).not.toThrow();
    expect(() => checkLabValues('landscape', { ...defaults, method: 'tempering', n: 1000 })).not.toThrow();
    expect(() => checkLabValues('landscape', { ...defaults, sizes: [16.5] })).toThrow(/invalid sizes: .*not an integer/);
  });

  it('enumerates in the lab worker up to N = 28 and on up to 8 web workers above', () => {
    expect(enumerationWorkers({ n: THREAD_ENUMERATION_N, method: 'enumerate' }, 16)).toBe(1);
    expect(enumerationWorkers({ n: THREAD_ENUMERATION_N + 1, method: 'enumerate' }, 4)).toBe(4);
    expect(enumerationWorkers({ n: 36, method: 'enumerate' }, 64)).toBe(8);
    expect(enumerationWorkers({ n: 500, method: 'tempering' }, 16)).toBe(1);
    expect([reportedCores(undefined), reportedCores(0), reportedCores(6)]).toEqual([1, 1, 6]);
  });

  it('estimates a request as the core estimates its runs, and asks beyond ASK_SECONDS', () => {
    const request = { ...defaults, n: 30, sizes: [64, 128] };
    const laws = landscapeLaws(request);
    const core = laws.reduce(
      (sum, law) =>
        sum +
        estimateLandscape(resolveLandscape(landscapeOptions(request, law)), { workers: 4 }).seconds +
        request.sizes.reduce((s, n) => s + estimateLandscape(resolveLandscape(widthOptions(request, law, n))).seconds, 0),
      0,
    );
    const e = landscapeEstimate(request, 4);
    // The spectra add N³ work per draw (a few milliseconds at N = 30).
    expect(e.seconds - core).toBeGreaterThan(0);
    expect(e.seconds - core).toBeLessThan(0.01);
    expect(e.text).toContain('4 web workers');
    expect(landscapeEstimate(defaults, 2).ask).toBe(false);
    const long = landscapeEstimate({ ...defaults, n: 36 }, 2);
    expect(long.seconds).toBeGreaterThan(ASK_SECONDS);
    expect(long.ask).toBe(true);
  });
});
